using System.Text.Json;
using SegBench.Generator.Engine;

namespace SegBench.Cli.Tests;

/// <summary>What generate writes to stdout, stderr and the dataset folder.</summary>
public sealed class GenerateOutputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void JsonSummaryIsOneObjectWithRowsTimingFilesManifestAndBayesCeiling()
    {
        var result = Cli.Run("generate", "--rows", "2000", "--out", _folder["data"], "--json");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        root.GetProperty("schema").GetString().Should().Be(Schemas.Shipped, "the shipped schema is the default");
        root.GetProperty("rows").GetInt64().Should().Be(2000);
        root.GetProperty("seconds").GetDouble().Should().BePositive();
        root.GetProperty("rows_per_second").GetDouble().Should().BePositive();
        root.GetProperty("files").EnumerateArray().Select(f => f.GetString()).Should().Equal("customers.csv", "customers.truth.csv");
        root.GetProperty("manifest").GetString().Should().Be(_folder["data/manifest.json"]);
        var customers = root.GetProperty("tables").GetProperty("customers");
        customers.GetProperty("bayes_ari").GetDouble().Should().BeInRange(0.5, 1.0);
        customers.GetProperty("bayes_accuracy").GetDouble().Should().BeInRange(0.5, 1.0);
        _folder.Files("data").Should().Equal("customers.csv", "customers.truth.csv", "manifest.json");
    }

    [Theory]
    [InlineData(null, "xxh128")]
    [InlineData("xxh128", "xxh128")]
    [InlineData("sha256", "sha256")]
    public void ManifestChecksumsMatchTheFilesWritten(string? option, string algorithm)
    {
        string[] checksum = option is null ? [] : ["--checksum", option];
        Cli.Run(["generate", "--schema", Schemas.Shipped, "--rows", "2000", "--out", _folder["data"], .. checksum]).ExitCode.Should().Be(ExitCodes.Ok);

        var manifest = Manifest.Load(_folder["data/manifest.json"]);
        manifest.ManifestVersion.Should().Be(2);
        var files = manifest.Tables.SelectMany(t => t.Files).ToArray();
        files.Select(f => f.Path).Should().Equal("customers.csv", "customers.truth.csv");
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(_folder["data"], file.Path));
            var digest = algorithm == "sha256" ? System.Security.Cryptography.SHA256.HashData(bytes) : System.IO.Hashing.XxHash128.Hash(bytes);
            file.Checksum.Should().Be($"{algorithm}:{Convert.ToHexStringLower(digest)}", file.Path);
        }
    }

    [Fact]
    public void AnUnknownChecksumIsAUsageError()
    {
        var result = Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", "10", "--checksum", "md5", "--out", _folder["data"]);
        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("--checksum md5: expected xxh128 or sha256.");
        Directory.Exists(_folder["data"]).Should().BeFalse();
    }

    [Fact]
    public void HumanSummaryListsEachFileAndTheBayesCeiling()
    {
        var result = Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", "2000", "--out", _folder["data"]);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Output.Should().StartWith("generated 2,000 rows in ");
        result.Output.Should().MatchRegex(@"customers\.csv\s+2,000\s+[\d,]+");
        result.Output.Should().MatchRegex(@"customers\.truth\.csv\s+2,000\s+[\d,]+");
        result.Output.Should().MatchRegex(@"Bayes ceiling for customers: accuracy [01]\.\d{4}, ARI [01]\.\d{4} \(6 segments\)");
        result.Output.Should().Contain("manifest: ");
    }

    [Fact]
    public void ProgressGoesToStderrAsPlainLinesWhenItIsNotATerminal()
    {
        var result = Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", "2000", "--batch-rows", "500", "--out", _folder["data"], "--json");

        result.ExitCode.Should().Be(ExitCodes.Ok);
        result.ErrorLines.Should().NotBeEmpty().And.AllSatisfy(line => line.Should().MatchRegex(@"^generate: customers [\d,]+/2,000 rows \(\d+%\)"));

        // At most one line per two seconds after the first: a 2,000-row run prints one or two.
        result.ErrorLines.Length.Should().BeLessThanOrEqualTo(2);
        JsonDocument.Parse(result.Output).RootElement.ValueKind.Should().Be(JsonValueKind.Object);
    }

    [Fact]
    public void TerminalProgressBarLeavesStdoutToTheSummary()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = SegBenchCommandLine.Run(
            ["generate", "--schema", Schemas.Shipped, "--rows", "2000", "--out", _folder["data"], "--json"],
            new ConsoleStreams(output, error, ErrorIsTerminal: true));

        code.Should().Be(ExitCodes.Ok, error.ToString());
        error.ToString().Should().NotContain("Exception");
        JsonDocument.Parse(output.ToString()).RootElement.GetProperty("rows").GetInt64().Should().Be(2000);
    }

    [Fact]
    public void RowsAndSeedDefaultToTheSchemas()
    {
        var path = _folder.Write("small.yaml", Schemas.OneTable("id: { type: id, format: \"P{0:D6}\" }", "age: { type: int, dist: { normal: { mean: 40, sd: 10 } } }"));

        var result = Cli.Run("generate", "--schema", path, "--out", _folder["data"], "--json");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("rows").GetInt64().Should().Be(100);
        json.RootElement.GetProperty("seed").GetUInt64().Should().Be(1);

        // A table without segments has no truth file and no Bayes ceiling.
        json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()).Should().Equal("people.csv");
        json.RootElement.GetProperty("tables").GetProperty("people").TryGetProperty("bayes_ari", out _).Should().BeFalse();
        File.ReadAllLines(_folder["data/people.csv"]).Should().HaveCount(101);
    }

    [Fact]
    public void TableOptionWritesOnlyTheNamedTables()
    {
        var path = _folder.Write("two.yaml", Schemas.OneTable("id: { type: id, format: \"P{0:D6}\" }") + "  places:\n    rows: 10\n    columns:\n      address: { type: address }\n");

        var result = Cli.Run("generate", "--schema", path, "--table", "places", "--out", _folder["data"]);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        _folder.Files("data").Should().Equal("manifest.json", "places.csv");
    }

    [Fact]
    public void ParquetFormatWritesParquetDataAndTruth()
    {
        var result = Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", "500", "--format", "parquet", "--out", _folder["data"]);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        _folder.Files("data").Should().Equal("customers.parquet", "customers.truth.parquet", "manifest.json");
        File.ReadAllBytes(Path.Combine(_folder["data"], "customers.parquet"))[..4].Should().Equal("PAR1"u8.ToArray());
    }

    [Fact]
    public void CompressionSetsTheParquetCodecOfDataAndTruthAndKeepsTheValues()
    {
        var tables = new Dictionary<string, List<string>>();
        foreach (var (option, codec) in new[] { ("snappy", "SNAPPY"), ("gzip", "GZIP"), ("none", "UNCOMPRESSED") })
        {
            var result = Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", "2000", "--format", "parquet", "--compression", option, "--out", _folder[option]);

            result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
            foreach (var file in new[] { "customers.parquet", "customers.truth.parquet" })
            {
                using var reader = new SegBench.Data.Formats.Parquet.ParquetTableReader(Path.Combine(_folder[option], file));
                reader.Codecs.Should().Equal([codec], $"{file} was written with --compression {option}");
            }

            tables[option] = Rows(Path.Combine(_folder[option], "customers.parquet"));
        }

        tables["gzip"].Should().Equal(tables["snappy"]);
        tables["none"].Should().Equal(tables["snappy"]);
        new FileInfo(Path.Combine(_folder["gzip"], "customers.parquet")).Length.Should().BeLessThan(new FileInfo(Path.Combine(_folder["snappy"], "customers.parquet")).Length);
        new FileInfo(Path.Combine(_folder["snappy"], "customers.parquet")).Length.Should().BeLessThan(new FileInfo(Path.Combine(_folder["none"], "customers.parquet")).Length);
    }

    [Fact]
    public void CancellationLeavesNoFilesAndExits130()
    {
        using var cancellation = new CancellationTokenSource();
        using var output = new StringWriter();
        var progress = new CancelOnFirstLine(cancellation);
        var code = SegBenchCommandLine.Run(
            ["generate", "--schema", Schemas.Shipped, "--rows", "5000000", "--batch-rows", "1000", "--threads", "1", "--out", _folder["data"]],
            new ConsoleStreams(output, progress),
            cancellation.Token);

        code.Should().Be(ExitCodes.Interrupted);
        progress.ToString().Should().Contain("segbench: cancelled");
        output.ToString().Should().BeEmpty();
        _folder.Files("data").Should().BeEmpty();
    }

    [Fact]
    public void CancellationInALaterTableTakesBackTheEarlierTablesFilesButNothingElse()
    {
        var path = _folder.Write("two.yaml", Schemas.OneTable("id: { type: id }") + "  places:\n    rows: 100\n    columns:\n      address: { type: address }\n");
        Directory.CreateDirectory(_folder["data"]);
        _folder.Write("data/notes.txt", "mine");
        _folder.Write("data/places.csv", "from an older run");
        using var cancellation = new CancellationTokenSource();
        using var output = new StringWriter();
        var progress = new CancelOnFirstLine(cancellation, "generate: places ");

        var code = SegBenchCommandLine.Run(
            ["generate", "--schema", path, "--rows", "2000000", "--batch-rows", "1000", "--threads", "1", "--out", _folder["data"]],
            new ConsoleStreams(output, progress),
            cancellation.Token);

        code.Should().Be(ExitCodes.Interrupted);
        progress.ToString().Should().Contain("generate: people ").And.Contain("generate: places ");
        _folder.Files("data").Should().Equal("notes.txt", "places.csv");
        File.ReadAllText(_folder["data/places.csv"]).Should().Be("from an older run");
    }


    // Cancels as soon as the first progress line is written, like a user pressing Ctrl-C.
    private sealed class CancelOnFirstLine(CancellationTokenSource cancellation, string prefix = "generate: ") : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith(prefix, StringComparison.Ordinal) == true)
            {
                cancellation.Cancel();
            }
        }
    }

    // Every row of a Parquet file as text, column by column.
    private static List<string> Rows(string path)
    {
        using var reader = new SegBench.Data.Formats.Parquet.ParquetTableReader(path);
        var rows = new List<string>();
        while (reader.ReadBatch() is { } batch)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                rows.Add(string.Join('|', batch.Columns.Select(column => column.IsNull(r) ? "<null>" : column switch
                {
                    SegBench.Data.StringColumn text => text.GetString(r),
                    SegBench.Data.DoubleColumn numbers => BitConverter.DoubleToInt64Bits(numbers[r]).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    SegBench.Data.PrimitiveColumn<int> integers => integers[r].ToString(System.Globalization.CultureInfo.InvariantCulture),
                    SegBench.Data.Int64Column integers => integers[r].ToString(System.Globalization.CultureInfo.InvariantCulture),
                    SegBench.Data.BooleanColumn flags => flags[r] ? "true" : "false",
                    _ => throw new InvalidOperationException($"no text for a {column.Type} column"),
                })));
            }
        }

        return rows;
    }
}
