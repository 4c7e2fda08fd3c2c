using System.Text;
using SegBench.Data;
using SegBench.Data.Formats.Csv;

namespace SegBench.Data.Tests;

public sealed class CsvTableWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("segbench-csv-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void FormatDoubleEqualsRoundTripFormattingAtTheFastPathsEdges()
    {
        double[] values = [0.0, -0.0, 0.0001, -0.0001, 0.5, -12.3, 100.25, 99_999_999.9999, 100_000_000.0, 100_000_000.01, 123_456_789.1234, -999_999_999.9999, 999_999_999.0, 1e9, 1e9 + 0.5, 0.00001, 1.0 / 3, double.Epsilon, double.MaxValue, double.NaN, double.NegativeInfinity];
        var buffer = new byte[32];
        foreach (var value in values)
        {
            var written = CsvTableWriter.FormatDouble(value, buffer);
            Encoding.ASCII.GetString(buffer, 0, written).Should().Be(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData(20_003)]
    [InlineData(3)]
    public void DoubleColumnsAreWrittenAsRoundTripTextWithNulls(int rows)
    {
        // Short decimals of every width, long fractions, zeros of both signs, huge, tiny and NaN,
        // mixed, so the fast path, the cache and "R" formatting all take turns.
        var random = new Random(rows);
        double[] specials = [0.0, -0.0, double.NaN, 1e9, -999_999_999.9999, 123_456_789.1234, 0.0001, 1e-7, 1e300, double.PositiveInfinity];
        var schema = new TableSchema([new ColumnField("x", ColumnType.Double)]);
        var batch = ColumnBatch.CreateEmpty(schema);
        var column = (DoubleColumn)batch.Columns[0];
        var expected = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            if (random.Next(17) == 0)
            {
                column.AppendNull();
                expected.Append('\n');
                continue;
            }

            var decimals = random.Next(7);
            var raw = (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-3, 10));
            var value = random.Next(9) == 0 ? specials[random.Next(specials.Length)]
                : decimals == 6 ? raw : Math.Round(raw, decimals);
            column.Append(value);
            expected.Append(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        Encoding.ASCII.GetString(CsvTableWriter.EncodeRows(batch)).Should().Be(expected.ToString());
    }

    [Fact]
    public void IntegersOfEveryRangeAreWrittenAsInvariantText()
    {
        int[] ints = [0, 7, -1, 99_999_999, 100_000_000, int.MaxValue, int.MinValue, 12];
        long[] longs = [0, 99_999_999, 100_000_000, long.MaxValue, long.MinValue, -5, 1L << 40, 3];
        var schema = new TableSchema([new ColumnField("i", ColumnType.Int32), new ColumnField("l", ColumnType.Int64)]);
        var batch = ColumnBatch.CreateEmpty(schema);
        for (var r = 0; r < ints.Length; r++)
        {
            ((Int32Column)batch.Columns[0]).Append(ints[r]);
            ((Int64Column)batch.Columns[1]).Append(longs[r]);
        }

        var expected = string.Concat(ints.Select((value, r) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value},{longs[r]}\n")));
        Encoding.ASCII.GetString(CsvTableWriter.EncodeRows(batch)).Should().Be(expected);
    }

    [Fact]
    public void WritesHeaderNullsQuotingAndInvariantNumbers()
    {
        var schema = new TableSchema([
            new ColumnField("name", ColumnType.String),
            new ColumnField("amount", ColumnType.Double),
            new ColumnField("count", ColumnType.Int32),
            new ColumnField("flag", ColumnType.Boolean),
            new ColumnField("day", ColumnType.Date),
        ]);
        var batch = ColumnBatch.CreateEmpty(schema);
        ((StringColumn)batch.Columns[0]).Append("Rao, \"Jr\"");
        ((DoubleColumn)batch.Columns[1]).Append(1234.5);
        ((Int32Column)batch.Columns[2]).Append(-7);
        ((BooleanColumn)batch.Columns[3]).Append(true);
        ((DateColumn)batch.Columns[4]).Append(new DateOnly(2024, 3, 31));
        foreach (var column in batch.Columns)
        {
            column.AppendNull();
        }

        var path = Path.Combine(_directory, "t.csv");
        using (var writer = new CsvTableWriter(path, schema))
        {
            writer.Append(writer.Encode(batch));
            writer.Commit();
        }

        File.ReadAllText(path, Encoding.UTF8).Should().Be(
            "name,amount,count,flag,day\n\"Rao, \"\"Jr\"\"\",1234.5,-7,true,2024-03-31\n,,,,\n");
    }

    [Fact]
    public void DatesAreIsoTextOnEveryDayOfTwoCenturiesAndAcrossAllYears()
    {
        // Every day of 1900-2100 (leap days, month ends), every 97th day from year 1 to 9999, and
        // the ends of the four-digit years, where the digit-word path hands over to TryFormat.
        var dates = new List<DateOnly>();
        for (var day = new DateOnly(1900, 1, 1); day <= new DateOnly(2100, 12, 31); day = day.AddDays(1))
        {
            dates.Add(day);
        }

        for (var number = DateOnly.MinValue.DayNumber; number <= DateOnly.MaxValue.DayNumber; number += 97)
        {
            dates.Add(DateOnly.FromDayNumber(number));
        }

        dates.AddRange([new DateOnly(999, 12, 31), new DateOnly(1000, 1, 1), new DateOnly(9999, 12, 31), DateOnly.MinValue]);
        var column = new DateColumn();
        foreach (var date in dates)
        {
            column.Append(date);
        }

        var batch = new ColumnBatch(new TableSchema([new ColumnField("d", ColumnType.Date)]), [column]);
        var lines = Encoding.ASCII.GetString(CsvTableWriter.EncodeRows(batch)).Split('\n');
        lines.Should().HaveCount(dates.Count + 1);
        for (var i = 0; i < dates.Count; i++)
        {
            lines[i].Should().Be(dates[i].ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(300)]
    [InlineData(5000)]
    public void MatchesAPlainRowByRowEncodingWhateverTheCellLengthsNullsAndBuffers(int rows)
    {
        // The encoder copies cells in 32-byte blocks straight from the column buffers: long cells,
        // empty cells, values blanked after the fact, a buffer filled to the last byte, and columns
        // that need quoting in only some rows must all come out as a plain field-by-field encoding.
        var schema = new TableSchema([
            new ColumnField("short", ColumnType.String),
            new ColumnField("long", ColumnType.String),
            new ColumnField("quoted", ColumnType.String),
            new ColumnField("tight", ColumnType.String),
            new ColumnField("x", ColumnType.Double),
            new ColumnField("n", ColumnType.Int64),
        ]);
        var random = new Random(rows);
        var values = new string?[rows, 4];
        var tight = new StringColumn(rows);
        var columns = new Column[] { new StringColumn(), new StringColumn(), new StringColumn(), tight, new DoubleColumn(), new Int64Column() };
        for (var r = 0; r < rows; r++)
        {
            values[r, 0] = new string((char)('a' + (r % 26)), r % 3);
            values[r, 1] = new string('L', random.Next(0, 100));
            // Specials in the first 32-byte block and past it (at every offset), line breaks, and
            // long plain cells.
            values[r, 2] = (r % 9) switch
            {
                0 => $"a,\"{r}\"",
                1 => $"comma,{r}",
                2 => new string('p', r % 70) + "," + r,
                3 => new string('q', r % 70) + "\"" + r,
                4 => $"line\r\nbreak{r}",
                5 => new string('s', r % 90) + "\n",
                6 => new string('l', 40 + (r % 50)),
                _ => $"plain{r}",
            };
            values[r, 3] = $"t{r:D15}"; // 16 bytes each: the buffer ends exactly at the last value
            for (var c = 0; c < 4; c++)
            {
                ((StringColumn)columns[c]).Append(values[r, c]);
            }

            ((DoubleColumn)columns[4]).Append(X(r));
            ((Int64Column)columns[5]).Append(-r);
        }

        for (var r = 3; r < rows; r += 11)
        {
            columns[1].SetNull(r);
            values[r, 1] = null;
            columns[2].SetNull(r);
            values[r, 2] = null;
        }

        var batch = new ColumnBatch(schema, columns);
        var expected = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                var value = values[r, c] ?? "";
                expected.Append(value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value).Append(',');
            }

            expected.Append(X(r).ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append(-r).Append('\n');
        }

        Encoding.UTF8.GetString(CsvTableWriter.EncodeRows(batch)).Should().Be(expected.ToString());

        // Short decimals, and values whose round-trip text is remembered by bits (thousands of
        // distinct ones, so remembered texts are evicted and replaced).
        static double X(int r) => r % 3 == 0 ? r * 0.25 : r / 12.0;
    }

    [Fact]
    public void AnUncommittedWriterLeavesNoFile()
    {
        var schema = new TableSchema([new ColumnField("x", ColumnType.Int64)]);
        var path = Path.Combine(_directory, "never.csv");
        using (var writer = new CsvTableWriter(path, schema))
        {
            var batch = ColumnBatch.CreateEmpty(schema);
            ((Int64Column)batch.Columns[0]).Append(1);
            writer.Append(writer.Encode(batch));
        }

        Directory.GetFiles(_directory).Should().BeEmpty();
    }
}
