using System.Globalization;
using System.IO.Compression;

namespace SegBench.Data.Formats.Xlsx;

/// <summary>
/// Checks a workbook before ExcelDataReader opens it: that it is a zip archive (or an OLE
/// compound file, which is how Excel stores an encrypted workbook), and that its parts do not
/// decompress to more than a limit, so a zip bomb is refused before anything inflates it.
/// </summary>
internal static class XlsxArchiveGuard
{
    private static ReadOnlySpan<byte> ZipSignature => [0x50, 0x4B, 0x03, 0x04];

    private static ReadOnlySpan<byte> EmptyZipSignature => [0x50, 0x4B, 0x05, 0x06];

    private static ReadOnlySpan<byte> CompoundFileSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>Throws a <see cref="DataFileException"/> for a file that must not be opened; leaves the stream at its start.</summary>
    public static void Check(string path, Stream stream, long maximumDecompressedBytes)
    {
        Span<byte> head = stackalloc byte[8];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        head = head[..read];
        if (head.StartsWith(CompoundFileSignature))
        {
            // An encrypted workbook (or a legacy .xls): ExcelDataReader tells which, and neither
            // is compressed, so there is nothing to cap.
            return;
        }

        if (!head.StartsWith(ZipSignature) && !head.StartsWith(EmptyZipSignature))
        {
            throw new DataFileException(path, "the file is not an XLSX workbook: it is not a zip archive, so it is corrupt or in another format");
        }

        long total = 0;
        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in archive.Entries)
            {
                // Sizes as the central directory declares them; ExcelDataReader's zip reader
                // (System.IO.Compression) stops an entry at its declared size.
                total += entry.Length;
                if (total > maximumDecompressedBytes)
                {
                    throw new DataFileException(
                        path,
                        $"the workbook decompresses to more than {Describe(maximumDecompressedBytes)} (at least {Describe(total)}), so it is refused as a possible zip bomb; raise {nameof(TableReadOptions.MaximumDecompressedBytes)} if the file is trusted");
                }
            }
        }
        catch (InvalidDataException exception)
        {
            throw new DataFileException(path, $"the workbook cannot be read: its zip archive is damaged ({exception.Message})", inner: exception);
        }
        finally
        {
            stream.Position = 0;
        }
    }

    private static string Describe(long bytes) => bytes >= 1 << 20
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 20):0.#} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}
