namespace SegBench.Cli.Tests;

/// <summary>The determinism contract, seen from the command line: bytes depend on the seed only.</summary>
public sealed class GenerateDeterminismTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SameSeedGivesIdenticalBytes()
    {
        var first = Generate("a", "--seed", "7");
        var second = Generate("b", "--seed", "7");

        first.Should().Equal(second);
    }

    [Fact]
    public void ThreadAndBatchCountsDoNotChangeTheBytes()
    {
        var oneThread = Generate("a", "--threads", "1", "--batch-rows", "1000");
        var twoThreads = Generate("b", "--threads", "2", "--batch-rows", "777");

        oneThread.Should().Equal(twoThreads);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    public void EveryTableOfEveryFormatIsTheSameWhateverTheThreadsAndBatches(string format)
    {
        string[] cards = ["--schema", "credit-card-usage", "--format", format];
        var reference = Generate("a", [.. cards, "--threads", "1"]);
        var smallBatches = Generate("b", [.. cards, "--threads", "2", "--batch-rows", "1000"]);
        var oddBatches = Generate("c", [.. cards, "--threads", "2", "--batch-rows", "777"]);

        reference.Keys.Should().Contain($"card_statements.{format}", "child tables are written too");
        smallBatches.Should().Equal(reference);
        oddBatches.Should().Equal(reference);
    }

    [Fact]
    public void DifferentSeedGivesDifferentBytes()
    {
        var seven = Generate("a", "--seed", "7");
        var eight = Generate("b", "--seed", "8");

        seven.Keys.Should().Equal(eight.Keys);
        seven["customers.csv"].Should().NotBe(eight["customers.csv"]);
        seven["customers.truth.csv"].Should().NotBe(eight["customers.truth.csv"]);
    }

    private SortedDictionary<string, string> Generate(string folder, params string[] options)
    {
        string[] schema = options.Contains("--schema") ? [] : ["--schema", Schemas.Shipped];
        var result = Cli.Run(["generate", .. schema, "--rows", "3000", "--out", _folder[folder], .. options]);
        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);

        // Compare data and truth bytes by hash; the manifest holds a wall-clock-free summary but is checked elsewhere.
        return new SortedDictionary<string, string>(
            _folder.Files(folder).Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".parquet", StringComparison.Ordinal))
                .ToDictionary(f => f, f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_folder[folder], f))))),
            StringComparer.Ordinal);
    }
}
