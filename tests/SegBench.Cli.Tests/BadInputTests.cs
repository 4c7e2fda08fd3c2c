namespace SegBench.Cli.Tests;

/// <summary>Every bad input: one clear line on stderr, the right exit code, nothing on stdout, no output files.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string Id = "id: { type: id, format: \"P{0:D6}\" }";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string, string> BadSchemas => new()
    {
        // name, schema text, what the message must say (after "file:line:column: ")
        { "syntax error", Schemas.OneTable(Id, "x: y: z"), ":9:11: not valid YAML" },
        { "unclosed brace", Schemas.OneTable("id: { type: id, format: \"P{0:D6}\"", "x: [1, 2"), ":8:23: not valid YAML" },
        { "unknown key", Schemas.OneTable(Id, "age: { type: int, distt: { normal: { mean: 40, sd: 10 } } }"), ":9:25: unknown key 'distt' in 'tables.people.columns.age'; did you mean 'dist'?" },
        { "negative sd", Schemas.OneTable(Id, "age: { type: int, dist: { normal: { mean: 40, sd: -3 } } }"), ":9:57: 'sd' must be greater than 0, not -3." },
        { "unknown column", Schemas.OneTable("name: { type: person_name }", "email: { type: email, name_of: nmae }"), ":9:38: column 'nmae' does not exist; did you mean 'name'?" },
        { "wrong kind of column", Schemas.OneTable("name: { type: person_name, gender_of: name }"), ":8:45: column 'name' cannot serve as a gender; it is a 'person_name' column." },
        { "unknown type", Schemas.OneTable(Id, "age: { type: integer }"), ":9:20: unknown column type 'integer'" },
    };

    [Theory]
    [MemberData(nameof(BadSchemas))]
    public void BadSchemaFailsGenerateWithItsLocationAndWritesNothing(string name, string schema, string message)
    {
        var path = _folder.Write($"{name.Replace(' ', '-')}.yaml", schema);

        var result = Cli.Run("generate", "--schema", path, "--rows", "100", "--out", _folder["data"]);

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: {path}{message}");
    }

    [Theory]
    [MemberData(nameof(BadSchemas))]
    public void BadSchemaFailsValidateWithItsLocation(string name, string schema, string message)
    {
        var path = _folder.Write($"{name.Replace(' ', '-')}.yaml", schema);

        var result = Cli.Run("schema", "validate", path);

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: {path}{message}");
    }

    [Theory]
    [InlineData("--rows -1", "segbench: --rows -1: the row count must be 0 or more.")]
    [InlineData("--rows many", "segbench: --rows many: expected a whole number (the row count).")]
    [InlineData("--shard 3/2", "segbench: --shard 3/2: the index must be at least 0 and below the count (2); shards are numbered 0..1.")]
    [InlineData("--shard 1-4", "segbench: --shard must look like I/N, e.g. 0/4, not '1-4'.")]
    [InlineData("--format xml", "segbench: --format xml: expected csv or parquet.")]
    [InlineData("--format parquet --compression lz4", "segbench: --compression lz4: expected snappy, gzip or none.")]
    [InlineData("--compression gzip", "segbench: --compression applies to Parquet output only; add --format parquet, or drop --compression (CSV is written uncompressed).")]
    [InlineData("--threads 0", "segbench: --threads 0: the thread count must be from 1 to 256.")]
    [InlineData("--batch-rows 0", "segbench: --batch-rows 0: the batch size must be from 1 to 1,048,576.")]
    [InlineData("--separation 0", "segbench: --separation 0: the separation must be greater than 0 and at most 1000.")]
    [InlineData("--seed -5", "segbench: --seed -5: expected a whole number from 0 to 18446744073709551615.")]
    [InlineData("--colour", "segbench: Unrecognized command or argument '--colour'.")]
    [InlineData("--table nope", "segbench: --table nope: schema 'indian-bank-customers' has no such table; it has: customers.")]
    public void BadOptionIsAUsageErrorAndWritesNothing(string option, string message)
    {
        string[] rows = option.StartsWith("--rows", StringComparison.Ordinal) ? [] : ["--rows", "100"];
        var result = Cli.Run(["generate", .. rows, "--out", _folder["data"], .. option.Split(' ')]);

        ShouldFailCleanly(result, ExitCodes.Usage, message);
    }

    [Fact]
    public void MissingOutIsAUsageError()
    {
        var result = Cli.Run("generate", "--rows", "100");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrorLines.Should().Equal("segbench: Option '--out' is required.");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void UnknownSchemaNameFailsListingTheShippedOnes()
    {
        var result = Cli.Run("generate", "--schema", "indian-bank-customer", "--out", _folder["data"]);

        ShouldFailCleanly(result, ExitCodes.Failure, "segbench: schema 'indian-bank-customer' is neither a file nor a shipped schema (shipped schemas: credit-card-usage, indian-bank-customers).");
    }

    [Fact]
    public void OutThatIsAFileFails()
    {
        var file = _folder.Write("taken", "mine");

        var result = Cli.Run("generate", "--rows", "10", "--out", file);

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: --out {file}: is a file; give a folder to write the dataset into.");
        File.ReadAllText(file).Should().Be("mine");
    }

    [Fact]
    public void MissingSchemaFileFails()
    {
        var result = Cli.Run("schema", "validate", _folder["nowhere/missing.yaml"]);

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: schema file '{_folder["nowhere/missing.yaml"]}' does not exist.");
    }

    [Fact]
    public void HelpExitsZeroAndShowsExamples()
    {
        var result = Cli.Run("generate", "--help");

        result.ExitCode.Should().Be(ExitCodes.Ok);
        result.Output.Should().Contain("--shard <I/N>").And.Contain("Examples:").And.Contain("segbench generate --out data");
        result.Error.Should().BeEmpty();
    }

    [Theory]
    [InlineData("schema")]
    [InlineData("schema validate")]
    [InlineData("manifest merge")]
    [InlineData("frobnicate")]
    public void IncompleteOrUnknownCommandIsAUsageError(string command)
    {
        var result = Cli.Run(command.Split(' '));

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrorLines[0].Should().StartWith("segbench: ");
        result.Output.Should().BeEmpty();
    }

    private void ShouldFailCleanly(CliResult result, int exitCode, string message)
    {
        result.ExitCode.Should().Be(exitCode, result.Error);
        result.ErrorLines[0].Should().StartWith(message);
        result.ErrorLines.Should().ContainSingle("an error is one line, never a stack trace");
        result.Output.Should().BeEmpty();
        _folder.Files("data").Should().BeEmpty();
    }
}
