using System.Text;
using SegBench.Data.Formats.Parquet;

namespace SegBench.Data.Tests.Parquet;

public sealed class ColumnStatisticsTests
{
    [Theory]
    [InlineData("rising")]
    [InlineData("falling")]
    [InlineData("shuffled")]
    [InlineData("constant")]
    public void StringMinimumAndMaximumAreTheOrdinalExtremesWhateverTheOrder(string order)
    {
        // The scan skips the minimum test for a new maximum, so rising, falling and mixed inputs
        // must all give the byte-wise (unsigned) extremes Parquet defines.
        var random = new Random(7);
        var values = Enumerable.Range(0, 500).Select(i => order == "constant" ? "CARD0000000005" : $"CARD{random.Next(1_000_000):D10}{(char)('a' + (i % 26))}é").ToList();
        values = order switch
        {
            "rising" => [.. values.Order(StringComparer.Ordinal)],
            "falling" => [.. values.OrderDescending(StringComparer.Ordinal)],
            _ => values,
        };
        var column = new StringColumn();
        values.ForEach(column.Append);

        var (minimum, maximum) = ColumnStatistics.Compute(column, 0, column.Count).EncodeMinMax();

        var bytes = values.Select(Encoding.UTF8.GetBytes).ToList();
        minimum.Should().Equal(bytes.Aggregate((a, b) => a.AsSpan().SequenceCompareTo(b) <= 0 ? a : b));
        maximum.Should().Equal(bytes.Aggregate((a, b) => a.AsSpan().SequenceCompareTo(b) >= 0 ? a : b));
    }
}
