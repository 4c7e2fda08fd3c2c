using SegBench.Clustering.Metrics;
using SegBench.Clustering.Pipeline;
using SegBench.Clustering.Preprocessing;
using SegBench.Data;

namespace SegBench.Clustering.Tests.Pipeline;

public sealed class SegmentationModelTests
{
    // Three blobs in (income, age), a city that mostly follows the blob, and a mostly-empty column.
    internal static (Table Table, int[] Truth) Blobs(int rows = 900, int seed = 3)
    {
        var random = new Random(seed);
        var schema = new TableSchema([
            new ColumnField("id", ColumnType.String, ColumnRole.Identifier),
            new ColumnField("income", ColumnType.Double),
            new ColumnField("age", ColumnType.Int32),
            new ColumnField("city", ColumnType.String),
            new ColumnField("bonus", ColumnType.Double),
        ]);
        var batch = ColumnBatch.CreateEmpty(schema);
        var truth = new int[rows];
        double[] incomes = [200_000, 900_000, 4_000_000];
        int[] ages = [25, 45, 68];
        for (var r = 0; r < rows; r++)
        {
            var segment = r % 3;
            truth[r] = segment;
            ((StringColumn)batch.Columns[0]).Append($"C{r:D5}");
            ((DoubleColumn)batch.Columns[1]).Append(incomes[segment] * Math.Exp(0.2 * Normal(random)));
            ((Int32Column)batch.Columns[2]).Append((int)(ages[segment] + (2 * Normal(random))));
            ((StringColumn)batch.Columns[3]).Append(random.NextDouble() < 0.85 ? Cities[segment] : Cities[random.Next(3)]);
            if (random.NextDouble() < 0.8)
            {
                batch.Columns[4].AppendNull();
            }
            else
            {
                ((DoubleColumn)batch.Columns[4]).Append(random.NextDouble());
            }
        }

        return (new Table(schema, batch.Columns), truth);
    }

    private static readonly string[] Cities = ["Pune", "Delhi", "Kochi"];

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void TheRecommendedFeaturesAreNumericAndMostlyPresent()
    {
        var (table, _) = Blobs();
        var fit = SegmentationModel.Fit(table, PreprocessingOptions.Recommended, new AlgorithmOptions { Clusters = 3, Seed = 1 });
        fit.Model.InputColumns.Should().Equal("income", "age");
        fit.Model.Preprocessing.State.Skipped.Select(s => s.Name).Should().Contain(["id", "city", "bonus"]);
    }

    [Fact]
    public void FitSaveLoadAndAssignGiveTheFittedLabels()
    {
        var (table, truth) = Blobs();
        var fit = SegmentationModel.Fit(table, PreprocessingOptions.Recommended, new AlgorithmOptions { Clusters = 3, Seed = 1 }, "id");
        ExternalMetrics.AdjustedRandIndex(truth, fit.Result.Labels).Should().BeGreaterThan(0.99);

        var loaded = SegmentationModel.FromJson(fit.Model.ToJson());
        loaded.KeyColumn.Should().Be("id");
        loaded.Assign(table).Should().Equal(fit.Result.Labels);
        var one = loaded.Assign(new Dictionary<string, object?> { ["income"] = 4_100_000.0, ["age"] = 70 });
        one.Segment.Should().Be(fit.Result.Labels[2], "row 2 is in the wealthy, older blob");
        one.Distance.Should().BeGreaterThanOrEqualTo(0);
        one.Description.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void KIsChosenAutomaticallyWhenNotGiven()
    {
        var (table, _) = Blobs();
        var fit = SegmentationModel.Fit(table, PreprocessingOptions.Recommended, new AlgorithmOptions { Clusters = null, MinimumK = 2, MaximumK = 6, Seed = 1 });
        fit.Selection.Should().NotBeNull();
        fit.Selection!.ChosenClusters.Should().Be(3);
        fit.Result.NumberOfClusters.Should().Be(3);
    }

    [Fact]
    public void BicChoosesKForMixtures()
    {
        var (table, _) = Blobs();
        var fit = SegmentationModel.Fit(table, PreprocessingOptions.Recommended, new AlgorithmOptions { Algorithm = "gmm", Clusters = null, KMethod = SegBench.Clustering.Selection.SelectionMethod.Bic, MaximumK = 6, Seed = 1 });
        fit.Selection!.ChosenClusters.Should().Be(3);
        fit.Selection.Curve(SegBench.Clustering.Selection.SelectionMethod.Bic).Should().NotBeNull();
    }

    [Theory]
    [InlineData("gmm")]
    [InlineData("minibatch-kmeans")]
    [InlineData("kprototypes")]
    public void EveryCatalogAlgorithmFitsAndRoundTrips(string algorithm)
    {
        var (table, truth) = Blobs();
        var preprocessing = algorithm == "kprototypes"
            ? PreprocessingOptions.Recommended with { NumericOnly = false, Encoding = CategoricalEncoding.Ordinal }
            : PreprocessingOptions.Recommended;
        var fit = SegmentationModel.Fit(table, preprocessing, new AlgorithmOptions { Algorithm = algorithm, Clusters = 3, Seed = 2 });
        ExternalMetrics.AdjustedRandIndex(truth, fit.Result.Labels).Should().BeGreaterThan(0.9, algorithm);
        SegmentationModel.FromJson(fit.Model.ToJson()).Assign(table).Should().Equal(fit.Result.Labels);
    }

    [Fact]
    public void DbscanMarksNoiseAndRoundTrips()
    {
        var (table, _) = Blobs();
        var fit = SegmentationModel.Fit(table, PreprocessingOptions.Recommended, new AlgorithmOptions { Algorithm = "dbscan", Eps = 0.4, MinimumSamples = 5 });
        fit.Result.NumberOfClusters.Should().Be(3, $"found sizes {string.Join(",", fit.Result.Labels.GroupBy(l => l).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}"))}; features {string.Join(",", fit.Model.Preprocessing.OutputColumnNames)}");
        SegmentationModel.FromJson(fit.Model.ToJson()).Clusters.NumberOfClusters.Should().Be(3);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("{\"kind\":\"something-else\"}", "not a SegBench model")]
    [InlineData("{\"kind\":\"segbench-model\",\"format_version\":99}", "format version 99 is not supported")]
    [InlineData("{\"kind\":\"segbench-model\",\"format_version\":1}", "no 'preprocessing' section")]
    public void ABadModelFileSaysWhatIsWrong(string json, string message)
    {
        var act = () => SegmentationModel.FromJson(json);
        act.Should().Throw<SegmentationModelException>().Which.Message.Should().Contain(message);
    }

    [Fact]
    public void AMissingModelFileIsNamed()
    {
        var act = () => SegmentationModel.Load("/nonexistent/model.json");
        act.Should().Throw<SegmentationModelException>().WithMessage("/nonexistent/model.json: model file not found.");
    }

    [Fact]
    public void KAboveTheRowCountIsRejected()
    {
        var (table, _) = Blobs(rows: 6);
        var act = () => SegmentationModel.Fit(table, PreprocessingOptions.Recommended, new AlgorithmOptions { Clusters = 10 });
        act.Should().Throw<Exception>().Which.Message.Should().Contain("10");
    }
}
