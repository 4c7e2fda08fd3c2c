using SegBench.Data.Formats.Parquet;

namespace SegBench.Data.Tests.Parquet;

public sealed class SnappyTests
{
    public static TheoryData<string> Shapes => ["random", "text", "runs", "zeros"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void CompressThenDecompressGivesBackTheInputOverManySizes(string shape)
    {
        var random = new Random(2024);
        var sizes = new List<int> { 0, 1, 2, 3, 4, 5, 15, 16, 17, 59, 60, 61, 64, 65, 255, 256, 257, 65535, 65536, 65537, 200_000 };
        for (var i = 0; i < 60; i++)
        {
            sizes.Add(random.Next(1, 20_000));
        }

        foreach (var size in sizes)
        {
            var input = Make(shape, size, random);

            var compressed = Snappy.Compress(input);
            var output = new byte[Snappy.GetUncompressedLength(compressed)];
            Snappy.Decompress(compressed, output);

            output.Should().Equal(input, $"{shape} input of {size} bytes should round-trip");
            compressed.Length.Should().BeLessThanOrEqualTo(Snappy.MaximumCompressedLength(size));
        }
    }

    [Fact]
    public void TheHashTableIsClearedWhenItsRunningBaseNearsItsLimit()
    {
        var random = new Random(8);
        var first = Make("text", 100_000, random);
        var second = Make("runs", 100_000, random);
        Snappy.Compress(first);

        // Entries of earlier blocks read as empty because the base moves past them; near int.MaxValue it starts over.
        Snappy.TableBase = int.MaxValue - 150_000;
        var compressed = Snappy.Compress(second);
        var output = new byte[second.Length];
        Snappy.Decompress(compressed, output);

        output.Should().Equal(second);
        Snappy.TableBase.Should().BeLessThan(200_000);
        compressed.Should().Equal(Compressed(second), "the table holds nothing from before, as a fresh one would");
    }

    [Fact]
    public void ARepetitiveStretchAfterVariedInputStillCompresses()
    {
        // 30 KB of random bytes make the lookups about a kilobyte apart by their end (the
        // reference's skipping), so the start of a repetitive stretch after them goes literal, but
        // a lookup soon finds it, and that match runs to its end.
        var random = new Random(9);
        var noise = new byte[30_000];
        random.NextBytes(noise);
        var pattern = "abcdefgh"u8.ToArray();
        byte[] input = [.. noise, .. Enumerable.Range(0, 30_000).Select(i => pattern[i % 8])];

        var compressed = Snappy.Compress(input);
        var output = new byte[input.Length];
        Snappy.Decompress(compressed, output);

        output.Should().Equal(input);
        compressed.Length.Should().BeLessThan(40_000, "30,000 bytes are noise, and all 60,000 would stay literal if the stretch were missed");
    }

    [Fact]
    public void RepetitiveInputShrinks()
    {
        var input = Make("text", 100_000, new Random(1));

        var compressed = Snappy.Compress(input);

        compressed.Length.Should().BeLessThan(input.Length / 3);
    }

    // Compresses on a new thread, whose hash table starts empty.
    private static byte[] Compressed(byte[] input)
    {
        byte[]? result = null;
        var thread = new Thread(() => result = Snappy.Compress(input));
        thread.Start();
        thread.Join();
        return result!;
    }

    [Fact]
    public void CompressingIntoAnOutputSmallerThanTheWorstCaseThrows()
    {
        var input = Make("runs", 1000, new Random(3));

        var act = () => Snappy.Compress(input, new byte[Snappy.MaximumCompressedLength(input.Length) - 1]);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "output");
    }

    [Fact]
    public void OverlappingCopiesRepeatAPattern()
    {
        // Literal "ab", then a copy of 10 bytes at offset 2 (tag 01: length-4 = 6, offset high bits 0).
        byte[] compressed = [12, 0b000001_00, (byte)'a', (byte)'b', (6 << 2) | 1, 2];
        var output = new byte[12];

        Snappy.Decompress(compressed, output);

        output.Should().Equal("abababababab"u8.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 5, 0b000100_00, 1, 2 }, "literal runs past")]
    [InlineData(new byte[] { 4, 0, 7, (3 << 2) | 1, 9 }, "out of range")]
    [InlineData(new byte[] { 3, 0, 7 }, "ends after 1 of 3")]
    [InlineData(new byte[] { 9, 0, 7 }, "holds 9 bytes")]
    [InlineData(new byte[] { 0xFF }, "preamble ends early")]
    public void CorruptInputIsRejected(byte[] compressed, string problem)
    {
        var act = () =>
        {
            var output = new byte[compressed[0] == 9 ? 3 : Math.Max(0, (int)compressed[0])];
            Snappy.Decompress(compressed, output);
        };

        act.Should().Throw<InvalidDataException>().WithMessage($"*{problem}*");
    }

    private static byte[] Make(string shape, int size, Random random)
    {
        var bytes = new byte[size];
        switch (shape)
        {
            case "random":
                random.NextBytes(bytes);
                break;
            case "text":
                string[] words = ["Mumbai", "Delhi", "customer", "card", "₹1,200.50", "2024-03-31", ",", "\"", "UPI"];
                var position = 0;
                while (position < size)
                {
                    var word = System.Text.Encoding.UTF8.GetBytes(words[random.Next(words.Length)] + " ");
                    var take = Math.Min(word.Length, size - position);
                    word.AsSpan(0, take).CopyTo(bytes.AsSpan(position));
                    position += take;
                }

                break;
            case "runs":
                for (var i = 0; i < size; i++)
                {
                    bytes[i] = (byte)(i / (1 + random.Next(300)) % 7);
                }

                break;
            default:
                break;
        }

        return bytes;
    }
}
