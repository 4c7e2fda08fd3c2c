using SegBench.Data;
using SegBench.Data.Formats;
using SegBench.Data.Formats.Parquet;

namespace SegBench.Data.Tests.Parquet;

/// <summary>Seeded tables for the Parquet tests, and helpers to write and compare them.</summary>
internal static class ParquetTestData
{
    public static readonly TableSchema AllTypes = new([
        new ColumnField("id", ColumnType.Int64, ColumnRole.Identifier),
        new ColumnField("age", ColumnType.Int32),
        new ColumnField("balance", ColumnType.Double),
        new ColumnField("active", ColumnType.Boolean),
        new ColumnField("city", ColumnType.String),
        new ColumnField("note", ColumnType.String, ColumnRole.Text),
        new ColumnField("opened", ColumnType.Date),
    ]);

    private static readonly string[] Cities = ["Mumbai", "Delhi", "Bengaluru", "Chennai", "Kolkata", "Pune", "Hyderabad", "Ahmedabad"];

    private static readonly string[] Notes =
    [
        "plain",
        "with, comma",
        "with \"quotes\"",
        "ünïcödé – हिन्दी ₹ 😀",
        "  leading and trailing spaces  ",
        "comma, and \"quote\", both",
        "two\nlines",
    ];

    /// <summary>
    /// Rows of every type with about one null in <paramref name="nullEvery"/> per column, a
    /// low-cardinality string column (city) and a high-cardinality one (note).
    /// </summary>
    public static ColumnBatch AllTypesBatch(int rows, int seed, int nullEvery = 7, bool emptyStrings = true, long firstId = 0)
    {
        var random = new Random(seed);
        var batch = ColumnBatch.CreateEmpty(AllTypes, rows);
        var id = (Int64Column)batch.Columns[0];
        var age = (Int32Column)batch.Columns[1];
        var balance = (DoubleColumn)batch.Columns[2];
        var active = (BooleanColumn)batch.Columns[3];
        var city = (StringColumn)batch.Columns[4];
        var note = (StringColumn)batch.Columns[5];
        var opened = (DateColumn)batch.Columns[6];
        var nulls = new List<(Column Column, int Row)>();
        for (var r = 0; r < rows; r++)
        {
            id.Append((firstId + r) * 1_000_003L - 5_000_000_000L);
            AppendOrNull(age, random, nullEvery, nulls, () => random.Next(int.MinValue, int.MaxValue));
            AppendOrNull(balance, random, nullEvery, nulls, () => Math.Round((random.NextDouble() - 0.3) * 1e7, 2));
            AppendOrNull(active, random, nullEvery, nulls, () => random.Next(2) == 1);
            if (random.Next(nullEvery) == 0)
            {
                nulls.Add((city, r));
                city.Append("");
            }
            else
            {
                city.Append(Cities[random.Next(Cities.Length)]);
            }

            if (random.Next(nullEvery) == 0)
            {
                nulls.Add((note, r));
                note.Append("");
            }
            else if (emptyStrings && random.Next(50) == 0)
            {
                note.Append("");
            }
            else
            {
                note.Append($"{Notes[random.Next(Notes.Length)]} #{firstId + r}");
            }

            if (random.Next(nullEvery) == 0)
            {
                nulls.Add((opened, r));
                opened.Append(0);
            }
            else
            {
                opened.Append(new DateOnly(1950, 1, 1).AddDays(random.Next(40_000)));
            }
        }

        MarkNulls(nulls);
        return batch;
    }

    /// <summary>
    /// Marks rows null after the values are in, as missingness injection does. Column.IsNull
    /// fails for rows appended after an AppendNull (its null flags are sized to the last null),
    /// so test data never calls AppendNull before more values.
    /// </summary>
    public static void MarkNulls(IEnumerable<(Column Column, int Row)> nulls)
    {
        foreach (var (column, row) in nulls)
        {
            column.SetNull(row);
        }
    }

    /// <summary>Writes batches through a Parquet writer and commits.</summary>
    public static void Write(string path, TableSchema schema, ParquetWriterOptions options, params ColumnBatch[] batches)
    {
        using var writer = new ParquetTableWriter(path, schema, options);
        foreach (var batch in batches)
        {
            writer.Write(batch);
        }

        writer.Commit();
    }

    /// <summary>Reads every batch of a Parquet file.</summary>
    public static List<ColumnBatch> Read(string path)
    {
        using var reader = new ParquetTableReader(path);
        return ReadBatches(reader);
    }

    /// <summary>Reads the remaining batches of a reader.</summary>
    public static List<ColumnBatch> ReadBatches(ParquetTableReader reader)
    {
        var batches = new List<ColumnBatch>();
        while (reader.ReadBatch() is { } batch)
        {
            batches.Add(batch);
        }

        return batches;
    }

    /// <summary>Asserts two lists of batches hold the same rows (values and nulls), column by column.</summary>
    public static void ShouldEqual(IReadOnlyList<ColumnBatch> actual, IReadOnlyList<ColumnBatch> expected)
    {
        var schema = expected[0].Schema;
        actual.Should().NotBeEmpty();
        actual[0].Schema.Fields.Select(f => (f.Name, f.Type)).Should().Equal(schema.Fields.Select(f => (f.Name, f.Type)));
        actual.Sum(b => b.RowCount).Should().Be(expected.Sum(b => b.RowCount));
        for (var c = 0; c < schema.Count; c++)
        {
            var column = c;
            actual.SelectMany(b => Describe(b.Columns[column])).Should().Equal(
                expected.SelectMany(b => Describe(b.Columns[column])), $"column '{schema[c].Name}' should round-trip");
        }
    }

    /// <summary>A column's values as comparable objects, null for nulls.</summary>
    public static List<object?> Describe(Column column)
    {
        var values = new List<object?>(column.Count);
        for (var i = 0; i < column.Count; i++)
        {
            values.Add(column.IsNull(i) ? null : column switch
            {
                StringColumn text => text.GetString(i),
                Int32Column integers => integers[i],
                Int64Column integers => integers[i],
                DoubleColumn numbers => BitConverter.DoubleToInt64Bits(numbers[i]),
                BooleanColumn flags => flags[i],
                DateColumn dates => dates.GetDate(i),
                _ => throw new NotSupportedException(),
            });
        }

        return values;
    }

    /// <summary>Writes a table as CSV with the project's CSV writer.</summary>
    public static void WriteCsv(string path, TableSchema schema, params ColumnBatch[] batches)
    {
        using var writer = TableWriters.Create(TableFormat.Csv, path, schema);
        foreach (var batch in batches)
        {
            writer.Write(batch);
        }

        writer.Commit();
    }

    private static void AppendOrNull<T>(PrimitiveColumn<T> column, Random random, int nullEvery, List<(Column, int)> nulls, Func<T> value)
        where T : unmanaged
    {
        if (random.Next(nullEvery) == 0)
        {
            nulls.Add((column, column.Count));
            column.Append(default);
        }
        else
        {
            column.Append(value());
        }
    }
}
