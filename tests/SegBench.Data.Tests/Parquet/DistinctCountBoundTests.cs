using SegBench.Data;
using SegBench.Data.Formats.Parquet;

namespace SegBench.Data.Tests.Parquet;

public sealed class DistinctCountBoundTests
{
    public static TheoryData<ColumnType> Types => [ColumnType.Double, ColumnType.Int64, ColumnType.Int32, ColumnType.Date, ColumnType.String];

    [Theory]
    [MemberData(nameof(Types))]
    public void TheBoundNeverPassesTheDistinctCountAndProvesAllDistinctPagesVaried(ColumnType type)
    {
        const int rows = 16_384;
        const int limit = rows / 2;
        foreach (var distinct in new[] { 1, 12, 3_000, limit - 1, limit, limit + 1, limit + 500, rows })
        {
            var column = Column(type, rows, distinct, seed: distinct);

            var bound = DistinctCountBound.LowerBound(column, 0, rows, limit);
            var exceeds = bound > limit;

            if (distinct <= limit)
            {
                exceeds.Should().BeFalse($"{distinct} distinct {type} values do not pass {limit}");
                bound.Should().BeInRange(distinct * 9 / 10, distinct, "the bound is near enough the count to size a dictionary by");
            }
            else if (distinct >= limit + 500)
            {
                exceeds.Should().BeTrue($"{distinct} distinct {type} values are well past {limit}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void NullsAndRowsOutsideTheRangeAreNotCounted(ColumnType type)
    {
        // All 12,000 values differ, but only every tenth row of [2,000, 10,000) is not null: 800 values.
        var column = Column(type, 12_000, 12_000, seed: 3);
        for (var r = 2_000; r < 10_000; r++)
        {
            if (r % 10 != 0)
            {
                column.SetNull(r);
            }
        }

        DistinctCountBound.LowerBound(column, 2_000, 8_000, 800).Should().BeLessThanOrEqualTo(800, "the range's non-null rows hold 800 values");
        DistinctCountBound.LowerBound(column, 2_000, 8_000, 700).Should().BeGreaterThan(700, "800 distinct values pass 700");
        DistinctCountBound.LowerBound(column, 0, 12_000, 4_000).Should().BeGreaterThan(4_000, "the whole column's 4,800 values pass 4,000");
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void APageIsDictionaryEncodedExactlyWhenItHasAtMostHalfAsManyDistinctValuesAsValues(ColumnType type)
    {
        const int rows = 4_096;
        foreach (var distinct in new[] { 5, rows / 2, (rows / 2) + 1, rows })
        {
            var column = Column(type, rows, distinct, seed: 11);

            var page = ParquetPageEncoder.EncodeColumn(column, 0, rows, ParquetWriterOptions.Default, codec: 0);

            page.Dictionary.Should().Match<ByteStringDictionary?>(d => (d != null) == (distinct <= rows / 2), $"{distinct} distinct {type} values");
            page.DictionaryRejected.Should().Be(distinct > rows / 2);
            page.Dictionary?.Count.Should().Be(distinct);
        }
    }

    // A column of `rows` values taking exactly `distinct` different values, shuffled.
    private static Column Column(ColumnType type, int rows, int distinct, int seed)
    {
        var random = new Random(seed);
        var keys = Enumerable.Range(0, rows).Select(r => r % distinct).OrderBy(_ => random.Next()).ToArray();
        var column = SegBench.Data.Column.Create(type, rows);
        foreach (var key in keys)
        {
            switch (column)
            {
                case DoubleColumn numbers: numbers.Append((key * 7.31) - 1000); break;
                case Int64Column longs: longs.Append((key * 1_000_003L) - 5_000_000_000L); break;
                case DateColumn dates: dates.Append(key - 20_000); break;
                case Int32Column ints: ints.Append(key * 97); break;
                case StringColumn text: text.Append($"CARD{key:D10}"); break;
            }
        }

        return column;
    }
}
