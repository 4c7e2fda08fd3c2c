namespace SegBench.Benchmarks.Metrics;

/// <summary>Seeded truth/prediction pairs: 10 true clusters, a prediction agreeing on 60% of rows.</summary>
internal static class LabelData
{
    public static (int[] Truth, int[] Predicted) Create(int rows, int seed = 20261122)
    {
        var random = new Random(seed);
        var truth = new int[rows];
        var predicted = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            truth[i] = random.Next(10);
            predicted[i] = random.NextDouble() < 0.6 ? (truth[i] * 7 + 3) % 10 : random.Next(10);
        }

        return (truth, predicted);
    }
}
