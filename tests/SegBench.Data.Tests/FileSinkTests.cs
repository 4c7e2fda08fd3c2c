using Microsoft.Win32.SafeHandles;
using SegBench.Data.Formats;

namespace SegBench.Data.Tests;

public sealed class FileSinkTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("segbench-sink-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<long> Lengths() =>
    [
        0, 1, 4095, 4096, 4097, DirectFile.BufferSize - 1, DirectFile.BufferSize, DirectFile.BufferSize + 1, (5L * DirectFile.BufferSize) + 12_345,
    ];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void TheDirectSinkWritesExactlyTheBytesAppended(long length)
    {
        var path = Path.Combine(_directory, "direct.bin");
        using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
        using var sink = DirectFile.TryCreate(handle);
        if (sink is null)
        {
            // This file system takes no direct writes: the handle must be left as it was, usable.
            OperatingSystem.IsLinux().Should().BeTrue("elsewhere the direct sink is never offered, so this is a Linux file system without O_DIRECT");
            RandomAccess.Write(handle, new byte[] { 1, 2, 3 }, 0);
            RandomAccess.GetLength(handle).Should().Be(3);
            return;
        }

        var expected = AppendRandomChunks(sink, length);
        sink.Complete();
        File.ReadAllBytes(path).Should().Equal(expected);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ThePageCacheSinkWritesExactlyTheBytesAppended(long length)
    {
        var path = Path.Combine(_directory, "buffered.bin");
        byte[] expected;
        using (var sink = new BackgroundWriteback(File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write)))
        {
            expected = AppendRandomChunks(sink, length);
            sink.Complete();
        }

        File.ReadAllBytes(path).Should().Equal(expected);
    }

    [Fact]
    public void ADirectSinkDisposedBeforeCompletingStopsWritingAndReleasesTheFile()
    {
        var path = Path.Combine(_directory, "abandoned.bin");
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
        var sink = DirectFile.TryCreate(handle);
        if (sink is null)
        {
            handle.Dispose();
            OperatingSystem.IsLinux().Should().BeTrue();
            return;
        }

        AppendRandomChunks(sink, 6L * DirectFile.BufferSize);
        sink.Dispose();
        handle.IsClosed.Should().BeTrue("the sink owns the handle");
        File.Delete(path);
        File.Exists(path).Should().BeFalse();
    }

    // Appends length random bytes in chunks of random sizes (some spanning several buffers) and returns them.
    private static byte[] AppendRandomChunks(Stream sink, long length)
    {
        var random = new Random((int)length);
        var bytes = new byte[length];
        random.NextBytes(bytes);
        var written = 0;
        while (written < length)
        {
            var chunk = (int)Math.Min(length - written, random.Next(3) == 0 ? random.Next(1, 3 * DirectFile.BufferSize) : random.Next(1, 70_000));
            sink.Write(bytes, written, chunk);
            written += chunk;
        }

        sink.Position.Should().Be(length);
        return bytes;
    }
}
