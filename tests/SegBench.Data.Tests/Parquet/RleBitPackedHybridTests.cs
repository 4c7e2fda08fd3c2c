using System.Buffers;
using SegBench.Data.Formats.Parquet;

namespace SegBench.Data.Tests.Parquet;

public sealed class RleBitPackedHybridTests
{
    [Fact]
    public void EncodesTheSpecExampleOfABitPackedRun()
    {
        // Encodings.md: values 0..7 at bit width 3 pack to 10001000 11000110 11111010.
        var output = new ArrayBufferWriter<byte>();

        RleBitPackedHybrid.Encode([0, 1, 2, 3, 4, 5, 6, 7], 3, output);

        output.WrittenSpan.ToArray().Should().Equal(0b0000_0011, 0b10001000, 0b11000110, 0b11111010);
    }

    [Fact]
    public void LongRepeatsBecomeRleRuns()
    {
        var output = new ArrayBufferWriter<byte>();

        RleBitPackedHybrid.Encode(Enumerable.Repeat(1, 1000).ToArray(), 1, output);

        // Header 1000 << 1 as a varint (0xD0 0x0F), then the value in one byte.
        output.WrittenSpan.ToArray().Should().Equal(0xD0, 0x0F, 0x01);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(0, 1)]
    [InlineData(5, 3)]
    [InlineData(300, 9)]
    public void RepeatsEncodeAsTheSameValuesHeldInAnArray(int value, int width)
    {
        foreach (var count in new[] { 0, 1, 7, 8, 9, 127, 128, 16_384 })
        {
            var expected = new ArrayBufferWriter<byte>();
            var actual = new ArrayBufferWriter<byte>();

            RleBitPackedHybrid.Encode(Enumerable.Repeat(value, count).ToArray(), width, expected);
            RleBitPackedHybrid.EncodeRepeated(value, count, width, actual);

            actual.WrittenSpan.ToArray().Should().Equal(expected.WrittenSpan.ToArray(), $"{count} copies of {value} at width {width}");
        }
    }

    [Fact]
    public void RandomValuesRoundTripAtEveryWidth()
    {
        var random = new Random(99);
        for (var width = 1; width <= 24; width++)
        {
            foreach (var count in new[] { 1, 7, 8, 9, 100, 1000, 4097 })
            {
                // Mix runs and noise so both run kinds appear.
                var values = new int[count];
                for (var i = 0; i < count; i++)
                {
                    values[i] = random.Next(4) == 0 ? random.Next(1 << width) : (i / 37) % (1 << width);
                }

                var output = new ArrayBufferWriter<byte>();
                RleBitPackedHybrid.Encode(values, width, output);
                var decoded = new int[count];
                RleBitPackedHybrid.Decode(output.WrittenSpan, width, decoded);

                decoded.Should().Equal(values, $"width {width}, count {count}");
            }
        }
    }

    [Fact]
    public void DecodingPastTheDataIsRejected()
    {
        var act = () => RleBitPackedHybrid.Decode([0x03, 0xFF], 3, new int[8]);

        act.Should().Throw<InvalidDataException>().WithMessage("*ends early*");
    }
}
