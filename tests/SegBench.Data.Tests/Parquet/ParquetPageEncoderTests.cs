using SegBench.Data;
using SegBench.Data.Formats.Parquet;

namespace SegBench.Data.Tests.Parquet;

public sealed class ParquetPageEncoderTests
{
    [Fact]
    public void EqualNeighboursShareAnIndexOnlyWhenTheirBitsAreEqual()
    {
        // -0.0 follows 0.0 and compares equal to it, and NaNs compare unequal: the dictionary keys by bits.
        var otherNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_0001UL));
        double[] pattern = [0.0, 0.0, -0.0, -0.0, double.NaN, double.NaN, otherNaN, 1.5, 1.5, 0.0];
        var column = (DoubleColumn)Column.Create(ColumnType.Double, pattern.Length * 100);
        for (var repeat = 0; repeat < 100; repeat++)
        {
            foreach (var value in pattern)
            {
                column.Append(value);
            }
        }

        var page = ParquetPageEncoder.EncodeColumn(column, 0, column.Count, ParquetWriterOptions.Default, codec: 0);

        var keys = page.Indices!.Select(index => BitConverter.ToInt64(page.Dictionary![index])).ToArray();
        keys.Should().Equal(Enumerable.Repeat(pattern, 100).SelectMany(values => values).Select(BitConverter.DoubleToInt64Bits));
    }
}
