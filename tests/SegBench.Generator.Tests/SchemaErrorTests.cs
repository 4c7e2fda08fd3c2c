using System.Diagnostics;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Tests;

public sealed class SchemaErrorTests
{
    private const string Valid = """
        schema: t
        as_of: 2025-03-31
        tables:
          people:
            rows: 10
            columns:
              id:     { type: id, format: "P{0:D5}" }
              income: { type: money, dist: { lognormal: { median: 500000, sigma: 0.7 } } }
              age:    { type: int, dist: { normal: { mean: 40, sd: 10 } } }
        """;

    private static SchemaException Fails(string yaml)
    {
        var path = TestData.WriteSchema(yaml);
        var action = () => DatasetPlan.Compile(SchemaLoader.Load(path));
        var error = action.Should().Throw<SchemaException>().Which;
        error.Message.Should().StartWith($"{path}:{error.Location.Line}:{error.Location.Column}: ");
        return error;
    }

    [Fact]
    public void AValidSchemaCompiles() =>
        DatasetPlan.Compile(SchemaLoader.Load(TestData.WriteSchema(Valid))).Tables.Single().DataSchema.Count.Should().Be(3);

    [Fact]
    public void BadYamlNamesTheLine()
    {
        var error = Fails(Valid.Replace("rows: 10", "rows: [10", StringComparison.Ordinal));
        error.Problem.Should().Contain("not valid YAML");
        error.Location.Line.Should().BeGreaterThan(4);
    }

    [Fact]
    public void AnUnknownKeySuggestsTheClosestOne()
    {
        var error = Fails(Valid.Replace("rows: 10", "rowz: 10", StringComparison.Ordinal));
        error.Problem.Should().Contain("unknown key 'rowz'").And.Contain("did you mean 'rows'?");
        error.Location.Line.Should().Be(5);
        error.Location.Column.Should().Be(5);
    }

    [Fact]
    public void AnUnknownColumnTypeSuggestsTheClosestOne() =>
        Fails(Valid.Replace("type: money", "type: mony", StringComparison.Ordinal)).Problem.Should().Contain("did you mean 'money'?");

    [Fact]
    public void ANegativeStandardDeviationIsRejected()
    {
        var error = Fails(Valid.Replace("sd: 10", "sd: -3", StringComparison.Ordinal));
        error.Problem.Should().Contain("'sd' must be greater than 0");
        error.Location.Line.Should().Be(9);
    }

    [Fact]
    public void AReferenceToAnUnknownColumnIsRejected()
    {
        var yaml = Valid + "\n      slab: { type: income_slab, from: incme }\n";
        Fails(yaml).Problem.Should().Contain("column 'incme' does not exist; did you mean 'income'?");
    }

    [Fact]
    public void ACycleBetweenDerivedColumnsIsRejected()
    {
        var yaml = Valid + "\n      a: { type: linear, from: b, scale: 2 }\n      b: { type: linear, from: a, scale: 0.5 }\n";
        Fails(yaml).Problem.Should().Contain("cycle").And.MatchRegex("a -> b -> a|b -> a -> b");
    }

    [Fact]
    public void ASegmentShiftOnAnUnknownColumnIsRejected()
    {
        var yaml = Valid + """

                segments:
                  members:
                    young: { weight: 1, shift: { agee: { mean: 25 } } }
                    old:   { weight: 1, shift: { age: { mean: 60 } } }
            """;
        Fails(yaml).Problem.Should().Contain("'agee', which does not exist; did you mean 'age'?");
    }

    [Fact]
    public void AnImpossibleCorrelationMatrixIsRejected()
    {
        var yaml = Valid + """

                correlations:
                  - [income, age, 0.99]
            """;
        DatasetPlan.Compile(SchemaLoader.Load(TestData.WriteSchema(yaml))).Should().NotBeNull("a single strong correlation is valid");
        var bad = Valid.Replace("      age:", "      debt: { type: float, dist: { normal: { mean: 0, sd: 1 } } }\n      age:", StringComparison.Ordinal) + """

                correlations:
                  - [income, age, 0.9]
                  - [income, debt, 0.9]
                  - [age, debt, -0.9]
            """;
        Fails(bad).Problem.Should().Contain("positive definite");
    }

    [Fact]
    public void AMissingAsOfDateIsRejected() =>
        Fails(Valid.Replace("as_of: 2025-03-31\n", "", StringComparison.Ordinal)).Problem.Should().Contain("as_of");

    [Fact]
    public void AnAliasBombIsRefusedQuickly()
    {
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
            + string.Concat(Enumerable.Range(0, 9).Select(i => $"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)}]\n"));
        var stopwatch = Stopwatch.StartNew();
        Fails(bomb).Problem.Should().Contain("not allowed");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void DeepNestingIsRefused() =>
        Fails("a: " + new string('[', 100) + new string(']', 100) + "\n").Problem.Should().Contain("deeper than 32");

    [Fact]
    public void AHugeFileIsRefused()
    {
        var path = TestData.WriteSchema("# " + new string('x', 2_000_000) + "\n");
        var action = () => SchemaLoader.Load(path);
        action.Should().Throw<SchemaException>().Which.Problem.Should().Contain("larger than");
    }

    [Fact]
    public void IncludedFilesContributeTables()
    {
        var directory = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(directory, "base.yaml"), Valid);
        File.WriteAllText(Path.Combine(directory, "top.yaml"), "schema: top\ninclude: base.yaml\ntables:\n  other:\n    columns:\n      x: { type: bool, p: 0.5 }\n");
        var schema = SchemaLoader.Load(Path.Combine(directory, "top.yaml"));
        schema.Tables.Select(t => t.Name).Should().Equal("people", "other");
        schema.AsOf.Should().Be(new DateOnly(2025, 3, 31), "as_of comes from the included file");
    }
}
