using System.Text.Json;
using SegBench.Clustering;

namespace SegBench.Clustering.Tests.Algorithms;

/// <summary>Seeded data for the algorithm tests, the adjusted Rand index, and the sklearn fixtures.</summary>
internal static class TestData
{
    /// <summary>Gaussian blobs around <paramref name="centers"/> (each of length d), shuffled; returns data and the true blob.</summary>
    public static (FeatureMatrix Data, int[] Truth) Blobs(int seed, int perBlob, double[][] centers, double spread)
    {
        var random = new Random(seed);
        var d = centers[0].Length;
        var n = perBlob * centers.Length;
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        var values = new double[n * d];
        var truth = new int[n];
        for (var i = 0; i < n; i++)
        {
            var blob = order[i] % centers.Length;
            truth[i] = blob;
            for (var j = 0; j < d; j++)
            {
                values[i * d + j] = centers[blob][j] + spread * Normal(random);
            }
        }

        return (new FeatureMatrix(values, n, d), truth);
    }

    /// <summary>Four blobs in 3-D, 10 apart with spread 0.5.</summary>
    public static (FeatureMatrix Data, int[] Truth) FourBlobs(int seed = 1, int perBlob = 100) =>
        Blobs(seed, perBlob, [[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10]], 0.5);

    /// <summary>Uniform values in [−scale, scale).</summary>
    public static FeatureMatrix Uniform(int seed, int rows, int columns, double scale = 1)
    {
        var random = new Random(seed);
        var values = new double[rows * columns];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (random.NextDouble() * 2 - 1) * scale;
        }

        return new FeatureMatrix(values, rows, columns);
    }

    public static double Normal(Random random)
    {
        var u = 1 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    /// <summary>The adjusted Rand index (Hubert and Arabie 1985), computed from the contingency table; noise (−1) is a label like any other.</summary>
    public static double AdjustedRandIndex(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        var table = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (var i = 0; i < truth.Count; i++)
        {
            table[(truth[i], predicted[i])] = table.GetValueOrDefault((truth[i], predicted[i])) + 1;
            rows[truth[i]] = rows.GetValueOrDefault(truth[i]) + 1;
            columns[predicted[i]] = columns.GetValueOrDefault(predicted[i]) + 1;
        }

        static double Pairs(long count) => count * (count - 1) / 2.0;
        var index = table.Values.Sum(Pairs);
        var rowPairs = rows.Values.Sum(Pairs);
        var columnPairs = columns.Values.Sum(Pairs);
        var expected = rowPairs * columnPairs / Pairs(truth.Count);
        var maximum = (rowPairs + columnPairs) / 2;
        return maximum == expected ? 1.0 : (index - expected) / (maximum - expected);
    }

    /// <summary>Parses a fixture written by Fixtures/make_kmeans_golden.py.</summary>
    public static JsonDocument Fixture(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "SegBench.Clustering.Tests", "Algorithms", "Fixtures", name);
            if (File.Exists(candidate))
            {
                return JsonDocument.Parse(File.ReadAllText(candidate));
            }

            directory = directory.Parent;
        }

        throw new FileNotFoundException($"Fixture {name} not found above {AppContext.BaseDirectory}.");
    }

    public static double[] Doubles(this JsonElement element) => element.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static int[] Ints(this JsonElement element) => element.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static FeatureMatrix Matrix(JsonElement root) =>
        new(root.GetProperty("data").Doubles(), root.GetProperty("rows").GetInt32(), root.GetProperty("columns").GetInt32());
}
