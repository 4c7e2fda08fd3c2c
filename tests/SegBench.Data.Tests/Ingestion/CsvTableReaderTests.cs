using System.Text;
using SegBench.Data.Formats;
using SegBench.Data.Formats.Csv;

namespace SegBench.Data.Tests.Ingestion;

public sealed class CsvTableReaderTests : IngestionTestBase
{
    private Table Read(string path, TableReadOptions? options = null)
    {
        using var reader = new CsvTableReader(path, options);
        return TableValues.Collect(reader);
    }

    [Fact]
    public void AUtf8ByteOrderMarkIsNotPartOfTheFirstColumnName()
    {
        var path = WriteBytes("bom.csv", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("age,city\n31,Pune\n")]);

        var table = Read(path);

        TableValues.Fields(table).Should().Equal(("age", ColumnType.Int64), ("city", ColumnType.String));
        TableValues.Rows(table).Should().BeEquivalentTo(new[] { new object?[] { 31L, "Pune" } }, o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData("\t")]
    [InlineData("|")]
    public void TheDelimiterIsDetectedFromTheFirstLines(string delimiter)
    {
        var text = $"name{delimiter}balance{delimiter}branch\nAsha{delimiter}1200.5{delimiter}Mumbai Fort\nRavi{delimiter}-3.25{delimiter}Pune Camp\n";
        var path = WriteText("sniff.txt", text);

        var table = Read(path);

        TableValues.Fields(table).Should().Equal(("name", ColumnType.String), ("balance", ColumnType.Double), ("branch", ColumnType.String));
        TableValues.Column(table, "balance").Should().Equal(1200.5, -3.25);
        TableValues.Column(table, "branch").Should().Equal("Mumbai Fort", "Pune Camp");
    }

    [Fact]
    public void AGivenDelimiterOverridesDetection()
    {
        var path = WriteText("given.csv", "a;b\n1;2\n");

        var table = Read(path, TableReadOptions.Defaults with { Delimiter = ',' });

        TableValues.Fields(table).Should().Equal(("a;b", ColumnType.String));
        TableValues.Column(table, "a;b").Should().Equal("1;2");
    }

    [Fact]
    public void QuotedFieldsKeepLineBreaksDelimitersAndDoubledQuotes()
    {
        var path = WriteText("quoted.csv", "id,address\r\n1,\"12 MG Road,\nBengaluru\"\r\n2,\"Flat \"\"B\"\", Andheri\"\r\n");

        var table = Read(path);

        TableValues.Column(table, "address").Should().Equal("12 MG Road,\nBengaluru", "Flat \"B\", Andheri");
        TableValues.Column(table, "id").Should().Equal(1L, 2L);
    }

    [Fact]
    public void EmptyFieldsAreNullsAndDoNotChangeTheInferredType()
    {
        var path = WriteText("nulls.csv", "age,income,joined\n31,,2021-04-01\n,55000.5,\n40,1,2020-01-31\n");

        var table = Read(path);

        TableValues.Fields(table).Should().Equal(("age", ColumnType.Int64), ("income", ColumnType.Double), ("joined", ColumnType.Date));
        TableValues.Column(table, "age").Should().Equal(31L, null, 40L);
        TableValues.Column(table, "income").Should().Equal(null, 55000.5, 1.0);
        TableValues.Column(table, "joined").Should().Equal(new DateOnly(2021, 4, 1), null, new DateOnly(2020, 1, 31));
    }

    [Fact]
    public void NumbersAreCultureInvariantWithoutThousandsSeparators()
    {
        var path = WriteText("numbers.csv", "point,exponent,comma\n1.5,1e3,\"1,5\"\n-0.25,2.5E-2,\"1,234\"\n");

        var table = Read(path);

        TableValues.Column(table, "point").Should().Equal(1.5, -0.25);
        TableValues.Column(table, "exponent").Should().Equal(1000.0, 0.025);
        TableValues.Fields(table)[2].Should().Be(("comma", ColumnType.String), "a decimal comma or a thousands separator is not an invariant number");
    }

    [Fact]
    public void EachTypeIsInferredAndAnAllEmptyColumnIsString()
    {
        var path = WriteText("types.csv", "flag,count,amount,day,name,nothing\nTRUE,1,2,2024-02-29,x,\nfalse,-7,2.5,1999-12-31,y,\n");

        var table = Read(path);

        TableValues.Fields(table).Should().Equal(
            ("flag", ColumnType.Boolean), ("count", ColumnType.Int64), ("amount", ColumnType.Double),
            ("day", ColumnType.Date), ("name", ColumnType.String), ("nothing", ColumnType.String));
        TableValues.Column(table, "flag").Should().Equal(true, false);
        TableValues.Column(table, "nothing").Should().Equal(new object?[] { null, null });
    }

    [Fact]
    public void AnImpossibleDateMakesTheColumnText()
    {
        var path = WriteText("dates.csv", "day\n2023-02-28\n2023-02-29\n");

        TableValues.Fields(Read(path)).Should().Equal(("day", ColumnType.String));
    }

    [Fact]
    public void EveryTypeWithNullsRoundTripsFromCsvTableWriter()
    {
        var schema = new TableSchema([
            new ColumnField("customer_id", ColumnType.String, ColumnRole.Identifier),
            new ColumnField("age", ColumnType.Int32),
            new ColumnField("balance_paise", ColumnType.Int64),
            new ColumnField("utilisation", ColumnType.Double),
            new ColumnField("has_demat", ColumnType.Boolean),
            new ColumnField("opened", ColumnType.Date),
        ]);
        object?[] idValues = ["CUST000000001", "Rao, \"Jr\"", "line\nbreak", "देवनागरी ₹", null, "  padded  "];
        object?[] ageValues = [18, int.MaxValue, int.MinValue, null, 0, -1];
        object?[] balanceValues = [long.MaxValue, long.MinValue, null, 0L, 42L, -9_000_000_000L];
        object?[] ratioValues = [0.1, 1.0 / 3, double.MaxValue, double.Epsilon, null, -2.5e-300];
        object?[] flagValues = [true, false, null, true, false, true];
        object?[] dateValues = [new DateOnly(1970, 1, 1), new DateOnly(1900, 3, 1), new DateOnly(2099, 12, 31), null, new DateOnly(2024, 2, 29), new DateOnly(1, 1, 1)];
        var batch = ColumnBatch.CreateEmpty(schema);
        object?[][] values = [idValues, ageValues, balanceValues, ratioValues, flagValues, dateValues];
        for (var c = 0; c < values.Length; c++)
        {
            TableValues.Fill(batch.Columns[c], values[c]);
        }

        var path = Path.Combine(Directory, "roundtrip.csv");
        using (var writer = new CsvTableWriter(path, schema))
        {
            writer.Append(writer.Encode(batch));
            writer.Commit();
        }

        var expected = new Table(schema, batch.Columns);
        var typed = Read(path, TableReadOptions.Defaults with { ExpectedSchema = schema });
        var inferred = Read(path);

        typed.Schema.Fields.Should().Equal(schema.Fields);
        TableValues.Rows(typed).Should().BeEquivalentTo(TableValues.Rows(expected), o => o.WithStrictOrdering());
        TableValues.Fields(inferred).Select(field => field.Type).Should().Equal(
            ColumnType.String, ColumnType.Int64, ColumnType.Int64, ColumnType.Double, ColumnType.Boolean, ColumnType.Date);
        TableValues.Column(inferred, "age").Should().Equal(ageValues.Select(value => (object?)(long?)(int?)value));
        TableValues.Column(inferred, "utilisation").Should().Equal(ratioValues);
    }

    [Fact]
    public void AOneColumnTableKeepsItsNullsThroughTheWriter()
    {
        var schema = new TableSchema([new ColumnField("score", ColumnType.Double)]);
        var batch = ColumnBatch.CreateEmpty(schema);
        TableValues.Fill(batch.Columns[0], 1.5, null, -2.0, null);
        var path = Path.Combine(Directory, "one.csv");
        using (var writer = new CsvTableWriter(path, schema))
        {
            writer.Append(writer.Encode(batch));
            writer.Commit();
        }

        TableValues.Column(Read(path), "score").Should().Equal(1.5, null, -2.0, null);
    }

    [Fact]
    public void BlankLinesInAWiderTableAreSkipped()
    {
        var path = WriteText("blank.csv", "a,b\n1,2\n\n3,4\n\n");

        TableValues.Column(Read(path), "a").Should().Equal(1L, 3L);
    }

    [Fact]
    public void ARaggedRowNamesTheFileAndRow()
    {
        var path = WriteText("ragged.csv", "a,b,c\n1,2,3\n4,5\n");

        var act = () => Read(path);

        act.Should().Throw<DataFileException>()
            .Where(e => e.Row == 2)
            .WithMessage($"{path}: row 2: the row has 2 fields but the header has 3");
    }

    [Fact]
    public void ANonNumericValueInATypedColumnNamesTheRowAndColumn()
    {
        var path = WriteText("data.csv", "name,age\nAsha,31\nRavi,29\nMeera,abc\n");

        var act = () => Read(path, TableReadOptions.Defaults with { ColumnTypes = new Dictionary<string, ColumnType> { ["age"] = ColumnType.Int64 } });

        act.Should().Throw<DataFileException>()
            .Where(e => e.Row == 3 && e.ColumnName == "age")
            .WithMessage($"{path}: row 3, column 'age': 'abc' is not a number");
    }

    [Fact]
    public void AFractionInATypedIntegerColumnIsNotAWholeNumber()
    {
        var path = WriteText("fraction.csv", "age\n31\n29.5\n");
        var schema = new TableSchema([new ColumnField("age", ColumnType.Int32)]);

        var act = () => Read(path, TableReadOptions.Defaults with { ExpectedSchema = schema });

        act.Should().Throw<DataFileException>().WithMessage("*row 2, column 'age': '29.5' is not a whole number");
    }

    [Fact]
    public void ALateFractionWidensAnInferredIntegerColumnToDouble()
    {
        var lines = Enumerable.Range(1, 50).Select(i => $"{i},x").Append("50.5,y");
        var path = WriteText("widen.csv", "amount,tag\n" + string.Join("\n", lines) + "\n");

        var table = Read(path, TableReadOptions.Defaults with { InferenceSampleRows = 10, BatchSize = 7 });

        TableValues.Fields(table)[0].Should().Be(("amount", ColumnType.Double));
        TableValues.Column(table, "amount")[^1].Should().Be(50.5);
        table.RowCount.Should().Be(51);
    }

    [Fact]
    public void ALateWordWidensAnInferredNumberColumnToTextKeepingEveryValue()
    {
        var path = WriteText("text.csv", "pincode\n" + string.Join("\n", Enumerable.Range(400001, 30)) + "\nn/a\n");

        var table = Read(path, TableReadOptions.Defaults with { BatchSize = 8 });

        TableValues.Fields(table).Should().Equal(("pincode", ColumnType.String));
        TableValues.Column(table, "pincode")[0].Should().Be("400001");
        TableValues.Column(table, "pincode")[^1].Should().Be("n/a");
    }

    [Fact]
    public void AValueBeyondATyped32BitColumnIsOutOfRange()
    {
        var path = WriteText("range.csv", "age\n3000000000\n");

        var act = () => Read(path, TableReadOptions.Defaults with { ColumnTypes = new Dictionary<string, ColumnType> { ["age"] = ColumnType.Int32 } });

        act.Should().Throw<DataFileException>().WithMessage("*row 1, column 'age': '3000000000' is out of range for a 32-bit integer");
    }

    [Fact]
    public void SampleConfirmationReportsALateMisfitWithItsRowAndColumn()
    {
        var lines = Enumerable.Range(1, 20).Select(i => $"{i}").Append("oops");
        var path = WriteText("late.csv", "count\n" + string.Join("\n", lines) + "\n");
        var options = TableReadOptions.Defaults with { Confirmation = TypeConfirmation.Sample, InferenceSampleRows = 5 };

        var act = () => Read(path, options);

        act.Should().Throw<DataFileException>()
            .Where(e => e.Row == 21 && e.ColumnName == "count")
            .WithMessage("*row 21, column 'count': 'oops' is not a number; the column's type was inferred from the first 5 rows*");
    }

    [Fact]
    public void BatchesHaveTheRequestedSizeAndTheirFirstRows()
    {
        var path = WriteText("batches.csv", "n\n" + string.Join("\n", Enumerable.Range(0, 10)) + "\n");
        using var reader = new CsvTableReader(path, TableReadOptions.Defaults with { BatchSize = 3 });

        var batches = new List<(long FirstRow, int Rows, long First)>();
        while (reader.ReadBatch() is { } batch)
        {
            batches.Add((batch.FirstRow, batch.RowCount, ((Int64Column)batch.Columns[0])[0]));
        }

        batches.Should().Equal((0L, 3, 0L), (3L, 3, 3L), (6L, 3, 6L), (9L, 1, 9L));
        reader.ReadBatch().Should().BeNull();
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    public void AnEmptyFileIsAClearError(byte[] bytes)
    {
        var path = WriteBytes("empty.csv", bytes);

        var act = () => Read(path);

        act.Should().Throw<DataFileException>().WithMessage($"{path}: the file is empty: there is no header row");
    }

    [Fact]
    public void AHeaderWithoutRowsGivesAnEmptyTable()
    {
        var path = WriteText("header.csv", "a,b\n");

        var table = Read(path);

        table.RowCount.Should().Be(0);
        TableValues.Fields(table).Should().Equal(("a", ColumnType.String), ("b", ColumnType.String));
    }

    [Fact]
    public void ADuplicateColumnNameIsAnError()
    {
        var path = WriteText("dupe.csv", "id,amount, amount\n1,2,3\n");

        var act = () => Read(path);

        act.Should().Throw<DataFileException>().WithMessage("*the header names 'amount' twice (columns 2 and 3)*");
    }

    [Fact]
    public void AnEmptyColumnNameIsAnError()
    {
        var path = WriteText("unnamed.csv", "id,,amount\n1,2,3\n");

        var act = () => Read(path);

        act.Should().Throw<DataFileException>().WithMessage("*column 2 of the header has no name*");
    }

    [Fact]
    public void AnUnterminatedQuoteNamesItsRow()
    {
        var path = WriteText("quote.csv", "a,b\n1,2\n\"3,4\n5,6\n");

        var act = () => Read(path);

        act.Should().Throw<DataFileException>()
            .Where(e => e.Row == 2)
            .WithMessage("*row 2: malformed CSV: a quoted field that is never closed*");
    }

    [Fact]
    public void AnExpectedSchemaNamesMissingAndUnexpectedColumns()
    {
        var path = WriteText("schema.csv", "id,age,city\n1,2,x\n");
        var schema = new TableSchema([new ColumnField("id", ColumnType.Int64), new ColumnField("age", ColumnType.Int32), new ColumnField("income", ColumnType.Double)]);

        var act = () => Read(path, TableReadOptions.Defaults with { ExpectedSchema = schema });

        act.Should().Throw<DataFileException>().WithMessage("*does not match the expected schema: missing 'income'; not in the schema 'city'");
    }

    [Fact]
    public void ATypeForAnUnknownColumnIsAnError()
    {
        var path = WriteText("override.csv", "id,age\n1,2\n");

        var act = () => Read(path, TableReadOptions.Defaults with { ColumnTypes = new Dictionary<string, ColumnType> { ["agee"] = ColumnType.Int64 } });

        act.Should().Throw<DataFileException>().WithMessage("*column 'agee', which the file does not have; its columns are 'id', 'age'");
    }

    [Fact]
    public void AnOverrideCanReadNumbersAsText()
    {
        var path = WriteText("pin.csv", "pincode,n\n400001,1\n110001,2\n");

        var table = Read(path, TableReadOptions.Defaults with { ColumnTypes = new Dictionary<string, ColumnType> { ["pincode"] = ColumnType.String } });

        TableValues.Fields(table).Should().Equal(("pincode", ColumnType.String), ("n", ColumnType.Int64));
        TableValues.Column(table, "pincode").Should().Equal("400001", "110001");
    }

    [Fact]
    public void ReadAllKeepsNullsFollowedByValues()
    {
        var path = WriteText("readall.csv", "a,b\n,1\n2,\n3,4\n");
        using var reader = new CsvTableReader(path);

        var table = reader.ReadAll();

        TableValues.Column(table, "a").Should().Equal(null, 2L, 3L);
        TableValues.Column(table, "b").Should().Equal(1L, null, 4L);
    }
}
