using System.Buffers.Binary;
using System.Text;
using SegBench.Data;
using SegBench.Data.Formats;
using SegBench.Data.Formats.Parquet;

namespace SegBench.Data.Tests.Parquet;

public sealed class ParquetRoundTripTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("segbench-parquet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(ParquetCompression.Uncompressed)]
    [InlineData(ParquetCompression.Gzip)]
    [InlineData(ParquetCompression.Snappy)]
    public void EveryTypeWithNullsRoundTripsThroughEachCodec(ParquetCompression compression)
    {
        var batches = new[] { ParquetTestData.AllTypesBatch(3000, seed: 1), ParquetTestData.AllTypesBatch(1234, seed: 2, firstId: 3000) };
        var path = Path.Combine(_directory, $"all-{compression}.parquet");

        ParquetTestData.Write(path, ParquetTestData.AllTypes, new ParquetWriterOptions { Compression = compression, PageMaximumRows = 1000 }, batches);

        using var reader = new ParquetTableReader(path);
        reader.Metadata.RowGroups.SelectMany(g => g.Columns).Should().OnlyContain(c => c.Codec == (int)CodecNumber(compression));
        ParquetTestData.ShouldEqual(ParquetTestData.ReadBatches(reader), batches);
    }

    [Fact]
    public void ExtremeValuesAndSpecialDoublesRoundTrip()
    {
        var schema = new TableSchema([
            new ColumnField("i32", ColumnType.Int32), new ColumnField("i64", ColumnType.Int64),
            new ColumnField("f64", ColumnType.Double), new ColumnField("day", ColumnType.Date),
        ]);
        var batch = ColumnBatch.CreateEmpty(schema);
        int[] ints = [int.MinValue, -1, 0, int.MaxValue, 7];
        long[] longs = [long.MinValue, -1, 0, long.MaxValue, 7];
        double[] doubles = [double.NaN, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue];
        DateOnly[] days = [DateOnly.MinValue, new DateOnly(1969, 12, 31), new DateOnly(1970, 1, 1), DateOnly.MaxValue, new DateOnly(2024, 2, 29)];
        for (var i = 0; i < ints.Length; i++)
        {
            ((Int32Column)batch.Columns[0]).Append(ints[i]);
            ((Int64Column)batch.Columns[1]).Append(longs[i]);
            ((DoubleColumn)batch.Columns[2]).Append(doubles[i]);
            ((DateColumn)batch.Columns[3]).Append(days[i]);
        }

        var path = Path.Combine(_directory, "extremes.parquet");
        ParquetTestData.Write(path, schema, ParquetWriterOptions.Default, batch);

        ParquetTestData.ShouldEqual(ParquetTestData.Read(path), [batch]);
    }

    [Fact]
    public void LowCardinalityStringsAreDictionaryEncoded()
    {
        var batch = ParquetTestData.AllTypesBatch(5000, seed: 3);
        var path = Path.Combine(_directory, "dictionary.parquet");

        ParquetTestData.Write(path, ParquetTestData.AllTypes, ParquetWriterOptions.Default, batch);

        using var reader = new ParquetTableReader(path);
        var city = reader.Metadata.RowGroups[0].Columns[4];
        city.Encodings.Should().Contain(ParquetEncoding.RleDictionary);
        city.DictionaryPageOffset.Should().NotBeNull();
        ParquetFileInspector.PageTypes(path, rowGroup: 0, column: 4).Should().StartWith(PageType.DictionaryPage);
        ParquetFileInspector.DataPageEncodings(path, rowGroup: 0, column: 4).Should().OnlyContain(e => e == ParquetEncoding.RleDictionary);
        ParquetTestData.ShouldEqual(ParquetTestData.ReadBatches(reader), [batch]);
    }

    [Fact]
    public void LowCardinalityNumbersAndDatesAreDictionaryEncodedBitForBit()
    {
        var schema = new TableSchema([
            new ColumnField("i32", ColumnType.Int32), new ColumnField("i64", ColumnType.Int64),
            new ColumnField("f64", ColumnType.Double), new ColumnField("day", ColumnType.Date), new ColumnField("flag", ColumnType.Boolean),
        ]);
        double[] doubles = [double.NaN, -0.0, 0.0, 1.5, double.NegativeInfinity, BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_0001UL))];
        var batch = ColumnBatch.CreateEmpty(schema);
        for (var i = 0; i < 3000; i++)
        {
            ((Int32Column)batch.Columns[0]).Append((i % 5) - 2);
            ((Int64Column)batch.Columns[1]).Append(long.MinValue + (i % 3));
            ((DoubleColumn)batch.Columns[2]).Append(doubles[i % doubles.Length]);
            ((DateColumn)batch.Columns[3]).Append(new DateOnly(2024, 1, 1).AddDays(i % 31));
            ((BooleanColumn)batch.Columns[4]).Append(i % 2 == 0);
        }

        ParquetTestData.MarkNulls(Enumerable.Range(0, 3000).Where(i => i % 9 == 0).Select(i => (batch.Columns[i % 5], i)));
        var path = Path.Combine(_directory, "numeric-dictionary.parquet");

        ParquetTestData.Write(path, schema, new ParquetWriterOptions { PageMaximumRows = 700 }, batch);

        for (var column = 0; column < 4; column++)
        {
            ParquetFileInspector.PageTypes(path, 0, column).Should().StartWith(PageType.DictionaryPage);
            ParquetFileInspector.DataPageEncodings(path, 0, column).Should().OnlyContain(e => e == ParquetEncoding.RleDictionary);
        }

        ParquetFileInspector.DataPageEncodings(path, 0, 4).Should().OnlyContain(e => e == ParquetEncoding.Plain, "booleans are never dictionary-encoded");
        ParquetTestData.ShouldEqual(ParquetTestData.Read(path), [batch]);
    }

    [Fact]
    public void ANumberDictionaryWiderThanItsLookupCacheRoundTrips()
    {
        // 300 distinct values in a scattered order: many share a slot of the encoder's 64-entry
        // lookup cache, which must never hand one value another's index.
        var schema = new TableSchema([new ColumnField("i64", ColumnType.Int64), new ColumnField("f64", ColumnType.Double)]);
        var batch = ColumnBatch.CreateEmpty(schema);
        for (var i = 0; i < 3000; i++)
        {
            var value = (i * 7919) % 300;
            ((Int64Column)batch.Columns[0]).Append(value * 1_000_003L);
            ((DoubleColumn)batch.Columns[1]).Append(value / 7.0);
        }

        var path = Path.Combine(_directory, "wide-dictionary.parquet");

        ParquetTestData.Write(path, schema, new ParquetWriterOptions { PageMaximumRows = 1000 }, batch);

        for (var column = 0; column < 2; column++)
        {
            ParquetFileInspector.DataPageEncodings(path, 0, column).Should().OnlyContain(e => e == ParquetEncoding.RleDictionary);
        }

        ParquetTestData.ShouldEqual(ParquetTestData.Read(path), [batch]);
    }

    [Fact]
    public void HighCardinalityStringsAndDisabledDictionariesArePlain()
    {
        var batch = ParquetTestData.AllTypesBatch(5000, seed: 4);
        var withDictionary = Path.Combine(_directory, "default.parquet");
        var without = Path.Combine(_directory, "no-dictionary.parquet");

        ParquetTestData.Write(withDictionary, ParquetTestData.AllTypes, ParquetWriterOptions.Default, batch);
        ParquetTestData.Write(without, ParquetTestData.AllTypes, new ParquetWriterOptions { UseDictionary = false }, batch);

        ParquetFileInspector.DataPageEncodings(withDictionary, rowGroup: 0, column: 5).Should().OnlyContain(e => e == ParquetEncoding.Plain, "every note is distinct");
        ParquetFileInspector.PageTypes(without, rowGroup: 0, column: 4).Should().NotContain(PageType.DictionaryPage);
        ParquetFileInspector.DataPageEncodings(without, rowGroup: 0, column: 4).Should().OnlyContain(e => e == ParquetEncoding.Plain);
        ParquetTestData.ShouldEqual(ParquetTestData.Read(without), [batch]);
    }

    [Fact]
    public void AChunkWhoseDictionaryOutgrowsTheLimitFallsBackToPlainAndStillRoundTrips()
    {
        var schema = new TableSchema([new ColumnField("code", ColumnType.String)]);
        var batch = ColumnBatch.CreateEmpty(schema);
        var code = (StringColumn)batch.Columns[0];
        for (var i = 0; i < 4000; i++)
        {
            // Each page of 500 rows holds 50 distinct codes; pages bring new codes as they go.
            code.Append($"code-{(i / 500 * 50) + (i % 50)}");
        }

        ParquetTestData.MarkNulls(Enumerable.Range(0, 4000).Where(i => i % 13 == 0).Select(i => ((Column)code, i)));

        var path = Path.Combine(_directory, "fallback.parquet");
        ParquetTestData.Write(path, schema, new ParquetWriterOptions { PageMaximumRows = 500, DictionaryMaximumCardinality = 120 }, batch);

        ParquetFileInspector.DataPageEncodings(path, rowGroup: 0, column: 0).Should().Equal(
            ParquetEncoding.RleDictionary, ParquetEncoding.RleDictionary, ParquetEncoding.Plain, ParquetEncoding.Plain,
            ParquetEncoding.Plain, ParquetEncoding.Plain, ParquetEncoding.Plain, ParquetEncoding.Plain);
        ParquetTestData.ShouldEqual(ParquetTestData.Read(path), [batch]);
    }

    [Theory]
    [InlineData(ColumnType.Int32)]
    [InlineData(ColumnType.Int64)]
    [InlineData(ColumnType.Double)]
    [InlineData(ColumnType.Date)]
    [InlineData(ColumnType.String)]
    public void APageAfterAChunkFallsBackHoldsTheBytesOfAPlainPage(ColumnType type)
    {
        var schema = new TableSchema([new ColumnField("value", type)]);
        var batch = ColumnBatch.CreateEmpty(schema);
        var column = batch.Columns[0];
        for (var i = 0; i < 4000; i++)
        {
            // Each page of 500 rows holds 50 distinct values; pages bring new values as they go.
            AppendNumbered(column, (i / 500 * 50) + (i % 50) - 100);
        }

        ParquetTestData.MarkNulls(Enumerable.Range(0, 4000).Where(i => i % 13 == 0).Select(i => (column, i)));
        var fallback = Path.Combine(_directory, "fallback.parquet");
        var plain = Path.Combine(_directory, "plain.parquet");

        ParquetTestData.Write(fallback, schema, new ParquetWriterOptions { PageMaximumRows = 500, DictionaryMaximumCardinality = 120 }, batch);
        ParquetTestData.Write(plain, schema, new ParquetWriterOptions { PageMaximumRows = 500, UseDictionary = false }, batch);

        // Pages 2 on were dictionary candidates written PLAIN from their page dictionaries.
        var fellBack = ParquetFileInspector.Pages(fallback, rowGroup: 0, column: 0).Where(p => p.Type != PageType.DictionaryPage).Skip(2).ToList();
        var direct = ParquetFileInspector.Pages(plain, rowGroup: 0, column: 0).Skip(2).ToList();
        fellBack.Should().HaveCount(6).And.OnlyContain(p => p.Encoding == ParquetEncoding.Plain);
        fellBack.Select(p => (p.UncompressedSize, Convert.ToHexString(p.Body))).Should().Equal(direct.Select(p => (p.UncompressedSize, Convert.ToHexString(p.Body))));
    }

    [Fact]
    public void RowGroupsAreCutByRowCount()
    {
        var batches = Enumerable.Range(0, 5).Select(i => ParquetTestData.AllTypesBatch(1000, seed: 10 + i, firstId: i * 1000)).ToArray();
        var path = Path.Combine(_directory, "groups-by-rows.parquet");

        ParquetTestData.Write(path, ParquetTestData.AllTypes, new ParquetWriterOptions { RowGroupMaximumRows = 1500, PageMaximumRows = 500 }, batches);

        using var reader = new ParquetTableReader(path);
        reader.Metadata.RowGroups.Select(g => g.RowCount).Should().Equal(1500, 1500, 1500, 500);
        var sizes = new List<int>();
        while (reader.ReadBatch() is { } batch)
        {
            sizes.Add(batch.RowCount);
        }

        sizes.Should().Equal(1500, 1500, 1500, 500);
        ParquetTestData.ShouldEqual(ParquetTestData.Read(path), batches);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(333)]
    [InlineData(500)]
    [InlineData(1500)]
    [InlineData(100_000)]
    public void BatchesHoldAtMostTheRowsAskedForAndNeverSpanRowGroups(int batchRows)
    {
        var batches = Enumerable.Range(0, 5).Select(i => ParquetTestData.AllTypesBatch(1000, seed: 40 + i, firstId: i * 1000)).ToArray();
        var path = Path.Combine(_directory, "batches.parquet");
        // Pages of 400 rows within batches of 1,000 (400, 400, 200), so groups of at most 1,500 rows hold whole pages.
        ParquetTestData.Write(path, ParquetTestData.AllTypes, new ParquetWriterOptions { RowGroupMaximumRows = 1500, PageMaximumRows = 400 }, batches);

        using var reader = new ParquetTableReader(path, batchRows);
        var read = ParquetTestData.ReadBatches(reader);

        // A batch ends at the batch size or at its row group's end, whichever comes first.
        var groups = reader.Metadata.RowGroups.Select(g => (int)g.RowCount).ToArray();
        groups.Should().Equal(1400, 1400, 1200, 1000);
        var expected = new List<int>();
        foreach (var groupRows in groups)
        {
            for (var left = groupRows; left > 0; left -= Math.Min(batchRows, left))
            {
                expected.Add(Math.Min(batchRows, left));
            }
        }

        read.Select(b => b.RowCount).Should().Equal(expected);
        read.Select(b => b.FirstRow).Should().Equal(expected.Select((_, i) => (long)expected.Take(i).Sum()));
        ParquetTestData.ShouldEqual(read, batches);
    }

    [Fact]
    public void TableReadersOpenParquetWithTheBatchSizeAsked()
    {
        var batch = ParquetTestData.AllTypesBatch(3000, seed: 47);
        var path = Path.Combine(_directory, "open.parquet");
        ParquetTestData.Write(path, ParquetTestData.AllTypes, ParquetWriterOptions.Default, batch);

        using var reader = TableReaders.Open(path, TableReadOptions.Defaults with { BatchSize = 1000 });
        var sizes = new List<int>();
        while (reader.ReadBatch() is { } read)
        {
            sizes.Add(read.RowCount);
        }

        sizes.Should().Equal(1000, 1000, 1000);
    }

    [Fact]
    public void ARowGroupLimitBelowThePageSizeStillBoundsEveryRowGroup()
    {
        var batch = ParquetTestData.AllTypesBatch(1000, seed: 12);
        var path = Path.Combine(_directory, "small-groups.parquet");

        ParquetTestData.Write(path, ParquetTestData.AllTypes, new ParquetWriterOptions { RowGroupMaximumRows = 300, PageMaximumRows = 1 << 14 }, batch);

        using var reader = new ParquetTableReader(path);
        reader.Metadata.RowGroups.Select(g => g.RowCount).Should().Equal(300, 300, 300, 100);
        ParquetTestData.ShouldEqual(ParquetTestData.ReadBatches(reader), [batch]);
    }

    [Fact]
    public void RowGroupsAreCutByBytes()
    {
        var batch = ParquetTestData.AllTypesBatch(20_000, seed: 5);
        var path = Path.Combine(_directory, "groups-by-bytes.parquet");

        ParquetTestData.Write(path, ParquetTestData.AllTypes, new ParquetWriterOptions { RowGroupMaximumBytes = 150_000, PageMaximumRows = 1000, Compression = ParquetCompression.Uncompressed }, batch);

        using var reader = new ParquetTableReader(path);
        reader.RowGroupCount.Should().BeGreaterThan(3);
        reader.Metadata.RowGroups.SkipLast(1).Should().OnlyContain(g => g.Columns.Sum(c => c.TotalCompressedSize) <= 160_000);
        reader.Metadata.RowGroups.Sum(g => g.RowCount).Should().Be(20_000);
        ParquetTestData.ShouldEqual(ParquetTestData.ReadBatches(reader), [batch]);
    }

    [Fact]
    public void ColumnChunkStatisticsHoldMinMaxAndNullCount()
    {
        var schema = new TableSchema([
            new ColumnField("i32", ColumnType.Int32), new ColumnField("i64", ColumnType.Int64),
            new ColumnField("f64", ColumnType.Double), new ColumnField("flag", ColumnType.Boolean),
            new ColumnField("text", ColumnType.String), new ColumnField("day", ColumnType.Date),
        ]);
        var batch = ColumnBatch.CreateEmpty(schema);
        ((Int32Column)batch.Columns[0]).Append(5); ((Int32Column)batch.Columns[0]).Append(-3); ((Int32Column)batch.Columns[0]).Append(-100);
        ((Int64Column)batch.Columns[1]).Append(long.MaxValue); ((Int64Column)batch.Columns[1]).Append(long.MinValue); ((Int64Column)batch.Columns[1]).Append(-9);
        ((DoubleColumn)batch.Columns[2]).Append(double.NaN); ((DoubleColumn)batch.Columns[2]).Append(0.0); ((DoubleColumn)batch.Columns[2]).Append(2.5);
        ((BooleanColumn)batch.Columns[3]).Append(true); ((BooleanColumn)batch.Columns[3]).Append(true); ((BooleanColumn)batch.Columns[3]).Append(false);
        // Unsigned byte order: 'Z' (0x5A) < 'a' (0x61) < 'é' (0xC3 0xA9).
        ((StringColumn)batch.Columns[4]).Append("apple"); ((StringColumn)batch.Columns[4]).Append("Zebra"); ((StringColumn)batch.Columns[4]).Append("éclair");
        ((DateColumn)batch.Columns[5]).Append(0); ((DateColumn)batch.Columns[5]).Append(new DateOnly(1969, 7, 20)); ((DateColumn)batch.Columns[5]).Append(new DateOnly(2000, 1, 1));
        // The null rows hold values outside the others' range, which the statistics must ignore.
        ParquetTestData.MarkNulls([(batch.Columns[0], 2), (batch.Columns[1], 1), (batch.Columns[3], 2), (batch.Columns[5], 0)]);
        var path = Path.Combine(_directory, "stats.parquet");

        ParquetTestData.Write(path, schema, ParquetWriterOptions.Default, batch);

        using var reader = new ParquetTableReader(path);
        var stats = reader.Metadata.RowGroups[0].Columns.Select(c => c.Statistics!).ToArray();
        BinaryPrimitives.ReadInt32LittleEndian(stats[0].MinValue).Should().Be(-3);
        BinaryPrimitives.ReadInt32LittleEndian(stats[0].MaxValue).Should().Be(5);
        stats[0].NullCount.Should().Be(1);
        BinaryPrimitives.ReadInt64LittleEndian(stats[1].MinValue).Should().Be(-9);
        BinaryPrimitives.ReadInt64LittleEndian(stats[1].MaxValue).Should().Be(long.MaxValue);
        stats[1].NullCount.Should().Be(1);
        BitConverter.DoubleToInt64Bits(BinaryPrimitives.ReadDoubleLittleEndian(stats[2].MinValue)).Should().Be(BitConverter.DoubleToInt64Bits(-0.0), "a zero minimum is written as -0.0");
        BinaryPrimitives.ReadDoubleLittleEndian(stats[2].MaxValue).Should().Be(2.5);
        stats[2].NanCount.Should().Be(1);
        stats[2].NullCount.Should().Be(0);
        stats[3].MinValue.Should().Equal(1);
        stats[3].MaxValue.Should().Equal(1);
        stats[3].NullCount.Should().Be(1);
        Encoding.UTF8.GetString(stats[4].MinValue!).Should().Be("Zebra");
        Encoding.UTF8.GetString(stats[4].MaxValue!).Should().Be("éclair");
        BinaryPrimitives.ReadInt32LittleEndian(stats[5].MinValue).Should().Be(new DateOnly(1969, 7, 20).DayNumber - DateColumn.UnixEpochDayNumber);
        BinaryPrimitives.ReadInt32LittleEndian(stats[5].MaxValue).Should().Be(10957);
        stats[5].NullCount.Should().Be(1);
    }

    [Fact]
    public void StatisticsMergeAcrossPagesOfAChunk()
    {
        var batch = ParquetTestData.AllTypesBatch(4000, seed: 6);
        var path = Path.Combine(_directory, "stats-pages.parquet");

        ParquetTestData.Write(path, ParquetTestData.AllTypes, new ParquetWriterOptions { PageMaximumRows = 300 }, batch);

        using var reader = new ParquetTableReader(path);
        var age = (Int32Column)batch.Columns[1];
        var present = Enumerable.Range(0, age.Count).Where(i => !age.IsNull(i)).Select(i => age[i]).ToArray();
        var stats = reader.Metadata.RowGroups[0].Columns[1].Statistics!;
        BinaryPrimitives.ReadInt32LittleEndian(stats.MinValue).Should().Be(present.Min());
        BinaryPrimitives.ReadInt32LittleEndian(stats.MaxValue).Should().Be(present.Max());
        stats.NullCount.Should().Be(age.NullCount);
    }

    [Fact]
    public void ParallelEncodingGivesTheSameBytesAsSequentialEncoding()
    {
        var batches = Enumerable.Range(0, 12).Select(i => ParquetTestData.AllTypesBatch(700, seed: 100 + i, firstId: i * 700)).ToArray();
        var options = new ParquetWriterOptions { RowGroupMaximumRows = 2000, PageMaximumRows = 400 };
        var sequential = Path.Combine(_directory, "sequential.parquet");
        var parallel = Path.Combine(_directory, "parallel.parquet");

        ParquetTestData.Write(sequential, ParquetTestData.AllTypes, options, batches);
        using (var writer = new ParquetTableWriter(parallel, ParquetTestData.AllTypes, options))
        {
            var encoded = new EncodedBatch[batches.Length];
            Parallel.For(0, batches.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => encoded[i] = writer.Encode(batches[i]));
            foreach (var batch in encoded)
            {
                writer.Append(batch);
            }

            writer.Commit();
        }

        File.ReadAllBytes(parallel).Should().Equal(File.ReadAllBytes(sequential));
    }

    [Fact]
    public void AnEmptyTableRoundTripsWithItsSchema()
    {
        var path = Path.Combine(_directory, "empty.parquet");

        ParquetTestData.Write(path, ParquetTestData.AllTypes, ParquetWriterOptions.Default);

        using var reader = new ParquetTableReader(path);
        reader.Schema.Fields.Select(f => (f.Name, f.Type)).Should().Equal(ParquetTestData.AllTypes.Fields.Select(f => (f.Name, f.Type)));
        reader.RowCount.Should().Be(0);
        reader.ReadBatch().Should().BeNull();
    }

    [Fact]
    public void AnAllNullStringColumnRoundTrips()
    {
        var schema = new TableSchema([new ColumnField("nothing", ColumnType.String), new ColumnField("n", ColumnType.Int32)]);
        var batch = ColumnBatch.CreateEmpty(schema);
        for (var i = 0; i < 100; i++)
        {
            batch.Columns[0].AppendNull();
            ((Int32Column)batch.Columns[1]).Append(i);
        }

        var path = Path.Combine(_directory, "all-null.parquet");
        ParquetTestData.Write(path, schema, ParquetWriterOptions.Default, batch);

        using var reader = new ParquetTableReader(path);
        reader.Metadata.RowGroups[0].Columns[0].Statistics!.MinValue.Should().BeNull();
        reader.Metadata.RowGroups[0].Columns[0].Statistics!.NullCount.Should().Be(100);
        ParquetTestData.ShouldEqual(ParquetTestData.ReadBatches(reader), [batch]);
    }

    [Fact]
    public void AnUncommittedWriterLeavesNoFile()
    {
        var path = Path.Combine(_directory, "never.parquet");
        using (var writer = new ParquetTableWriter(path, ParquetTestData.AllTypes, ParquetWriterOptions.Default))
        {
            writer.Write(ParquetTestData.AllTypesBatch(100, seed: 7));
        }

        Directory.GetFiles(_directory).Should().BeEmpty();
    }

    [Fact]
    public void TableWritersCreatesAParquetWriter()
    {
        var path = Path.Combine(_directory, "factory.parquet");
        var batch = ParquetTestData.AllTypesBatch(50, seed: 8);
        using (var writer = TableWriters.Create(TableFormat.Parquet, path, ParquetTestData.AllTypes))
        {
            writer.Should().BeOfType<ParquetTableWriter>();
            writer.Write(batch);
            writer.Commit();
        }

        ParquetTestData.ShouldEqual(ParquetTestData.Read(path), [batch]);
    }

    [Fact]
    public void ABatchWithAnotherSchemaIsRejected()
    {
        var path = Path.Combine(_directory, "schema.parquet");
        using var writer = new ParquetTableWriter(path, ParquetTestData.AllTypes, ParquetWriterOptions.Default);
        var other = ColumnBatch.CreateEmpty(new TableSchema([new ColumnField("id", ColumnType.Int64)]));

        var act = () => writer.Encode(other);

        act.Should().Throw<ArgumentException>().WithMessage("*1 columns*7*");
    }

    [Theory]
    [InlineData("RowGroupMaximumRows")]
    [InlineData("RowGroupMaximumBytes")]
    [InlineData("PageMaximumRows")]
    [InlineData("DictionaryMaximumCardinality")]
    [InlineData("Compression")]
    public void ValidateNamesTheBadSetting(string setting)
    {
        var options = setting switch
        {
            "RowGroupMaximumRows" => new ParquetWriterOptions { RowGroupMaximumRows = 0 },
            "RowGroupMaximumBytes" => new ParquetWriterOptions { RowGroupMaximumBytes = -1 },
            "PageMaximumRows" => new ParquetWriterOptions { PageMaximumRows = 0 },
            "DictionaryMaximumCardinality" => new ParquetWriterOptions { DictionaryMaximumCardinality = 0 },
            _ => new ParquetWriterOptions { Compression = (ParquetCompression)42 },
        };

        var act = () => new ParquetTableWriter(Path.Combine(_directory, "bad.parquet"), ParquetTestData.AllTypes, options);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == setting && e.Message.Contains(setting));
        Directory.GetFiles(_directory).Should().BeEmpty();
    }

    private static int CodecNumber(ParquetCompression compression) => compression switch
    {
        ParquetCompression.Uncompressed => 0,
        ParquetCompression.Snappy => 1,
        _ => 2,
    };

    private static void AppendNumbered(Column column, int n)
    {
        switch (column)
        {
            case Int32Column ints:
                ints.Append(n * 7919);
                break;
            case Int64Column longs:
                longs.Append(n * 5_000_000_011L);
                break;
            case DoubleColumn doubles:
                doubles.Append(n / 100.0);
                break;
            case DateColumn dates:
                dates.Append(DateOnly.FromDayNumber(700_000 + n));
                break;
            case StringColumn strings:
                strings.Append($"code-{n}");
                break;
            default:
                throw new ArgumentException($"no numbered values for {column.Type}", nameof(column));
        }
    }
}
