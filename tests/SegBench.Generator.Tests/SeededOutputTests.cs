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
    private const int PinnedFormatVersion = 3;

    // schemas/credit-card-usage.yaml, --rows 3000 --seed 42.
    private static readonly Dictionary<string, string> Pinned = new(StringComparer.Ordinal)
    {
        ["customers.csv"] = "cdbe25d086c019d82b90df629d2789cabff36ab37ea89aefd36d4baab6239cca",
        ["customers.truth.csv"] = "15b5521ff99a1b197a504ff609ca0d86a6f0e675dd5717fabfc2355cb2225e98",
        ["card_usage.csv"] = "7fae28a7a5b313549ff354b2095b6aa2bb2d2824b40ed4ccf3ad2a1b24f5d1f8",
        ["card_usage.truth.csv"] = "4f48e2169c1c00271a8c23cb12bfe1eea0890f3b621f1ff2688cdcdca9100858",
        ["card_statements.csv"] = "8c74676df99d350e5065b440628b39bc908688e01f250598f9e6f8b5e56091d7",
        ["customers.parquet"] = "df8fc7558ef25b0a3eb5bd80958962ab567b8e283e4d237cb4499c4c82122fee",
        ["customers.truth.parquet"] = "62ab0839c1389dd001436662ac748a8b0bc9c49c0674e4816137ce6a2fba48d4",
        ["card_usage.parquet"] = "993cdd3580b8f3c6999ad70a9567addfa4641499d4afde60809f3043b271331a",
        ["card_usage.truth.parquet"] = "1b5757e039059b0643a8b168807d349790ce15cd66fb2322deb334341472fcaf",
        ["card_statements.parquet"] = "d62decc0a75cbcacd2962c652ac34f95e2fa5644b94ac7759e6671d66111c880",
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
