using System.Security.Cryptography;
using SegBench.Data.Formats;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Tests;

/// <summary>
/// Pins the bytes a seed gives, so no change reaches seeded output unnoticed: speedups must leave
/// these hashes as they are. If a change to the generator alters them on purpose, bump
/// <see cref="DatasetPlan.GeneratorFormatVersion"/>, say what changed in CHANGELOG.md, and update
/// the version and hashes here together; if a shipped schema was edited, update the hashes.
/// </summary>
public sealed class SeededOutputTests
{
    private const int PinnedFormatVersion = 5;

    // schemas/credit-card-usage.yaml, --rows 3000 --seed 42.
    private static readonly Dictionary<string, string> Pinned = new(StringComparer.Ordinal)
    {
        ["customers.csv"] = "ef63d5c2255a4bcefd9347fc7b8316618c9d6aa179a293451967fc5ccba9a14c",
        ["customers.truth.csv"] = "15b5521ff99a1b197a504ff609ca0d86a6f0e675dd5717fabfc2355cb2225e98",
        ["card_usage.csv"] = "ca1f77f217b5231f002e86229c9b7ae96e97d5ee45a32180a7fbff6da6884d96",
        ["card_usage.truth.csv"] = "4f48e2169c1c00271a8c23cb12bfe1eea0890f3b621f1ff2688cdcdca9100858",
        ["card_statements.csv"] = "c681fe22343e12a98dc40ade36a75047419cd3a17a80a2456dd85a24270a1680",
        ["customers.parquet"] = "d50230139059b0ffaf756db3f20364ac7de040eb1733f26b1533794f43b06664",
        ["customers.truth.parquet"] = "62ab0839c1389dd001436662ac748a8b0bc9c49c0674e4816137ce6a2fba48d4",
        ["card_usage.parquet"] = "156caa4b0a043033ff32345fbf90d9b59acd85ab5bbb6cf9ba700c07f8e7b809",
        ["card_usage.truth.parquet"] = "1b5757e039059b0643a8b168807d349790ce15cd66fb2322deb334341472fcaf",
        ["card_statements.parquet"] = "3c88147215b4e02f2a7eea31d154ea5ae5c7c44cf1bc6c50733d070b23afd00f",
    };

    [Theory]
    [InlineData(TableFormat.Csv, 1)]
    [InlineData(TableFormat.Csv, 2)]
    [InlineData(TableFormat.Parquet, 2)]
    public void TheSeedGivesThePinnedBytes(TableFormat format, int threads)
    {
        DatasetPlan.GeneratorFormatVersion.Should().Be(PinnedFormatVersion, "the pinned hashes belong to one format version; update them with it");
        var directory = TestData.TempDirectory();
        var plan = DatasetPlan.Compile(SchemaLoader.Load(TestData.ShippedSchema("credit-card-usage")), 42);
        DatasetGenerator.Run(plan, new GenerateOptions { OutputDirectory = directory, Rows = 3_000, Threads = threads, Format = format });

        var extension = TableFormats.Extension(format);
        var files = Directory.GetFiles(directory, $"*.{extension}").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        files.Should().BeEquivalentTo(Pinned.Keys.Where(name => name.EndsWith($".{extension}", StringComparison.Ordinal)));
        foreach (var file in files)
        {
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(directory, file!)))).Should().Be(
                Pinned[file!], $"{file} changed: seeded output may only change with a new generator format version (see this class's summary)");
        }

        Directory.Delete(directory, recursive: true);
    }
}
