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

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    public async Task TheBytesDoNotDependOnTheCpuFeaturesTheRuntimeUses(string format)
    {
        // Another machine is simulated here by switching off what this one offers: the JIT's
        // hardware intrinsics (so every Vector256 and Vector128 path runs its software fallback,
        // as on a CPU without them) and glibc's FMA and AVX2 code (which changes its exp, log and
        // pow, had generated values still used them).
        var plain = new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = "0", ["GLIBC_TUNABLES"] = "glibc.cpu.hwcaps=-AVX2,-FMA" };
        await ExpectTheBytesOfThisMachine(format, arguments => Cli.RunProcessAsync(plain, arguments));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    public async Task Arm64WritesTheSameBytes(string format)
    {
        // The same assemblies published for linux-arm64 (make arm64) and run under qemu: another
        // CPU architecture, JIT back end, vector width (no Vector256) and C library.
        var arm64 = Path.Combine(Cli.RepositoryRoot, "out", "arm64");
        const string Emulator = "/usr/bin/qemu-aarch64-static";
        File.Exists(Emulator).Should().BeTrue($"this test runs the linux-arm64 build under {Emulator}; install it with 'make arm64'");
        foreach (var assembly in new[] { "SegBench.Generator.dll", "SegBench.Data.dll" })
        {
            var built = Path.Combine(Path.GetDirectoryName(Cli.ProgramPath)!, assembly);
            var published = Path.Combine(arm64, assembly);
            File.Exists(published).Should().BeTrue($"this test needs segbench published for linux-arm64 in {arm64}; run 'make arm64'");
            File.ReadAllBytes(published).Should().Equal(File.ReadAllBytes(built), $"the linux-arm64 build must be of this code (run 'make arm64' again): {assembly} differs");
        }

        await ExpectTheBytesOfThisMachine(format, arguments => Cli.RunProgramAsync(Emulator, [Path.Combine(arm64, "segbench"), .. arguments], TimeSpan.FromMinutes(5)));
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

        return Hashes(folder);
    }

    // Generates the card dataset in one format here and through another run (given the arguments,
    // --out included), and requires the same data and truth bytes of both.
    private async Task ExpectTheBytesOfThisMachine(string format, Func<string[], Task<CliResult>> otherRun)
    {
        string[] arguments = ["generate", "--schema", "credit-card-usage", "--rows", "3000", "--format", format];
        var native = await Cli.RunProcessAsync([.. arguments, "--out", _folder["native"]]);
        var other = await otherRun([.. arguments, "--out", _folder["other"]]);
        native.ExitCode.Should().Be(ExitCodes.Ok, native.Error);
        other.ExitCode.Should().Be(ExitCodes.Ok, other.Error);

        var expected = Hashes("native");
        expected.Keys.Should().Contain($"card_statements.{format}");
        Hashes("other").Should().Equal(expected);
    }

    // Data and truth bytes by hash; the manifest holds a wall-clock-free summary but is checked elsewhere.
    private SortedDictionary<string, string> Hashes(string folder)
    {
        return new SortedDictionary<string, string>(
            _folder.Files(folder).Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".parquet", StringComparison.Ordinal))
                .ToDictionary(f => f, f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_folder[folder], f))))),
            StringComparer.Ordinal);
    }
}
