using System.Security.Cryptography;
using SegBench.Data.Formats;

namespace SegBench.Data.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("segbench-atomic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AFileLongerThanTheWritebackIntervalIsCommittedWholeWithItsChecksum()
    {
        // Long enough that flushes start in the background while writing goes on.
        var chunk = new byte[1 << 20];
        new Random(7).NextBytes(chunk);
        var chunks = (int)(BackgroundWriteback.Interval / chunk.Length * 2) + 3;
        var path = Path.Combine(_directory, "big.bin");
        using var expected = new Checksum(ChecksumAlgorithm.Sha256);
        string? checksum;
        using (var file = new AtomicFile(path, ChecksumAlgorithm.Sha256))
        {
            for (var i = 0; i < chunks; i++)
            {
                chunk[0] = (byte)i;
                file.Stream.Write(chunk);
                expected.Append(chunk);
            }

            File.Exists(path).Should().BeFalse("nothing is at the final path before the commit");
            file.Commit();
            checksum = file.Checksum;
        }

        checksum.Should().Be(expected.Finish());

        new FileInfo(path).Length.Should().Be((long)chunks * chunk.Length);
        using (var stream = File.OpenRead(path))
        {
            ("sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream))).Should().Be(checksum, "the bytes on disk are the bytes written");
        }

        Directory.GetFiles(_directory).Should().Equal([path], "no temporary file is left beside it");
    }

    [Fact]
    public void AnAbandonedFileLeavesNothingEvenAfterBackgroundFlushes()
    {
        var path = Path.Combine(_directory, "abandoned.bin");
        var chunk = new byte[1 << 20];
        using (var file = new AtomicFile(path))
        {
            for (var i = 0; i < (BackgroundWriteback.Interval / chunk.Length) + 2; i++)
            {
                file.Stream.Write(chunk);
            }
        }

        Directory.GetFiles(_directory).Should().BeEmpty();
    }
}
