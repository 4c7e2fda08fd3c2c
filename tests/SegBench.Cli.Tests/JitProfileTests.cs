namespace SegBench.Cli.Tests;

/// <summary>
/// The multi-core JIT profile a real process records in the cache folder: written per command,
/// and never able to change output or fail a run, whatever state the file or folder is in.
/// </summary>
public sealed class JitProfileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ARunRecordsItsCommandsProfileInTheCacheFolder()
    {
        var cache = _folder["cache"];
        var result = await Cli.RunProcessAsync(new Dictionary<string, string> { ["XDG_CACHE_HOME"] = cache }, "schema", "list");

        result.ExitCode.Should().Be(0, result.Error);
        var profile = new FileInfo(Path.Combine(cache, "segbench", "jit", "segbench-schema.jitprofile"));
        profile.Exists.Should().BeTrue("the runtime writes the profile when the process ends");
        profile.Length.Should().BeGreaterThan(1_000, "it lists the methods the run compiled");
    }

    [Theory]
    [InlineData("random")]
    [InlineData("truncated")]
    [InlineData("empty")]
    [InlineData("folder is a file")]
    [InlineData("off")]
    public async Task ABrokenOrMissingProfileChangesNeitherTheExitCodeNorTheBytes(string state)
    {
        // The reference: the same run with profiles off.
        var reference = await Generate("reference", new Dictionary<string, string> { ["SEGBENCH_JIT_PROFILE"] = "0", ["XDG_CACHE_HOME"] = _folder["unused"] });

        var cache = _folder["cache"];
        var environment = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = cache };
        var profile = Path.Combine(cache, "segbench", "jit", "segbench-generate.jitprofile");
        Directory.CreateDirectory(Path.GetDirectoryName(profile)!);
        switch (state)
        {
            case "random":
                File.WriteAllBytes(profile, Enumerable.Range(0, 40_000).Select(i => (byte)((i * 7919) ^ (i >> 3))).ToArray());
                break;
            case "truncated":
                // A real profile cut in the middle, as a crash while writing it would leave it.
                (await Generate("first", environment)).Should().NotBeEmpty();
                var whole = File.ReadAllBytes(profile);
                File.WriteAllBytes(profile, whole[..(whole.Length / 2)]);
                break;
            case "empty":
                File.WriteAllBytes(profile, []);
                break;
            case "folder is a file":
                File.WriteAllText(Path.Combine(cache, "segbench", "jit-file"), "x");
                environment["XDG_CACHE_HOME"] = Path.Combine(cache, "segbench", "jit-file");
                break;
            case "off":
                environment["SEGBENCH_JIT_PROFILE"] = "0";
                break;
        }

        (await Generate("run", environment)).Should().Equal(reference);
    }

    // Generates a small dataset into a folder of its own and returns its data file's bytes.
    private async Task<byte[]> Generate(string name, Dictionary<string, string> environment)
    {
        var output = _folder[name];
        var result = await Cli.RunProcessAsync(environment, "generate", "--schema", Schemas.Shipped, "--rows", "3000", "--out", output);
        result.ExitCode.Should().Be(0, result.Error);
        return File.ReadAllBytes(Path.Combine(output, "customers.csv"));
    }
}
