using System.Text.Json;
using SegBench.Clustering.Preprocessing;
using SegBench.Data;
using static SegBench.Clustering.Tests.Preprocessing.TestTables;

namespace SegBench.Clustering.Tests.Preprocessing;

public sealed class PreprocessorPersistenceTests
{
    private static Table Customers() => Build(
        Ints("age", 25, 40, 58, 33, 71, 45),
        Doubles("networth", 1e5, 2.5e6, null, 8e5, 4e7, 1.2e6),
        Strings("city", "Pune", "Delhi", "Pune", null, "Chennai", "Delhi"),
        Booleans("has_demat", false, true, true, false, true, false),
        Dates("opened", new DateOnly(2015, 3, 1), new DateOnly(2001, 7, 9), null, new DateOnly(2020, 1, 31), new DateOnly(1999, 12, 1), new DateOnly(2012, 5, 5)));

    private static readonly PreprocessingOptions Everything = PreprocessingOptions.Defaults with
    {
        Imputation = ImputationStrategy.KNearestNeighbors,
        NearestNeighbors = 2,
        Log = LogTransform.Auto,
        PrincipalComponents = 3,
        QuantileBins = new Dictionary<string, int> { ["age"] = 3 },
    };

    [Fact]
    public void ASavedPipelineTransformsExactlyAsTheFittedOne()
    {
        var table = Customers();
        var fitted = Preprocessor.Fit(table, Everything);

        var json = fitted.ToJson();
        var loaded = Preprocessor.FromJson(json);

        loaded.Transform(table).Values.Should().Equal(fitted.Transform(table).Values);
        loaded.ToJson().Should().Be(json);
        json.Should().Contain("\"formatVersion\": 1").And.Contain("\"referenceDate\": \"2020-01-31\"");
    }

    [Fact]
    public void ASingleRowDictionaryGivesTheSameValuesAsItsTableRow()
    {
        var table = Customers();
        var pipeline = Preprocessor.Fit(table, Everything);
        var row = new Dictionary<string, object?>
        {
            ["age"] = 58,
            ["networth"] = null,
            ["city"] = "Pune",
            ["has_demat"] = true,
            ["opened"] = null,
            ["ignored"] = "extra columns are ignored",
        };

        var single = pipeline.TransformRow(row);

        single.Should().Equal(pipeline.Transform(table).Row(2).ToArray());
    }

    [Fact]
    public void JsonElementsFromAnHttpBodyAreAccepted()
    {
        var table = Customers();
        var pipeline = Preprocessor.Fit(table, Everything);
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            """{"age": 25, "networth": 100000, "city": "Pune", "has_demat": false, "opened": "2015-03-01"}""")!;

        var single = pipeline.TransformRow(body.ToDictionary(p => p.Key, p => (object?)p.Value));

        single.Should().Equal(pipeline.Transform(table).Row(0).ToArray());
    }

    [Fact]
    public void AMissingColumnAtApplyTimeIsNamed()
    {
        var pipeline = Preprocessor.Fit(Customers());
        var withoutCity = Build(Ints("age", 30), Doubles("networth", 1), Booleans("has_demat", true), Dates("opened", new DateOnly(2020, 1, 1)));

        var fromTable = () => pipeline.Transform(withoutCity);
        var fromRow = () => pipeline.TransformRow(new Dictionary<string, object?> { ["age"] = 30 });

        fromTable.Should().Throw<PreprocessingException>().WithMessage("*no column 'city'*").Which.Column.Should().Be("city");
        fromRow.Should().Throw<PreprocessingException>().WithMessage("*no column 'networth'*");
    }

    [Fact]
    public void TextWhereANumberIsRequiredIsNamed()
    {
        var pipeline = Preprocessor.Fit(Customers());
        var asText = Build(
            Strings("age", "thirty"),
            Doubles("networth", 1),
            Strings("city", "Pune"),
            Booleans("has_demat", true),
            Dates("opened", new DateOnly(2020, 1, 1)));

        var fromTable = () => pipeline.Transform(asText);
        var fromRow = () => pipeline.TransformRow(new Dictionary<string, object?> { ["age"] = 30, ["networth"] = "lots", ["city"] = "Pune", ["has_demat"] = true, ["opened"] = null });
        var badDate = () => pipeline.TransformRow(new Dictionary<string, object?> { ["age"] = 30, ["networth"] = 1, ["city"] = "Pune", ["has_demat"] = true, ["opened"] = "31/01/2020" });

        fromTable.Should().Throw<PreprocessingException>().WithMessage("Column 'age' needs a number but row 0 holds 'thirty'.");
        fromRow.Should().Throw<PreprocessingException>().WithMessage("Column 'networth' needs a number*'lots'*");
        badDate.Should().Throw<PreprocessingException>().WithMessage("Column 'opened' needs a date*");
    }

    [Fact]
    public void NumbersStoredAsTextAreParsedWithTheInvariantCulture()
    {
        var pipeline = Preprocessor.Fit(Build(Doubles("x", 1.5, 2.5)), PreprocessingOptions.Defaults with { Scaling = ScalingMethod.None });

        pipeline.Transform(Build(Strings("x", "3.25", null))).Values.Should().Equal(3.25, 2.0);
    }

    [Fact]
    public void AnotherFormatVersionIsRefusedWithBothVersions()
    {
        var json = Preprocessor.Fit(Customers()).ToJson().Replace("\"formatVersion\": 1", "\"formatVersion\": 9", StringComparison.Ordinal);

        var act = () => Preprocessor.FromJson(json);

        act.Should().Throw<PreprocessingException>().WithMessage("*version 9*version 1*");
    }

    [Fact]
    public void BadOptionsNameTheField()
    {
        var act = () => Preprocessor.Fit(Customers(), PreprocessingOptions.Defaults with { NearestNeighbors = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("NearestNeighbors");
    }
}

public sealed class PreprocessorCorruptionTests
{
    [Fact]
    public void ASavedPipelineWithTooFewScalesIsRefused()
    {
        var table = TestTables.Build(TestTables.Doubles("x", 1, 2, 3), TestTables.Doubles("y", 3, 1, 2));
        var json = Preprocessor.Fit(table).ToJson();
        var document = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        document["scales"] = new System.Text.Json.Nodes.JsonArray(1.0);

        var act = () => Preprocessor.FromJson(document.ToJsonString());

        act.Should().Throw<PreprocessingException>().WithMessage("*2 encoded columns*1 scales*");
    }

    [Fact]
    public void TextThatIsNotJsonIsRefusedWithTheFormatVersion()
    {
        var act = () => Preprocessor.FromJson("not json");

        act.Should().Throw<PreprocessingException>().WithMessage("*format version 1*");
    }
}
