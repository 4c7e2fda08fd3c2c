using SegBench.Clustering.Pipeline;
using SegBench.Clustering.Preprocessing;
using SegBench.Clustering.Selection;

namespace SegBench.Bench.Experiments;

/// <summary>
/// The matrix behind <c>segbench demo</c>: the shipped customers (and, when the card schema is
/// present, their cards' usage) at the default separation, clustered by k-means with K chosen
/// automatically, scored against the truth and profiled.
/// </summary>
public static class DemoMatrix
{
    /// <summary>Builds the demo matrix for <paramref name="rows"/> customers.</summary>
    public static ExperimentMatrix Create(long rows, ulong seed = 42)
    {
        var here = Directory.GetCurrentDirectory();
        var customers = ExperimentMatrix.ResolveSchema("indian-bank-customers", here)
            ?? throw new FileNotFoundException("The shipped schema indian-bank-customers.yaml was not found in a schemas/ folder.");
        var datasets = new List<DatasetSpec> { new(customers, "indian-bank-customers", "customers", [rows], [null]) };
        if (ExperimentMatrix.ResolveSchema("credit-card-usage", here) is { } cards)
        {
            datasets.Add(new DatasetSpec(cards, "credit-card-usage", "card_usage", [rows], [null]));
        }

        var kmeans = new AlgorithmOptions { Algorithm = "kmeans" };
        return new ExperimentMatrix(
            "demo",
            customers,
            datasets,
            [seed],
            [new AlgorithmEntry("kmeans-auto", kmeans, null, KChoice.Auto, 0, new Dictionary<string, string> { ["k"] = "auto" })],
            [new PreprocessingEntry("recommended", PreprocessingOptions.Recommended)],
            KSelectionOptions.Defaults with { MinimumClusters = 2, MaximumClusters = 10, SilhouetteSampleSize = 3000 },
            "kmeans-auto");
    }
}
