using SegBench.Data.Formats;
using SegBench.Data.Formats.Csv;
using SegBench.Data.Formats.Xlsx;

namespace SegBench.Data.Tests.Ingestion;

public sealed class XlsxTableReaderTests : IngestionTestBase
{
    private static readonly object?[][] Customers =
    [
        ["customer_id", "age", "networth", "has_demat", "opened", "city"],
        ["CUST000000001", 27, 250000.5, true, new DateOnly(2019, 7, 1), "Pune"],
        ["CUST000000002", null, 12000000.0, false, new DateOnly(2024, 2, 29), null],
        ["CUST000000003", 61, null, null, null, "Navi Mumbai, \"Vashi\""],
    ];

    private static readonly object?[][] Branches =
    [
        ["branch", "ifsc"],
        ["Fort", "SBIN0000300"],
    ];

    private Table Read(string path, TableReadOptions? options = null)
    {
        using var reader = new XlsxTableReader(path, options);
        return TableValues.Collect(reader);
    }

    private string Workbook(string name = "book.xlsx")
    {
        var path = Path.Combine(Directory, name);
        XlsxBuilder.Write(path, ("Customers", Customers), ("Branches", Branches));
        return path;
    }

    [Fact]
    public void TheFirstSheetIsReadWithTypedCells()
    {
        var table = Read(Workbook());

        TableValues.Fields(table).Should().Equal(
            ("customer_id", ColumnType.String), ("age", ColumnType.Int64), ("networth", ColumnType.Double),
            ("has_demat", ColumnType.Boolean), ("opened", ColumnType.Date), ("city", ColumnType.String));
        TableValues.Rows(table).Should().BeEquivalentTo(
            new[]
            {
                new object?[] { "CUST000000001", 27L, 250000.5, true, new DateOnly(2019, 7, 1), "Pune" },
                new object?[] { "CUST000000002", null, 12000000.0, false, new DateOnly(2024, 2, 29), null },
                new object?[] { "CUST000000003", 61L, null, null, null, "Navi Mumbai, \"Vashi\"" },
            },
            o => o.WithStrictOrdering());
    }

    [Fact]
    public void ANamedSheetIsRead()
    {
        var table = Read(Workbook(), TableReadOptions.Defaults with { Sheet = "branches" });

        TableValues.Fields(table).Should().Equal(("branch", ColumnType.String), ("ifsc", ColumnType.String));
        TableValues.Column(table, "ifsc").Should().Equal("SBIN0000300");
    }

    [Fact]
    public void AMissingSheetIsAnErrorListingTheSheets()
    {
        var path = Workbook();

        var act = () => Read(path, TableReadOptions.Defaults with { Sheet = "Cards" });

        act.Should().Throw<DataFileException>().WithMessage($"{path}: the workbook has no sheet named 'Cards'; its sheets are 'Customers', 'Branches'");
    }

    [Fact]
    public void TheSameDatasetAsCsvAndXlsxGivesIdenticalTables()
    {
        var xlsx = Workbook();
        var schema = new TableSchema(Customers[0].Select(name => new ColumnField((string)name!, ColumnType.String)));
        var csv = WriteText(
            "book.csv",
            "customer_id,age,networth,has_demat,opened,city\n"
            + "CUST000000001,27,250000.5,true,2019-07-01,Pune\n"
            + "CUST000000002,,12000000,false,2024-02-29,\n"
            + "CUST000000003,61,,,,\"Navi Mumbai, \"\"Vashi\"\"\"\n");
        schema.Count.Should().Be(6);

        var fromXlsx = Read(xlsx);
        Table fromCsv;
        using (var reader = TableReaders.Open(csv))
        {
            fromCsv = TableValues.Collect(reader);
        }

        // 12000000 is written without a point in the CSV and as a number cell in the workbook;
        // both are whole, so the column is Double only because 250000.5 is in it, in both files.
        fromCsv.Schema.Fields.Should().Equal(fromXlsx.Schema.Fields);
        TableValues.Rows(fromCsv).Should().BeEquivalentTo(TableValues.Rows(fromXlsx), o => o.WithStrictOrdering());
    }

    [Fact]
    public void TextCellsAreParsedLikeCsvFields()
    {
        var path = Path.Combine(Directory, "text.xlsx");
        XlsxBuilder.Write(path, ("Data", [["amount", "day", "flag"], ["12", "2024-01-05", "TRUE"], ["7.5", "2024-01-06", "false"]]));

        var table = Read(path);

        TableValues.Fields(table).Should().Equal(("amount", ColumnType.Double), ("day", ColumnType.Date), ("flag", ColumnType.Boolean));
        TableValues.Column(table, "amount").Should().Equal(12.0, 7.5);
    }

    [Fact]
    public void ATypedColumnWithTextNamesTheRowAndColumn()
    {
        var path = Path.Combine(Directory, "typed.xlsx");
        XlsxBuilder.Write(path, ("Data", [["name", "age"], ["Asha", 31], ["Ravi", "thirty"]]));

        var act = () => Read(path, TableReadOptions.Defaults with { ColumnTypes = new Dictionary<string, ColumnType> { ["age"] = ColumnType.Int32 } });

        act.Should().Throw<DataFileException>().WithMessage($"{path}: row 2, column 'age': 'thirty' is not a number");
    }

    [Fact]
    public void AValuePastTheLastHeaderColumnIsARaggedRow()
    {
        var path = Path.Combine(Directory, "ragged.xlsx");
        XlsxBuilder.Write(path, ("Data", [["a", "b"], [1, 2], [3, 4, 5]]));

        var act = () => Read(path);

        act.Should().Throw<DataFileException>().Where(e => e.Row == 2).WithMessage("*row 2: the row has 3 fields but the header has 2");
    }

    [Fact]
    public void AnEmptySheetIsAClearError()
    {
        var path = Path.Combine(Directory, "empty.xlsx");
        XlsxBuilder.Write(path, ("Data", []));

        var act = () => Read(path);

        act.Should().Throw<DataFileException>().WithMessage("*there is no header row");
    }

    [Fact]
    public void AFileThatIsNotAWorkbookIsADataFileException()
    {
        var path = WriteText("notes.xlsx", "this is not a workbook");

        var act = () => Read(path);

        act.Should().Throw<DataFileException>().WithMessage($"{path}: the file is not an XLSX workbook: it is not a zip archive*");
    }

    [Fact]
    public void ATruncatedWorkbookIsADataFileException()
    {
        var whole = File.ReadAllBytes(Workbook());
        var path = WriteBytes("truncated.xlsx", whole[..(whole.Length / 2)]);

        var act = () => Read(path);

        act.Should().Throw<DataFileException>().WithMessage($"{path}: the workbook cannot be read*");
    }

    [Fact]
    public void AZipWithoutWorkbookPartsIsADataFileException()
    {
        var path = Path.Combine(Directory, "plain.xlsx");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var stream = zip.CreateEntry("readme.txt").Open();
            stream.Write("hello"u8);
        }

        var act = () => Read(path);

        act.Should().Throw<DataFileException>().WithMessage($"{path}: the workbook cannot be read; it is corrupt or not an XLSX workbook*");
    }

    [Fact]
    public void AWorkbookThatDecompressesPastTheLimitIsRefusedBeforeOpening()
    {
        var path = Path.Combine(Directory, "bomb.xlsx");
        XlsxBuilder.Write(path, [("xl/media/padding.bin", new byte[3 << 20])], ("Data", [["a"], [1]]));
        new FileInfo(path).Length.Should().BeLessThan(64 << 10, "zeros compress well, which is what a zip bomb relies on");

        var act = () => Read(path, TableReadOptions.Defaults with { MaximumDecompressedBytes = 1 << 20 });
        var allowed = Read(path, TableReadOptions.Defaults with { MaximumDecompressedBytes = 4 << 20 });

        act.Should().Throw<DataFileException>().WithMessage("*decompresses to more than 1 MiB*refused as a possible zip bomb*MaximumDecompressedBytes*");
        TableValues.Column(allowed, "a").Should().Equal(1L);
    }

    [Fact]
    public void APasswordProtectedWorkbookIsAClearError()
    {
        // Made by Fixtures/make-encrypted.js (xlsx-populate, ECMA-376 agile encryption).
        var path = Fixture("encrypted.xlsx");

        var act = () => Read(path);

        act.Should().Throw<DataFileException>().WithMessage($"{path}: the workbook is password-protected*");
    }
}
