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
}
