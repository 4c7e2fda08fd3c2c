using System.Globalization;
using SegBench.Data.Formats;

namespace SegBench.Data.Tests;

public sealed class AsciiDigitsTests
{
    [Fact]
    public void CountDigitsIsTheLengthOfTheDecimalTextAtEveryPowerOfTenBoundary()
    {
        var values = new List<ulong> { 0, 1, ulong.MaxValue };
        for (var power = 1UL; power <= 10_000_000_000_000_000_000UL; power *= 10)
        {
            values.AddRange([power - 1, power, power + 1]);
            if (power == 10_000_000_000_000_000_000UL)
            {
                break;
            }
        }

        foreach (var value in values)
        {
            AsciiDigits.CountDigits(value).Should().Be(value.ToString(CultureInfo.InvariantCulture).Length, $"{value} has that many digits");
        }
    }

    [Theory]
    [InlineData(0UL, 1, "0")]
    [InlineData(7UL, 3, "007")]
    [InlineData(123456UL, 6, "123456")]
    [InlineData(9876543210UL, 4, "3210")]
    public void WriteGivesTheLastDigitsZeroPadded(ulong value, int width, string expected)
    {
        var buffer = new byte[width];
        AsciiDigits.Write(buffer, value, width);
        System.Text.Encoding.ASCII.GetString(buffer).Should().Be(expected);
    }

    [Fact]
    public void WriteGivesTheLastDigitsAtEveryWidthAndTouchesNothingBeyondThem()
    {
        // Widths 8-16 take the digit-word path, the others the pair loop; values span every length,
        // including more digits than the width holds.
        var random = new Random(5);
        var values = new List<ulong> { 0, 1, 9, 99_999_999, 100_000_000, 9_999_999_999_999_999, 10_000_000_000_000_000, ulong.MaxValue };
        values.AddRange(Enumerable.Range(0, 2_000).Select(i => (ulong)random.NextInt64() >> random.Next(64)));
        for (var width = 1; width <= 19; width++)
        {
            var modulus = System.Numerics.BigInteger.Pow(10, width);
            foreach (var value in values)
            {
                var buffer = Enumerable.Repeat((byte)'#', width + 16).ToArray();
                AsciiDigits.Write(buffer.AsSpan(3), value, width);
                var expected = "###" + ((System.Numerics.BigInteger)value % modulus).ToString("D" + width, CultureInfo.InvariantCulture) + new string('#', 13);
                System.Text.Encoding.ASCII.GetString(buffer).Should().Be(expected, $"{value} at width {width}");
            }
        }
    }

    [Fact]
    public void WriteRefusesADestinationShorterThanTheWidth()
    {
        foreach (var width in new[] { 6, 8, 12, 18 })
        {
            var act = () => AsciiDigits.Write(new byte[width - 1], 5, width);
            act.Should().Throw<Exception>($"{width} digits do not fit in {width - 1} bytes");
        }
    }

    [Fact]
    public void DigitWordsHoldEveryDigitMostSignificantFirst()
    {
        var random = new Random(3);
        var eights = new List<ulong> { 0, 1, 9, 10, 99, 100, 9_999, 10_000, 10_001, 99_999_999, 12_345_678, 10_000_000 };
        eights.AddRange(Enumerable.Range(0, 10_000).Select(_ => (ulong)random.NextInt64(100_000_000)));
        foreach (var value in eights)
        {
            Text(AsciiDigits.EightDigits(value) | AsciiDigits.AsciiZeros, 8).Should().Be(value.ToString("D8", CultureInfo.InvariantCulture));
        }

        for (var value = 0U; value < 10_000; value++)
        {
            Text(AsciiDigits.FourDigits(value) | AsciiDigits.AsciiZeros, 4).Should().Be(value.ToString("D4", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void WriteUpToEightWritesTheNumberWithoutLeadingZeros()
    {
        var buffer = new byte[8];
        foreach (var value in new ulong[] { 0, 5, 10, 99, 100, 1_000, 12_345, 1_000_000, 9_999_999, 10_000_000, 99_999_999 })
        {
            var written = AsciiDigits.WriteUpToEight(buffer, value);
            System.Text.Encoding.ASCII.GetString(buffer, 0, written).Should().Be(value.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void WriteUpToEightRefusesADestinationShorterThanItsOneStore()
    {
        var act = () => AsciiDigits.WriteUpToEight(new byte[7], 5);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("destination");
    }

    private static string Text(ulong word, int length) => System.Text.Encoding.ASCII.GetString(BitConverter.GetBytes(word), 0, length);
}
