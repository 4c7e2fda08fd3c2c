using SegBench.Data.Formats;
using SegBench.Data.Formats.Csv;
using SegBench.Data.Formats.Xlsx;

namespace SegBench.Data.Tests.Ingestion;

public sealed class TableReadersTests : IngestionTestBase
{
    [Theory]
    [InlineData("data.csv", typeof(CsvTableReader))]
    [InlineData("DATA.TXT", typeof(CsvTableReader))]
    [InlineData("data.tsv", typeof(CsvTableReader))]
    [InlineData("data.xlsx", typeof(XlsxTableReader))]
    public void TheReaderIsChosenByExtension(string name, Type expected)
    {
        var path = Path.Combine(Directory, name);
        if (expected == typeof(XlsxTableReader))
        {
            XlsxBuilder.Write(path, ("Data", [["a"], [1]]));
        }
        else
        {
            File.WriteAllText(path, "a\n1\n");
        }

        using var reader = TableReaders.Open(path);

        reader.Should().BeOfType(expected);
        TableValues.Column(TableValues.Collect(reader), "a").Should().Equal(1L);
    }

    [Fact]
    public void ATsvFileIsSplitOnTabsEvenWhenItsFirstLinesHaveCommas()
    {
        var path = WriteText("names.tsv", "name\tcity\nRao, A\tPune, MH\n");

        using var reader = TableReaders.Open(path);
        var table = TableValues.Collect(reader);

        TableValues.Column(table, "city").Should().Equal("Pune, MH");
    }

    [Fact]
    public void AnUnknownExtensionListsTheSupportedOnes()
    {
        var path = WriteText("data.json", "[]");

        var act = () => TableReaders.Open(path);

        act.Should().Throw<DataFileException>().WithMessage($"{path}: cannot tell the format from the extension '.json'; supported: .csv, .tsv, .txt, .xlsx, .parquet");
    }

    [Fact]
    public void ABrokenParquetFileIsADataFileExceptionFromTheParquetReader()
    {
        var path = WriteText("data.parquet", "PAR1");

        var act = () => TableReaders.Open(path).ReadAll();

        act.Should().Throw<DataFileException>().Which.FilePath.Should().Be(path);
    }

    [Fact]
    public void ParquetFilesOpenByExtension()
    {
        var schema = new TableSchema([new ColumnField("id", ColumnType.Int64), new ColumnField("name", ColumnType.String)]);
        var batch = ColumnBatch.CreateEmpty(schema);
        ((Int64Column)batch.Columns[0]).Append(7);
        ((StringColumn)batch.Columns[1]).Append("Asha");
        var path = Path.Combine(Path.GetDirectoryName(WriteText("x.txt", ""))!, "t.parquet");
        using (var writer = TableWriters.Create(TableFormat.Parquet, path, schema))
        {
            writer.Write(batch);
            writer.Commit();
        }

        using var reader = TableReaders.Open(path);
        var table = reader.ReadAll();
        ((Int64Column)table["id"])[0].Should().Be(7);
        ((StringColumn)table["name"]).GetString(0).Should().Be("Asha");
    }

    [Fact]
    public void AMissingFileIsADataFileException()
    {
        var path = Path.Combine(Directory, "absent.csv");

        var act = () => TableReaders.Open(path);

        act.Should().Throw<DataFileException>().WithMessage($"{path}: the file does not exist");
    }

    [Fact]
    public void AReaderOpenedDirectlyOnAMissingFileGivesADataFileException()
    {
        var path = Path.Combine(Directory, "absent.xlsx");

        var csv = () => new CsvTableReader(Path.ChangeExtension(path, ".csv"));
        var xlsx = () => new XlsxTableReader(path);

        csv.Should().Throw<DataFileException>().WithMessage("*absent.csv: the file cannot be opened*");
        xlsx.Should().Throw<DataFileException>().WithMessage("*absent.xlsx: the file cannot be opened*");
    }

    [Fact]
    public void InvalidOptionsNameTheSetting()
    {
        var path = WriteText("ok.csv", "a\n1\n");

        var act = () => TableReaders.Open(path, TableReadOptions.Defaults with { BatchSize = 0 });
        var both = () => TableReadOptions.Defaults with
        {
            ExpectedSchema = new TableSchema([new ColumnField("a", ColumnType.Int64)]),
            ColumnTypes = new Dictionary<string, ColumnType>(),
        };

        act.Should().Throw<ArgumentException>().WithMessage("BatchSize must be between 1 and *");
        both().Invoking(options => options.Validate()).Should().Throw<ArgumentException>().WithMessage("Give ExpectedSchema or ColumnTypes, not both.*");
        TableReadOptions.Defaults.Invoking(options => options.Validate()).Should().NotThrow();
    }
}
