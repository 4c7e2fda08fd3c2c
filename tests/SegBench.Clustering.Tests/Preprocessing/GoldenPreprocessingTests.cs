using System.Text.Json;
using SegBench.Clustering.Preprocessing;
using SegBench.Clustering.Tests.Metrics.Fixtures;
using static SegBench.Clustering.Tests.Preprocessing.TestTables;

namespace SegBench.Clustering.Tests.Preprocessing;

/// <summary>
/// Imputation, scaling and PCA against scikit-learn 1.2's SimpleImputer, StandardScaler,
/// RobustScaler, MinMaxScaler and PCA (Fixtures/make_preprocessing_golden.py). Tolerance 1e-9
/// absolute on every output value and explained variance ratio; PCA components may differ in
/// sign, so each projected column is compared after aligning its sign.
/// </summary>
public sealed class GoldenPreprocessingTests
{
    private const double Tolerance = 1e-9;
    private static readonly JsonDocument Golden = GoldenFixture.Load("preprocessing_golden.json", "Preprocessing/Fixtures");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var element in Golden.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(element.GetProperty("imputation").GetString()!, element.GetProperty("scaling").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ImputationAndScalingMatchScikitLearn(string imputation, string scaling)
    {
        var expected = Golden.RootElement.GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("imputation").GetString() == imputation && c.GetProperty("scaling").GetString() == scaling)
            .GetProperty("output").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var options = Options() with { Imputation = Imputation(imputation), Scaling = Scaling(scaling) };

        var actual = Preprocessor.Fit(Table(), options).Transform(Table()).Values;

        actual.Should().Equal(expected, (a, b) => Math.Abs(a - b) <= Tolerance);
    }

    [Fact]
    public void PcaMatchesScikitLearnUpToTheSignOfEachComponent()
    {
        var pca = Golden.RootElement.GetProperty("pca");
        var ratios = pca.GetProperty("explained_variance_ratio").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var variances = pca.GetProperty("explained_variance").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var projection = pca.GetProperty("projection").EnumerateArray().Select(v => v.GetDouble()).ToArray();

        var pipeline = Preprocessor.Fit(Table(), Options() with { PrincipalComponents = 3 });
        var actual = pipeline.Transform(Table());

        pipeline.ExplainedVarianceRatio.Should().Equal(ratios, (a, b) => Math.Abs(a - b) <= Tolerance);
        pipeline.State.Pca!.ExplainedVariance.Should().Equal(variances, (a, b) => Math.Abs(a - b) <= Tolerance);
        for (var component = 0; component < 3; component++)
        {
            var mine = Enumerable.Range(0, actual.Rows).Select(r => actual.Row(r)[component]).ToArray();
            var theirs = Enumerable.Range(0, actual.Rows).Select(r => projection[(r * 3) + component]).ToArray();
            var sign = Math.Sign(mine.Zip(theirs, (a, b) => a * b).Sum());
            mine.Select(v => sign * v).Should().Equal(theirs, (a, b) => Math.Abs(a - b) <= Tolerance);
        }
    }

    private static PreprocessingOptions Options() => PreprocessingOptions.Defaults with
    {
        Features = Golden.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray(),
    };

    private static SegBench.Data.Table Table()
    {
        var names = Golden.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
        var rows = Golden.RootElement.GetProperty("rows").GetInt32();
        var values = Golden.RootElement.GetProperty("x").EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();
        return Build(names.Select((name, c) => Doubles(name, Enumerable.Range(0, rows).Select(r => values[(r * names.Length) + c]).ToArray())).ToArray());
    }

    private static ImputationStrategy Imputation(string name) => name switch
    {
        "mean" => ImputationStrategy.Mean,
        "median" => ImputationStrategy.Median,
        _ => ImputationStrategy.MostFrequent,
    };

    private static ScalingMethod Scaling(string name) => name switch
    {
        "standard" => ScalingMethod.Standard,
        "robust" => ScalingMethod.Robust,
        _ => ScalingMethod.MinMax,
    };
}
