using System.Text.Json;

namespace SegBench.Cli.Tests;

/// <summary>schema validate, list and show, and how names resolve.</summary>
public sealed class SchemaCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ValidateAcceptsTheShippedSchemaByName()
    {
        var result = Cli.Run("schema", "validate", Schemas.Shipped);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Output.Should().StartWith("ok: 1 table, 36 columns (");
        result.Error.Should().BeEmpty();
    }

    [Fact]
    public void ValidateAcceptsTheShippedSchemaByPath()
    {
        var path = Path.Combine(Cli.RepositoryRoot, "schemas", "indian-bank-customers.yaml");

        var result = Cli.Run("schema", "validate", path, "--json");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("ok").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("path").GetString().Should().Be(path);
        json.RootElement.GetProperty("columns").GetInt32().Should().Be(36);
    }

    [Fact]
    public void ListShowsTheShippedSchemaWithItsTablesAndDescription()
    {
        var result = Cli.Run("schema", "list");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Output.Should().MatchRegex(@"(?m)^indian-bank-customers\s+customers\s+Indian retail-banking customers with six planted segments\.$");
    }

    [Fact]
    public void ListAsJsonNamesEachSchemaOnce()
    {
        var result = Cli.Run("schema", "list", "--json");

        using var json = JsonDocument.Parse(result.Output);
        var schemas = json.RootElement.GetProperty("schemas").EnumerateArray().ToArray();
        schemas.Select(s => s.GetProperty("name").GetString()).Should().OnlyHaveUniqueItems().And.Contain(Schemas.Shipped);
        var shipped = schemas.Single(s => s.GetProperty("name").GetString() == Schemas.Shipped);
        shipped.GetProperty("tables").EnumerateArray().Select(t => t.GetString()).Should().Equal("customers");
    }

    [Fact]
    public void ShowPrintsColumnsSegmentsAndCorrelations()
    {
        var result = Cli.Run("schema", "show", Schemas.Shipped);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Output.Should().Contain("table customers: 100,000 rows, key customer_id");
        result.Output.Should().MatchRegex(@"customer_pan_card_no\s+pan\s+string\s+identifier");
        result.Output.Should().MatchRegex(@"annual_income\s+money\s+double\s+feature");
        result.Output.Should().Contain("segments (6, separation 2.5):");
        result.Output.Should().MatchRegex(@"young_salaried\s+0\.260");
        result.Output.Should().MatchRegex(@"annual_income\s+networth\s+0\.50");
        result.Output.Should().Contain("outliers: rate 0.002, scale 3");
    }

    [Fact]
    public void ShowAsJsonHasTheResolvedSchema()
    {
        var result = Cli.Run("schema", "show", Schemas.Shipped, "--json");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("seed").GetUInt64().Should().Be(42);
        var table = json.RootElement.GetProperty("tables")[0];
        table.GetProperty("columns").GetArrayLength().Should().Be(36);
        var members = table.GetProperty("segments").GetProperty("members").EnumerateArray().ToArray();
        members.Should().HaveCount(6);
        members.Sum(m => m.GetProperty("weight").GetDouble()).Should().BeApproximately(1.0, 1e-9);
        table.GetProperty("correlations").GetArrayLength().Should().Be(3);
    }

    [Fact]
    public void NameInTheWorkingFolderHidesTheShippedSchema()
    {
        var working = Directory.CreateDirectory(_folder["work/schemas"]).Parent!.FullName;
        File.WriteAllText(_folder["work/schemas/indian-bank-customers.yaml"], "# a local copy\n" + Schemas.OneTable("id: { type: id }"));
        var catalog = new SchemaCatalog(working, AppContext.BaseDirectory);

        catalog.Resolve(Schemas.Shipped).Should().Be(_folder["work/schemas/indian-bank-customers.yaml"]);
        catalog.List().Single(e => e.Name == Schemas.Shipped).Description.Should().Be("a local copy");
    }

    [Fact]
    public void NameFallsBackToTheProgramsFolderThenTheCheckout()
    {
        var outside = new SchemaCatalog(_folder.Path, AppContext.BaseDirectory);
        var checkoutOnly = new SchemaCatalog(Path.Combine(Cli.RepositoryRoot, "bench"), _folder.Path);

        outside.Resolve(Schemas.Shipped).Should().Be(Path.Combine(AppContext.BaseDirectory, "schemas", "indian-bank-customers.yaml"));
        checkoutOnly.Resolve(Schemas.Shipped).Should().Be(Path.Combine(Cli.RepositoryRoot, "schemas", "indian-bank-customers.yaml"));
    }

    [Fact]
    public void DescriptionKeyWinsOverTheLeadingComment()
    {
        var path = _folder.Write("described.yaml", "# a comment\ndescription: Small test bank\n" + Schemas.OneTable("id: { type: id }"));

        SchemaCatalog.DescriptionOf(path).Should().Be("Small test bank");
    }
}
