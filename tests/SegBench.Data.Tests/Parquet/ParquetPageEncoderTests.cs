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

    [Theory]
    [InlineData(ColumnType.Int32, 1)]
    [InlineData(ColumnType.Int64, 1)]
    [InlineData(ColumnType.Double, 1)]
    [InlineData(ColumnType.Date, 1)]
    [InlineData(ColumnType.String, 1)]
    [InlineData(ColumnType.Boolean, 1)]
    [InlineData(ColumnType.String, 2)]
    [InlineData(ColumnType.Double, 2)]
    [InlineData(ColumnType.String, 0)]
    public void APageEncodedAgainFromItsPlainBodyEqualsThePageEncodedInFull(ColumnType type, int codec)
    {
        // A few repeated values (a dictionary candidate) and many distinct ones (PLAIN), with nulls, from row 100 on.
        foreach (var distinct in new[] { 5, 5000 })
        {
            var column = Column.Create(type, 1100);
            for (var i = 0; i < 1100; i++)
            {
                var n = (i * 7919) % distinct;
                switch (column)
                {
                    case Int32Column ints: ints.Append(n - 40); break;
                    case Int64Column longs: longs.Append(n * 5_000_000_011L); break;
                    case DoubleColumn doubles: doubles.Append(n / 100.0); break;
                    case DateColumn dates: dates.Append(DateOnly.FromDayNumber(700_000 + n)); break;
                    case BooleanColumn flags: flags.Append(n % 2 == 0); break;
                    case StringColumn text: text.Append(n % 3 == 0 ? "" : $"value {n} é"); break;
                }
            }

            foreach (var row in Enumerable.Range(0, 1100).Where(r => r % 9 == 4))
            {
                column.SetNull(row);
            }

            var full = ParquetPageEncoder.EncodeColumn(column, 100, 1000, ParquetWriterOptions.Default, codec);
            var speculative = ParquetPageEncoder.EncodeColumn(column, 100, 1000, ParquetWriterOptions.Default, codec, speculative: true);
            var again = ParquetPageEncoder.EncodeAgain(speculative, type, ParquetWriterOptions.Default, codec);

            speculative.Page.Should().NotBeNull("a speculative page is written PLAIN at once");
            speculative.PlainBytes.Should().Be(full.PlainBytes);
            again.PlainBytes.Should().Be(full.PlainBytes);
            again.Speculative.Should().BeFalse();
            again.DefinitionLevels.Should().Equal(full.DefinitionLevels);
            again.Statistics.NullCount.Should().Be(full.Statistics.NullCount);
            again.Statistics.EncodeMinMax().Min.Should().Equal(full.Statistics.EncodeMinMax().Min);
            again.Statistics.EncodeMinMax().Max.Should().Equal(full.Statistics.EncodeMinMax().Max);
            again.DictionaryRejected.Should().Be(full.DictionaryRejected);
            if (full.Page is null)
            {
                again.Page.Should().BeNull($"{distinct} distinct {type} values make a dictionary candidate");
                again.Indices.Should().Equal(full.Indices);
                Enumerable.Range(0, again.Dictionary!.Count).Select(i => Convert.ToHexString(again.Dictionary[i]))
                    .Should().Equal(Enumerable.Range(0, full.Dictionary!.Count).Select(i => Convert.ToHexString(full.Dictionary[i])));
            }
            else
            {
                again.Page.Should().Equal(full.Page);
                speculative.Page.Should().Equal(full.Page, "a PLAIN page is the same bytes with or without the trial");
            }
        }
    }
}
