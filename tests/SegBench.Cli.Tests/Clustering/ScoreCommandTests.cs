using System.Text.Json;

namespace SegBench.Cli.Tests.Clustering;

/// <summary>segbench score: joins by key, works on any tool's output, and its ARI matches an independent count.</summary>
public sealed class ScoreCommandTests(ClusteredDataset dataset) : IClassFixture<ClusteredDataset>, IDisposable
{
    private static readonly string[] ExternalKeys = ["ari", "ami", "nmi", "fmi", "homogeneity", "completeness", "v_measure", "accuracy", "nca"];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void JsonHasEveryExternalScore()
    {
        var scores = ClusteredDataset.ScoreJson("--truth", dataset.Truth, "--pred", dataset.Assignments);

        foreach (var key in ExternalKeys)
        {
            scores.GetProperty(key).GetDouble().Should().BeInRange(0, 1, key);
        }

        scores.GetProperty("key").GetString().Should().Be("customer_id", "the truth file's first column is in both files");
        scores.TryGetProperty("silhouette", out _).Should().BeFalse("no --data was given");
    }

    [Fact]
    public void AriEqualsAnIndependentPairCount()
    {
        var truth = ClusteredDataset.ReadPairs(dataset.Truth, "customer_id", "segment").ToDictionary(p => p.Key, p => p.Value);
        var pred = ClusteredDataset.ReadPairs(dataset.Assignments, "customer_id", "cluster");
        var t = pred.Select(p => truth[p.Key]).ToArray();
        var c = pred.Select(p => p.Value).ToArray();

        // Every pair of rows: together in both labelings (a), in the truth only (b), in the prediction only (c), in neither (d).
        long a = 0, b = 0, onlyPred = 0, d = 0;
        for (var i = 0; i < t.Length; i++)
        {
            for (var j = i + 1; j < t.Length; j++)
            {
                var sameTruth = t[i] == t[j];
                var samePred = c[i] == c[j];
                if (sameTruth && samePred)
                {
                    a++;
                }
                else if (sameTruth)
                {
                    b++;
                }
                else if (samePred)
                {
                    onlyPred++;
                }
                else
                {
                    d++;
                }
            }
        }

        var expected = 2.0 * ((double)a * d - (double)b * onlyPred) / ((double)(a + b) * (b + d) + (double)(a + onlyPred) * (onlyPred + d));

        var scores = ClusteredDataset.ScoreJson("--truth", dataset.Truth, "--pred", dataset.Assignments);
        scores.GetProperty("ari").GetDouble().Should().BeApproximately(expected, 1e-12);
    }

    [Fact]
    public void ShuffledPredictionsGiveTheSameScores()
    {
        var shuffled = Shuffled(File.ReadAllLines(dataset.Assignments), seed: 3);
        var path = _folder.Write("shuffled.csv", string.Join('\n', shuffled) + "\n");

        var original = ClusteredDataset.ScoreJson("--truth", dataset.Truth, "--pred", dataset.Assignments);
        var reordered = ClusteredDataset.ScoreJson("--truth", dataset.Truth, "--pred", path);

        foreach (var key in ExternalKeys)
        {
            reordered.GetProperty(key).GetDouble().Should().BeApproximately(original.GetProperty(key).GetDouble(), 1e-12, key);
        }
    }

    [Fact]
    public void AKeyMissingFromThePredictionsFailsNamingTheKeyAndTheCount()
    {
        var lines = File.ReadAllLines(dataset.Assignments);
        var path = _folder.Write("missing.csv", string.Join('\n', lines.Take(lines.Length - 3)) + "\n");

        var result = Cli.Run("score", "--truth", dataset.Truth, "--pred", path);

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Output.Should().BeEmpty();
        result.ErrorLines.Should().ContainSingle().Which.Should()
            .StartWith("segbench: ").And.Contain("customer_id").And.Contain("3 of the 4,000 keys").And.Contain("CUST000003998");
    }

    [Fact]
    public void AScikitLearnStyleCsvIsScoredByKey()
    {
        // As a scikit-learn script would write it: its own labels, its own row order, an index-free two-column CSV.
        var truth = ClusteredDataset.ReadPairs(dataset.Truth, "customer_id", "segment");
        var rows = truth.Select(p => $"{p.Key},{(p.Value == "-1" ? 10 : int.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture) + 10)}").Reverse();
        var path = _folder.Write("sklearn.csv", "customer_id,cluster\n" + string.Join('\n', rows) + "\n");

        var scores = ClusteredDataset.ScoreJson("--truth", dataset.Truth, "--pred", path);

        // The planted labels, renamed, with the outliers (-1, their own truth label) merged into one segment.
        scores.GetProperty("homogeneity").GetDouble().Should().BeLessThan(1);
        scores.GetProperty("completeness").GetDouble().Should().BeApproximately(1, 1e-12);
        scores.GetProperty("ari").GetDouble().Should().BeGreaterThan(0.95);
    }

    [Fact]
    public void AnOtherKeyAndLabelColumnCanBeNamed()
    {
        var pairs = ClusteredDataset.ReadPairs(dataset.Assignments, "customer_id", "cluster");
        var path = _folder.Write("other.csv", "label,id\n" + string.Join('\n', pairs.Select(p => $"{p.Value},{p.Key}")) + "\n");
        var truth = _folder.Write("truth.csv", "id,segment\n" + string.Join('\n', ClusteredDataset.ReadPairs(dataset.Truth, "customer_id", "segment").Select(p => $"{p.Key},{p.Value}")) + "\n");

        var scores = ClusteredDataset.ScoreJson("--truth", truth, "--pred", path, "--key", "id", "--pred-column", "label");
        var reference = ClusteredDataset.ScoreJson("--truth", dataset.Truth, "--pred", dataset.Assignments);

        scores.GetProperty("ari").GetDouble().Should().Be(reference.GetProperty("ari").GetDouble());
    }

    [Fact]
    public void WithoutACommonFirstColumnTheKeyMustBeGiven()
    {
        var path = _folder.Write("nokey.csv", "row,cluster\n0,1\n");

        var result = Cli.Run("score", "--truth", dataset.Truth, "--pred", path);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrorLines.Should().ContainSingle().Which.Should().Contain("--key");
    }

    [Fact]
    public void DataAddsTheInternalIndicesOfTheClusteredRows()
    {
        var shuffled = Shuffled(File.ReadAllLines(dataset.Assignments), seed: 5);
        var path = _folder.Write("shuffled.csv", string.Join('\n', shuffled) + "\n");

        var scores = ClusteredDataset.ScoreJson("--truth", dataset.Truth, "--pred", path, "--data", dataset.Data);

        scores.GetProperty("silhouette").GetDouble().Should().BeInRange(0.2, 1);
        scores.GetProperty("davies_bouldin").GetDouble().Should().BePositive();
        scores.GetProperty("calinski_harabasz").GetDouble().Should().BePositive();

        // The same features and labels as the clustering itself, so the same indices.
        var cluster = Cli.Run("cluster", "--input", dataset.Data, "--k", "6", "--out", _folder["run"], "--json");
        using var json = JsonDocument.Parse(cluster.Output);
        scores.GetProperty("silhouette").GetDouble().Should().BeApproximately(json.RootElement.GetProperty("silhouette").GetDouble(), 1e-9);
    }

    private static string[] Shuffled(string[] lines, int seed)
    {
        var body = lines.Skip(1).ToArray();
        new Random(seed).Shuffle(body);
        return [lines[0], .. body];
    }
}
