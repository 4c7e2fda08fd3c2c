using System.IO.Hashing;
using System.Security.Cryptography;

namespace SegBench.Data.Formats;

/// <summary>The checksum a written file carries in its manifest.</summary>
public enum ChecksumAlgorithm
{
    /// <summary>
    /// XXH3's 128-bit hash: an integrity check, not a seal against tampering, at about 20x the
    /// speed of SHA-256 (the 1.5 GB/s of SHA-256 was a tenth of a generate run's CPU).
    /// <c>xxhsum -H2</c> (or <c>xxh128sum</c>) prints the same hex.
    /// </summary>
    Xxh128,

    /// <summary>SHA-256, for pipelines that check files with <c>sha256sum</c> or need a cryptographic digest.</summary>
    Sha256,
}

/// <summary>
/// An incremental file checksum, written as <c>algorithm:hex</c> (<c>xxh128:…</c>,
/// <c>sha256:…</c>) so a manifest says how each of its checksums was made.
/// </summary>
public sealed class Checksum : IDisposable
{
    private readonly XxHash128? _xxh128;
    private readonly IncrementalHash? _sha256;

    /// <summary>Starts a checksum of nothing yet.</summary>
    public Checksum(ChecksumAlgorithm algorithm)
    {
        Algorithm = algorithm;
        switch (algorithm)
        {
            case ChecksumAlgorithm.Xxh128:
                _xxh128 = new XxHash128();
                break;
            case ChecksumAlgorithm.Sha256:
                _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null);
        }
    }

    /// <summary>The algorithm.</summary>
    public ChecksumAlgorithm Algorithm { get; }

    /// <summary>The algorithm's name as checksums are prefixed with it: xxh128 or sha256.</summary>
    public static string Name(ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Xxh128 => "xxh128",
        ChecksumAlgorithm.Sha256 => "sha256",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>The algorithm a name stands for (case-insensitive), or null if none does.</summary>
    public static ChecksumAlgorithm? Parse(string name)
    {
        foreach (var algorithm in Enum.GetValues<ChecksumAlgorithm>())
        {
            if (string.Equals(Name(algorithm), name, StringComparison.OrdinalIgnoreCase))
            {
                return algorithm;
            }
        }

        return null;
    }

    /// <summary>The algorithm that made <paramref name="checksum"/>, from its prefix.</summary>
    /// <exception cref="FormatException">The checksum names no known algorithm.</exception>
    public static ChecksumAlgorithm AlgorithmOf(string checksum)
    {
        ArgumentNullException.ThrowIfNull(checksum);
        var colon = checksum.IndexOf(':', StringComparison.Ordinal);
        return (colon > 0 ? Parse(checksum[..colon]) : null)
            ?? throw new FormatException($"'{checksum}' is not a checksum of the form xxh128:<hex> or sha256:<hex>.");
    }

    /// <summary>The checksum of a file's bytes, read once from start to end.</summary>
    public static string OfFile(string path, ChecksumAlgorithm algorithm)
    {
        using var checksum = new Checksum(algorithm);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            checksum.Append(buffer.AsSpan(0, read));
        }

        return checksum.Finish();
    }

    /// <summary>Adds bytes.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (_xxh128 is not null)
        {
            _xxh128.Append(data);
        }
        else
        {
            _sha256!.AppendData(data);
        }
    }

    /// <summary>The checksum of everything appended, as <c>algorithm:hex</c> in lower case.</summary>
    public string Finish()
    {
        // XxHash128 writes its value big-endian, the canonical order xxhsum prints.
        var digest = _xxh128 is not null ? _xxh128.GetCurrentHash() : _sha256!.GetHashAndReset();
        return $"{Name(Algorithm)}:{Convert.ToHexStringLower(digest)}";
    }

    /// <inheritdoc/>
    public void Dispose() => _sha256?.Dispose();
}
