using SegBench.Data.Formats;

namespace SegBench.Generator.Engine;

/// <summary>What checking one listed file against its manifest entry found.</summary>
public enum FileCheckStatus
{
    /// <summary>The size and checksum match.</summary>
    Ok,

    /// <summary>No file at the listed path.</summary>
    Missing,

    /// <summary>The file's size differs from the listed size (its checksum is not computed).</summary>
    SizeDiffers,

    /// <summary>The size matches but the checksum does not.</summary>
    ChecksumDiffers,

    /// <summary>The entry has no checksum, or one of an unknown algorithm, or a path outside the dataset folder.</summary>
    Unverifiable,
}

/// <summary>The check of one file a manifest lists.</summary>
/// <param name="File">The manifest's entry.</param>
/// <param name="Status">What the check found.</param>
/// <param name="Detail">Why it failed, for a reader; null when <see cref="FileCheckStatus.Ok"/>.</param>
public sealed record FileCheck(FileManifest File, FileCheckStatus Status, string? Detail);

/// <summary>Checks a dataset's files against the sizes and checksums its manifest lists.</summary>
public static class ManifestVerification
{
    /// <summary>Checks every file <paramref name="manifest"/> lists, one at a time, relative to <paramref name="directory"/>.</summary>
    public static IEnumerable<FileCheck> Verify(Manifest manifest, string directory)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(directory);
        var root = Path.GetFullPath(directory);
        foreach (var file in manifest.Tables.SelectMany(t => t.Files))
        {
            yield return Check(file, root);
        }
    }

    private static FileCheck Check(FileManifest file, string root)
    {
        var path = Path.GetFullPath(Path.Combine(root, file.Path));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return new FileCheck(file, FileCheckStatus.Unverifiable, "the path leads outside the dataset folder");
        }

        if (file.Checksum is null)
        {
            return new FileCheck(file, FileCheckStatus.Unverifiable, "no checksum listed (a version 1 manifest lists bare SHA-256s; check those with sha256sum)");
        }

        ChecksumAlgorithm algorithm;
        try
        {
            algorithm = Checksum.AlgorithmOf(file.Checksum);
        }
        catch (FormatException error)
        {
            return new FileCheck(file, FileCheckStatus.Unverifiable, error.Message);
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return new FileCheck(file, FileCheckStatus.Missing, "no such file");
        }

        if (info.Length != file.Bytes)
        {
            return new FileCheck(file, FileCheckStatus.SizeDiffers, $"{info.Length:N0} bytes, listed as {file.Bytes:N0}");
        }

        var actual = Checksum.OfFile(path, algorithm);
        return string.Equals(actual, file.Checksum, StringComparison.OrdinalIgnoreCase)
            ? new FileCheck(file, FileCheckStatus.Ok, null)
            : new FileCheck(file, FileCheckStatus.ChecksumDiffers, $"checksum {actual}, listed as {file.Checksum}");
    }
}
