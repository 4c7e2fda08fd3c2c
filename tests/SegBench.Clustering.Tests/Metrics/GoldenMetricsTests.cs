using System.Text.Json;
using SegBench.Clustering.Metrics;
using SegBench.Clustering.Tests.Metrics.Fixtures;

namespace SegBench.Clustering.Tests.Metrics;

/// <summary>
/// Every metric against the values scikit-learn 1.2 computed (Fixtures/make_metrics_golden.py).
/// Tolerances: 1e-9 absolute for every bounded score (ARI, AMI, NMI, MI, FMI, homogeneity,
/// completeness, V-measure, accuracy, NCA, silhouette, Davies-Bouldin); 1e-9 relative for the
/// unbounded Calinski-Harabasz and inertia.
/// </summary>
public sealed class GoldenMetricsTests
{
    private const double AbsoluteTolerance = 1e-9;
    private const double RelativeTolerance = 1e-9;

    private static readonly JsonDocument Golden = GoldenFixture.Load("metrics_golden.json");

    public static TheoryData<string> ExternalCases()
    {
        var data = new TheoryData<string>();
        foreach (var element in Golden.RootElement.GetProperty("external").EnumerateArray())
        {
            data.Add(element.GetProperty("name").GetString()!);
        }

        return data;
    }

    public static TheoryData<string> InternalCases()
    {
        var data = new TheoryData<string>();
        foreach (var element in Golden.RootElement.GetProperty("internal").EnumerateArray())
        {
            data.Add(element.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExternalCases))]
    public void ExternalMetricsMatchScikitLearn(string name)
    {
        var golden = Find("external", name);
        var (truth, predicted) = Labels(golden);
        var table = ContingencyTable.Create(truth, predicted);
        var (homogeneity, completeness, vMeasure) = ExternalMetrics.HomogeneityCompletenessVMeasure(table);

        Expect(golden, "adjusted_rand", ExternalMetrics.AdjustedRandIndex(table));
        Expect(golden, "adjusted_mutual_info", ExternalMetrics.AdjustedMutualInformation(table));
        Expect(golden, "normalized_mutual_info", ExternalMetrics.NormalizedMutualInformation(table));
        Expect(golden, "mutual_info", ExternalMetrics.MutualInformation(table));
        Expect(golden, "fowlkes_mallows", ExternalMetrics.FowlkesMallows(table));
        Expect(golden, "homogeneity", homogeneity);
        Expect(golden, "completeness", completeness);
        Expect(golden, "v_measure", vMeasure);
        Expect(golden, "best_match_accuracy", ExternalMetrics.BestMatchAccuracy(table));
        Expect(golden, "normalized_clustering_accuracy", ExternalMetrics.NormalizedClusteringAccuracy(table));
    }

    [Theory]
    [MemberData(nameof(InternalCases))]
    public void InternalMetricsMatchScikitLearn(string name)
    {
        var golden = Find("internal", name);
        var rows = golden.GetProperty("rows").GetInt32();
        var columns = golden.GetProperty("columns").GetInt32();
        var values = golden.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var labels = golden.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var data = new FeatureMatrix(values, rows, columns);

        Expect(golden, "silhouette", InternalMetrics.Silhouette(data, labels));
        Expect(golden, "davies_bouldin", InternalMetrics.DaviesBouldin(data, labels));
        ExpectRelative(golden, "calinski_harabasz", InternalMetrics.CalinskiHarabasz(data, labels));
        ExpectRelative(golden, "inertia", InternalMetrics.Inertia(data, labels));
    }

    [Fact]
    public void TheFixtureCoversEveryRequiredKindOfLabeling()
    {
        var names = Golden.RootElement.GetProperty("external").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray();

        names.Should().Contain(n => n.Contains("-1")).And.Contain(n => n.Contains("single cluster"))
            .And.Contain(n => n.Contains("singletons")).And.Contain(n => n.Contains("unbalanced"))
            .And.Contain(n => n.Contains("permutation")).And.Contain(n => n.Contains("n 100000"))
            .And.Contain("empty").And.Contain("identical");
    }

    private static JsonElement Find(string section, string name) =>
        Golden.RootElement.GetProperty(section).EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

    private static (int[] Truth, int[] Predicted) Labels(JsonElement golden)
    {
        if (golden.TryGetProperty("generator", out var generator))
        {
            return GoldenLabels.Lcg(
                generator.GetProperty("seed").GetUInt64(),
                generator.GetProperty("n").GetInt32(),
                generator.GetProperty("k_true").GetInt32(),
                generator.GetProperty("k_pred").GetInt32(),
                generator.GetProperty("agree_percent").GetInt32());
        }

        return (
            golden.GetProperty("truth").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
            golden.GetProperty("pred").EnumerateArray().Select(v => v.GetInt32()).ToArray());
    }

    private static void Expect(JsonElement golden, string metric, double actual)
    {
        var expected = golden.GetProperty(metric);
        if (expected.ValueKind == JsonValueKind.Null)
        {
            // scikit-learn raises or the measure is undefined: SegBench documents its own value.
            return;
        }

        actual.Should().BeApproximately(expected.GetDouble(), AbsoluteTolerance, $"{metric} of '{golden.GetProperty("name").GetString()}'");
    }

    private static void ExpectRelative(JsonElement golden, string metric, double actual)
    {
        var expected = golden.GetProperty(metric).GetDouble();
        actual.Should().BeApproximately(expected, Math.Abs(expected) * RelativeTolerance, $"{metric} of '{golden.GetProperty("name").GetString()}'");
    }
}
