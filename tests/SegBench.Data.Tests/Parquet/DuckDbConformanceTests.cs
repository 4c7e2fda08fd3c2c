using SegBench.Data;
using SegBench.Data.Formats;
using SegBench.Data.Formats.Parquet;

namespace SegBench.Data.Tests.Parquet;

/// <summary>
/// DuckDB as the reference peer: it reads our files and must see exactly our CSV, and it writes
/// files our reader must read exactly. Needs <c>npm ci --prefix tools/duckdb</c>.
/// </summary>
public sealed class DuckDbConformanceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("segbench-duckdb-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(ParquetCompression.Uncompressed)]
    [InlineData(ParquetCompression.Gzip)]
    [InlineData(ParquetCompression.Snappy)]
    public void DuckDbReadsOurFileRowForRowAsOurCsv(ParquetCompression compression)
    {
        // CSV cannot tell an empty string from a null, so this table has no empty strings.
        var batches = new[]
        {
            ParquetTestData.AllTypesBatch(2500, seed: 20, emptyStrings: false),
            ParquetTestData.AllTypesBatch(1700, seed: 21, emptyStrings: false, firstId: 2500),
        };
        var options = new ParquetWriterOptions { Compression = compression, PageMaximumRows = 1000, RowGroupMaximumRows = 3000 };

        var result = CompareWithDuckDb(ParquetTestData.AllTypes, options, batches);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("\"parquetRows\":4200").And.Contain("\"onlyInParquet\":0").And.Contain("\"onlyInCsv\":0");
    }

    [Fact]
    public void DuckDbReadsStringAndNumericDictionariesPlainFallbackAndAllNullColumns()
    {
        var schema = new TableSchema([
            new ColumnField("code", ColumnType.String), new ColumnField("empty", ColumnType.String), new ColumnField("n", ColumnType.Int32),
            new ColumnField("small", ColumnType.Int32), new ColumnField("big", ColumnType.Int64),
            new ColumnField("rate", ColumnType.Double), new ColumnField("day", ColumnType.Date),
        ]);
        var batch = ColumnBatch.CreateEmpty(schema);
        for (var i = 0; i < 3000; i++)
        {
            ((StringColumn)batch.Columns[0]).Append($"code, \"{(i / 500 * 40) + (i % 40)}\" ✓");
            ((StringColumn)batch.Columns[1]).Append("x");
            ((Int32Column)batch.Columns[2]).Append(i);
            ((Int32Column)batch.Columns[3]).Append((i % 7) - 3);
            ((Int64Column)batch.Columns[4]).Append(((i % 5) - 2) * 3_000_000_000L);
            ((DoubleColumn)batch.Columns[5]).Append((i % 4) * 0.25 - 0.5);
            ((DateColumn)batch.Columns[6]).Append(new DateOnly(1999, 12, 25).AddDays(i % 12));
        }

        ParquetTestData.MarkNulls(Enumerable.Range(0, 3000).Where(i => i % 11 == 0).Select(i => (batch.Columns[0], i))
            .Concat(Enumerable.Range(0, 3000).Select(i => (batch.Columns[1], i))));
        var options = new ParquetWriterOptions { PageMaximumRows = 500, DictionaryMaximumCardinality = 100 };

        var result = CompareWithDuckDb(schema, options, batch);

        result.ExitCode.Should().Be(0, result.ToString());
        var path = Path.Combine(_directory, "table.parquet");
        ParquetFileInspector.DataPageEncodings(path, 0, 0).Should().Contain(ParquetEncoding.RleDictionary).And.Contain(ParquetEncoding.Plain);
        for (var column = 3; column < 7; column++)
        {
            ParquetFileInspector.DataPageEncodings(path, 0, column).Should().OnlyContain(e => e == ParquetEncoding.RleDictionary);
        }
    }

    [Fact]
    public void DuckDbReadsOurColumnStatisticsForEveryRowGroup()
    {
        var batch = ParquetTestData.AllTypesBatch(3000, seed: 23);
        var path = Path.Combine(_directory, "stats.parquet");
        ParquetTestData.Write(path, ParquetTestData.AllTypes, new ParquetWriterOptions { RowGroupMaximumRows = 1000, PageMaximumRows = 500 }, batch);

        var result = DuckDb.Run("stats.mjs", path);

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        var chunks = json.RootElement.EnumerateArray().ToList();
        chunks.Should().HaveCount(3 * ParquetTestData.AllTypes.Count);
        foreach (var chunk in chunks)
        {
            var group = chunk.GetProperty("rowGroup").GetInt32();
            var columnIndex = ParquetTestData.AllTypes.IndexOf(chunk.GetProperty("column").GetString()!);
            var values = ParquetTestData.Describe(batch.Columns[columnIndex]).Skip(group * 1000).Take(1000).ToList();
            var present = values.Where(v => v is not null).ToList();
            var because = $"row group {group}, column {ParquetTestData.AllTypes[columnIndex].Name}";
            chunk.GetProperty("nullCount").GetInt64().Should().Be(values.Count - present.Count, because);
            var (min, max) = (chunk.GetProperty("min").GetString()!, chunk.GetProperty("max").GetString()!);
            switch (ParquetTestData.AllTypes[columnIndex].Type)
            {
                case ColumnType.Double:
                    var doubles = present.Select(v => BitConverter.Int64BitsToDouble((long)v!)).ToList();
                    double.Parse(min, System.Globalization.CultureInfo.InvariantCulture).Should().Be(doubles.Min(), because);
                    double.Parse(max, System.Globalization.CultureInfo.InvariantCulture).Should().Be(doubles.Max(), because);
                    break;
                case ColumnType.String:
                    var texts = present.Select(v => (string)v!).ToList();
                    min.Should().Be(texts.MinBy(t => t, Utf8Order.Instance), because);
                    max.Should().Be(texts.MaxBy(t => t, Utf8Order.Instance), because);
                    break;
                case ColumnType.Boolean:
                    min.Should().Be(present.Cast<bool>().Min() ? "true" : "false", because);
                    max.Should().Be(present.Cast<bool>().Max() ? "true" : "false", because);
                    break;
                case ColumnType.Date:
                    min.Should().Be(present.Cast<DateOnly>().Min().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), because);
                    max.Should().Be(present.Cast<DateOnly>().Max().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), because);
                    break;
                default:
                    min.Should().Be(present.Min(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture), because);
                    max.Should().Be(present.Max(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture), because);
                    break;
            }
        }
    }

    [Fact]
    public void TheComparisonFailsWhenOneValueDiffers()
    {
        var batch = ParquetTestData.AllTypesBatch(300, seed: 22, emptyStrings: false);
        var parquet = Path.Combine(_directory, "table.parquet");
        var csv = Path.Combine(_directory, "table.csv");
        ParquetTestData.Write(parquet, ParquetTestData.AllTypes, ParquetWriterOptions.Default, batch);
        ((Int64Column)batch.Columns[0]).Set(150, 42);
        ParquetTestData.WriteCsv(csv, ParquetTestData.AllTypes, batch);
        var schemaJson = DuckDb.WriteSchemaJson(ParquetTestData.AllTypes, Path.Combine(_directory, "schema.json"));

        var result = DuckDb.Run("compare.mjs", parquet, csv, schemaJson);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Output.Should().Contain("\"onlyInParquet\":1").And.Contain("\"onlyInCsv\":1");
    }

    [Theory]
    [InlineData("uncompressed", "v1")]
    [InlineData("snappy", "v1")]
    [InlineData("gzip", "v1")]
    [InlineData("snappy", "v2")]
    [InlineData("gzip", "v2")]
    public void OurReaderReadsDuckDbFilesWithDuckDbsValues(string codec, string version)
    {
        const int Rows = 5000;
        var path = Path.Combine(_directory, $"duck-{codec}-{version}.parquet");
        var written = DuckDb.Run("write.mjs", path, codec, Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), version, "2048");
        written.ExitCode.Should().Be(0, written.ToString());

        using var reader = new ParquetTableReader(path);
        reader.Schema.Fields.Select(f => (f.Name, f.Type)).Should().Equal(
            ("int32_col", ColumnType.Int32), ("int64_col", ColumnType.Int64), ("double_col", ColumnType.Double),
            ("bool_col", ColumnType.Boolean), ("city", ColumnType.String), ("label", ColumnType.String),
            ("day", ColumnType.Date), ("id", ColumnType.Int32));
        reader.RowGroupCount.Should().BeGreaterThan(1);
        // DuckDB writes v1 data page headers even with PARQUET_VERSION V2, which changes encodings only.
        ParquetFileInspector.PageTypes(path, 0, 0).Should().OnlyContain(t => t == PageType.DataPage);
        ParquetFileInspector.DataPageEncodings(path, 0, 4).Should().OnlyContain(e => e == ParquetEncoding.PlainDictionary || e == ParquetEncoding.RleDictionary, "DuckDB dictionary-encodes the ten cities");
        if (version == "v2")
        {
            ParquetFileInspector.DataPageEncodings(path, 0, 1).Should().Contain(ParquetEncoding.DeltaBinaryPacked);
            ParquetFileInspector.DataPageEncodings(path, 0, 2).Should().Contain(ParquetEncoding.ByteStreamSplit);
            ParquetFileInspector.DataPageEncodings(path, 0, 5).Should().Contain(ParquetEncoding.DeltaLengthByteArray);
        }

        var batches = ParquetTestData.ReadBatches(reader);

        ParquetTestData.ShouldEqual(batches, [ExpectedDuckDbTable(Rows)]);

        // And DuckDB, reading its own file, sees what our reader saw.
        var csv = Path.Combine(_directory, "ours.csv");
        ParquetTestData.WriteCsv(csv, reader.Schema, [.. batches]);
        var schemaJson = DuckDb.WriteSchemaJson(reader.Schema, Path.Combine(_directory, "duck-schema.json"));
        var compared = DuckDb.Run("compare.mjs", path, csv, schemaJson);
        compared.ExitCode.Should().Be(0, compared.ToString());
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public void ADuckDbFileReadInSmallBatchesHoldsTheSameRows(string version)
    {
        // DuckDB's pages do not line up across columns, so batches end inside pages.
        const int Rows = 5000;
        var path = Path.Combine(_directory, $"duck-batches-{version}.parquet");
        DuckDb.Run("write.mjs", path, "snappy", Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), version, "2048").ExitCode.Should().Be(0);

        using var reader = new ParquetTableReader(path, batchRows: 333);
        var batches = ParquetTestData.ReadBatches(reader);

        batches.Should().OnlyContain(b => b.RowCount > 0 && b.RowCount <= 333);
        batches.Select(b => b.FirstRow).Should().Equal(batches.Select((_, i) => batches.Take(i).Sum(b => (long)b.RowCount)));
        ParquetTestData.ShouldEqual(batches, [ExpectedDuckDbTable(Rows)]);
    }

    [Fact]
    public void ADuckDbFileWithAnUnsupportedCodecGivesAClearError()
    {
        var path = Path.Combine(_directory, "duck-zstd.parquet");
        var written = DuckDb.Run("write.mjs", path, "zstd", "100");
        written.ExitCode.Should().Be(0, written.ToString());

        using var reader = new ParquetTableReader(path);
        var act = () => reader.ReadBatch();

        act.Should().Throw<DataFileException>()
            .Where(e => e.FilePath == path && e.ColumnName == "int32_col")
            .WithMessage("*compression codec ZSTD is not supported*");
    }

    [Fact]
    public void SnappyDecompressesDuckDbPagesToTheBytesOfItsUncompressedPages()
    {
        var snappyPath = Path.Combine(_directory, "duck-snappy.parquet");
        var plainPath = Path.Combine(_directory, "duck-plain.parquet");
        DuckDb.Run("write.mjs", snappyPath, "snappy", "20000").ExitCode.Should().Be(0);
        DuckDb.Run("write.mjs", plainPath, "uncompressed", "20000").ExitCode.Should().Be(0);

        var compared = 0;
        for (var column = 0; column < 8; column++)
        {
            var snappyPages = ParquetFileInspector.Pages(snappyPath, 0, column);
            var plainPages = ParquetFileInspector.Pages(plainPath, 0, column);
            snappyPages.Should().HaveSameCount(plainPages);
            for (var p = 0; p < snappyPages.Count; p++)
            {
                var output = new byte[snappyPages[p].UncompressedSize];
                Snappy.Decompress(snappyPages[p].Body, output);
                output.Should().Equal(plainPages[p].Body, $"page {p} of column {column}");
                compared++;
            }
        }

        compared.Should().BeGreaterThan(8);
    }

    [Fact]
    public void OurSnappyCompressesDuckDbPagesAboutAsWellAsDuckDbDoes()
    {
        var snappyPath = Path.Combine(_directory, "duck-snappy.parquet");
        var plainPath = Path.Combine(_directory, "duck-plain.parquet");
        DuckDb.Run("write.mjs", snappyPath, "snappy", "20000").ExitCode.Should().Be(0);
        DuckDb.Run("write.mjs", plainPath, "uncompressed", "20000").ExitCode.Should().Be(0);

        long theirs = 0;
        long ours = 0;
        for (var column = 0; column < 8; column++)
        {
            var plainPages = ParquetFileInspector.Pages(plainPath, 0, column);
            theirs += ParquetFileInspector.Pages(snappyPath, 0, column).Sum(p => p.Body.Length);
            foreach (var page in plainPages)
            {
                var compressed = Snappy.Compress(page.Body);
                var output = new byte[page.Body.Length];
                Snappy.Decompress(compressed, output);
                output.Should().Equal(page.Body);
                ours += compressed.Length;
            }
        }

        // Measured: ours 444,989 bytes against DuckDB's 451,175 for these pages.
        ours.Should().BeLessThan(theirs * 11 / 10, $"ours {ours} bytes, DuckDB's {theirs} bytes");
    }

    /// <summary>Unsigned byte order of UTF-8, the order Parquet's statistics use for strings.</summary>
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            System.Text.Encoding.UTF8.GetBytes(x!).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(y!));
    }

    private ScriptResult CompareWithDuckDb(TableSchema schema, ParquetWriterOptions options, params ColumnBatch[] batches)
    {
        var parquet = Path.Combine(_directory, "table.parquet");
        var csv = Path.Combine(_directory, "table.csv");
        ParquetTestData.Write(parquet, schema, options, batches);
        ParquetTestData.WriteCsv(csv, schema, batches);
        var schemaJson = DuckDb.WriteSchemaJson(schema, Path.Combine(_directory, "schema.json"));
        return DuckDb.Run("compare.mjs", parquet, csv, schemaJson);
    }

    /// <summary>The table write.mjs defines, computed here from the same formulas.</summary>
    private static ColumnBatch ExpectedDuckDbTable(int rows)
    {
        var schema = new TableSchema([
            new ColumnField("int32_col", ColumnType.Int32), new ColumnField("int64_col", ColumnType.Int64),
            new ColumnField("double_col", ColumnType.Double), new ColumnField("bool_col", ColumnType.Boolean),
            new ColumnField("city", ColumnType.String), new ColumnField("label", ColumnType.String),
            new ColumnField("day", ColumnType.Date), new ColumnField("id", ColumnType.Int32),
        ]);
        var batch = ColumnBatch.CreateEmpty(schema, rows);
        var nulls = new List<(Column, int)>();
        for (var i = 0; i < rows; i++)
        {
            ((Int32Column)batch.Columns[0]).Append((i * 37 % 1000) - 500);
            ((Int64Column)batch.Columns[1]).Append(i * 1000003L);
            ((DoubleColumn)batch.Columns[2]).Append(i / 8.0);
            ((BooleanColumn)batch.Columns[3]).Append(i % 3 == 0);
            ((StringColumn)batch.Columns[4]).Append($"city_{i % 10}");
            ((StringColumn)batch.Columns[5]).Append($"name {i}, \"q\" é");
            ((DateColumn)batch.Columns[6]).Append(i % 20000);
            ((Int32Column)batch.Columns[7]).Append(i * 2);
            int[] every = [7, 11, 13, 5, 9, 17, 19];
            for (var c = 0; c < every.Length; c++)
            {
                if (i % every[c] == 0)
                {
                    nulls.Add((batch.Columns[c], i));
                }
            }
        }

        ParquetTestData.MarkNulls(nulls);
        return batch;
    }
}
