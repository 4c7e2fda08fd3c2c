using System.Text.Json;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Tests;

public sealed class ManifestTests
{
    [Fact]
    public void SavedManifestIsWhatTheSerialiserWritesAndLoadsBackEqual()
    {
        // Three tables: segments with a difficulty, a table without segments (null difficulty),
        // a separation override, and a shard list.
        var plan = DatasetPlan.Compile(SchemaLoader.Load(TestData.ShippedSchema("credit-card-usage")), 5, separation: 1.25);
        var directory = TestData.TempDirectory();
        var result = DatasetGenerator.Run(plan, new GenerateOptions { OutputDirectory = directory, Rows = 300, Threads = 2 });
        result.Manifest.Tables.Should().Contain(t => t.Difficulty == null).And.Contain(t => t.Difficulty != null);

        var saved = File.ReadAllText(result.ManifestPath);
        saved.Should().Be(JsonSerializer.Serialize(result.Manifest, Manifest.JsonOptions));

        var loaded = Manifest.Load(result.ManifestPath);
        JsonSerializer.Serialize(loaded, Manifest.JsonOptions).Should().Be(saved);
        loaded.Separation.Should().Be(1.25);
        loaded.Tables.Select(t => t.Name).Should().Equal(result.Manifest.Tables.Select(t => t.Name));
    }
}
