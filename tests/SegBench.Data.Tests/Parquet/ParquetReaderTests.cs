using System.Buffers.Binary;
using System.Text;
using SegBench.Data;
using SegBench.Data.Formats;
using SegBench.Data.Formats.Parquet;

namespace SegBench.Data.Tests.Parquet;

public sealed class ParquetReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("segbench-parquet-read-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(ParquetCodecs.Snappy, true)]
    [InlineData(ParquetCodecs.Gzip, true)]
    [InlineData(ParquetCodecs.Snappy, false)]
    public void RequiredColumnsAndV2DataPagesAreReadAsDuckDbReadsThem(int codec, bool compressValues)
    {
        const int Rows = 100;
        var path = Path.Combine(_directory, "handmade.parquet");
        var ids = Enumerable.Range(0, Rows).Select(i => i * 3).ToArray();
        var present = Enumerable.Range(0, Rows).Select(i => i % 4 != 0).ToArray();
        var names = new List<byte>();
        foreach (var i in Enumerable.Range(0, Rows).Where(i => present[i]))
        {
            var text = Encoding.UTF8.GetBytes($"name {i}, ₹");
            names.AddRange(BitConverter.GetBytes(text.Length));
            names.AddRange(text);
        }

        new ParquetFileBuilder { Rows = Rows }
            .AddColumn("id", PhysicalType.Int32, Repetition.Required, null, codec,
                ParquetFileBuilder.DataPageV1(codec, Rows, null, ids.SelectMany(BitConverter.GetBytes).ToArray()))
            .AddColumn("name", PhysicalType.ByteArray, Repetition.Optional, ConvertedType.Utf8, codec,
                ParquetFileBuilder.DataPageV2(codec, Rows, present.Count(p => !p), ParquetFileBuilder.Levels(present), [.. names], compressValues))
            .Save(path);

        using var reader = new ParquetTableReader(path);
        reader.Schema.Fields.Select(f => (f.Name, f.Type)).Should().Equal(("id", ColumnType.Int32), ("name", ColumnType.String));
        var batch = reader.ReadBatch()!;
        ParquetTestData.Describe(batch.Columns[0]).Should().Equal(ids.Cast<object?>());
        ParquetTestData.Describe(batch.Columns[1]).Should().Equal(Enumerable.Range(0, Rows).Select(i => present[i] ? $"name {i}, ₹" : null));

        var csv = Path.Combine(_directory, "handmade.csv");
        ParquetTestData.WriteCsv(csv, reader.Schema, batch);
        var compared = DuckDb.Run("compare.mjs", path, csv, DuckDb.WriteSchemaJson(reader.Schema, Path.Combine(_directory, "schema.json")));
        compared.ExitCode.Should().Be(0, compared.ToString());
    }

    [Fact]
    public void ATruncatedFileGivesADataFileExceptionNamingTheFile()
    {
        var path = Path.Combine(_directory, "whole.parquet");
        ParquetTestData.Write(path, ParquetTestData.AllTypes, ParquetWriterOptions.Default, ParquetTestData.AllTypesBatch(2000, seed: 30));
        var bytes = File.ReadAllBytes(path);

        foreach (var length in new[] { 0, 3, 11, 100, bytes.Length / 2, bytes.Length - 9, bytes.Length - 1 })
        {
            var truncated = Path.Combine(_directory, $"truncated-{length}.parquet");
            File.WriteAllBytes(truncated, bytes[..length]);

            var act = () =>
            {
                using var reader = new ParquetTableReader(truncated);
                ParquetTestData.ReadBatches(reader);
            };

            act.Should().Throw<DataFileException>($"a file cut to {length} bytes is incomplete")
                .Where(e => e.FilePath == truncated && e.Message.StartsWith(truncated, StringComparison.Ordinal))
                .Which.Problem.Should().MatchRegex("truncated|too short|magic");
        }
    }

    [Fact]
    public void AFileWhoseColumnChunkRunsIntoTheFooterIsRejected()
    {
        var path = Path.Combine(_directory, "chunk.parquet");
        ParquetTestData.Write(path, ParquetTestData.AllTypes, ParquetWriterOptions.Default, ParquetTestData.AllTypesBatch(500, seed: 31));
        var bytes = File.ReadAllBytes(path);
        // Cut the data region short and re-append the same footer: the chunks now point past it.
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        var footer = bytes[(bytes.Length - 8 - footerLength)..];
        File.WriteAllBytes(path, [.. bytes[..(bytes.Length - 8 - footerLength - 200)], .. footer]);

        using var reader = new ParquetTableReader(path);
        var act = () => ParquetTestData.ReadBatches(reader);

        act.Should().Throw<DataFileException>().Where(e => e.FilePath == path).WithMessage("*outside the data region*");
    }

    [Fact]
    public void CorruptSnappyPageDataGivesADataFileException()
    {
        var path = Path.Combine(_directory, "corrupt.parquet");
        ParquetTestData.Write(path, ParquetTestData.AllTypes, new ParquetWriterOptions { Compression = ParquetCompression.Snappy }, ParquetTestData.AllTypesBatch(3000, seed: 32));
        var bytes = File.ReadAllBytes(path);
        ColumnChunkMetadata chunk;
        using (var reader = new ParquetTableReader(path))
        {
            chunk = reader.Metadata.RowGroups[0].Columns[5];
        }

        // Garble the middle of the note column's first page body.
        var middle = (int)(chunk.DataPageOffset + Math.Min(400, chunk.TotalCompressedSize / 2));
        for (var i = middle; i < middle + 64; i++)
        {
            bytes[i] = 0xFF;
        }

        File.WriteAllBytes(path, bytes);

        using var corrupt = new ParquetTableReader(path);
        var act = () => ParquetTestData.ReadBatches(corrupt);

        act.Should().Throw<DataFileException>().Where(e => e.FilePath == path && e.ColumnName == "note");
    }

    [Fact]
    public void APageClaimingMoreThanTheSizeCapIsRejectedBeforeAllocating()
    {
        var path = Path.Combine(_directory, "huge-page.parquet");
        var page = ParquetFileBuilder.DataPageV1(ParquetCodecs.Uncompressed, 4, null, new byte[16], claimedUncompressedSize: 300 << 20);
        new ParquetFileBuilder { Rows = 4 }
            .AddColumn("x", PhysicalType.Int32, Repetition.Required, null, ParquetCodecs.Uncompressed, page)
            .Save(path);

        using var reader = new ParquetTableReader(path);
        var act = () => reader.ReadBatch();

        act.Should().Throw<DataFileException>().Where(e => e.ColumnName == "x").WithMessage("*314572800 bytes uncompressed*256 MiB limit*");
    }

    [Fact]
    public void ARowGroupClaimingFarMoreRowsThanItsPagesHoldFailsWithoutAllocatingForTheClaim()
    {
        // 100M rows claimed, four values held: the batch must not be sized by the claim (400 MB of ints).
        var path = Path.Combine(_directory, "claims.parquet");
        var page = ParquetFileBuilder.DataPageV1(ParquetCodecs.Uncompressed, 4, null, new byte[16]);
        new ParquetFileBuilder { Rows = 100_000_000 }
            .AddColumn("x", PhysicalType.Int32, Repetition.Required, null, ParquetCodecs.Uncompressed, page)
            .Save(path);

        using var reader = new ParquetTableReader(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var act = () => reader.ReadBatch();

        act.Should().Throw<DataFileException>().Where(e => e.ColumnName == "x").WithMessage("*pages end 99999996 values short*");
        (GC.GetAllocatedBytesForCurrentThread() - allocated).Should().BeLessThan(16 << 20);
    }

    [Fact]
    public void AnUnsupportedCodecIsNamedInTheError()
    {
        var path = Path.Combine(_directory, "brotli.parquet");
        var page = ParquetFileBuilder.DataPageV1(ParquetCodecs.Uncompressed, 4, null, new byte[16]);
        new ParquetFileBuilder { Rows = 4 }
            .AddColumn("x", PhysicalType.Int32, Repetition.Required, null, 4, page)
            .Save(path);

        using var reader = new ParquetTableReader(path);
        var act = () => reader.ReadBatch();

        act.Should().Throw<DataFileException>().Where(e => e.FilePath == path && e.ColumnName == "x").WithMessage("*codec BROTLI is not supported*");
    }

    [Fact]
    public void ACsvFileIsNotMistakenForParquet()
    {
        var path = Path.Combine(_directory, "table.csv");
        File.WriteAllText(path, "id,name\n1,Asha\n2,Ravi\n3,Meera\n");

        var act = () => new ParquetTableReader(path);

        act.Should().Throw<DataFileException>().WithMessage($"{path}: the file does not start with the Parquet magic 'PAR1'.");
    }

    [Fact]
    public void AFooterLengthLargerThanTheFileIsRejected()
    {
        var path = Path.Combine(_directory, "footer.parquet");
        ParquetTestData.Write(path, ParquetTestData.AllTypes, ParquetWriterOptions.Default, ParquetTestData.AllTypesBatch(10, seed: 33));
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), bytes.Length);
        File.WriteAllBytes(path, bytes);

        var act = () => new ParquetTableReader(path);

        act.Should().Throw<DataFileException>().WithMessage("*footer length*does not fit*");
    }

    [Fact]
    public void AGarbledFooterIsReportedAsCorrupt()
    {
        var path = Path.Combine(_directory, "garbled.parquet");
        ParquetTestData.Write(path, ParquetTestData.AllTypes, ParquetWriterOptions.Default, ParquetTestData.AllTypesBatch(10, seed: 34));
        var bytes = File.ReadAllBytes(path);
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        bytes.AsSpan(bytes.Length - 8 - footerLength, footerLength).Fill(0xEE);
        File.WriteAllBytes(path, bytes);

        var act = () => new ParquetTableReader(path);

        act.Should().Throw<DataFileException>().Where(e => e.FilePath == path).WithMessage("*footer is corrupt*");
    }
}
