using SegBench.Clustering.Selection;

namespace SegBench.Clustering.Tests.Selection;

public sealed class KSelectorTests
{
    /// <summary>Four tight, well separated blobs in the plane.</summary>
    private static FeatureMatrix FourBlobs(int perBlob = 40, int seed = 3)
    {
        var random = new Random(seed);
        double[][] centers = [[0, 0], [10, 0], [0, 10], [10, 10]];
        var values = new List<double>();
        foreach (var center in centers)
        {
            for (var i = 0; i < perBlob; i++)
            {
                values.Add(center[0] + random.NextDouble() - 0.5);
                values.Add(center[1] + random.NextDouble() - 0.5);
            }
        }

        return new FeatureMatrix([.. values], perBlob * centers.Length, 2);
    }

    private static readonly KSelectionOptions Range = KSelectionOptions.Defaults with { MinimumClusters = 1, MaximumClusters = 7, GapReferences = 5 };

    [Fact]
    public void EveryCriterionFindsFourPlantedBlobs()
    {
        var result = KSelector.Select(FourBlobs(), k => new TestLloyd(k, seed: 11, withBic: true), Range);

        result.Method.Should().Be(SelectionMethod.Silhouette);
        result.ChosenClusters.Should().Be(4);
        foreach (var method in Enum.GetValues<SelectionMethod>().Except([SelectionMethod.Bic]))
        {
            result.Curve(method)!.ChosenClusters.Should().Be(4, $"{method} should find the four blobs");
        }

        // The test model's BIC is (k - 3)^2: the BIC curve follows the model, not the geometry.
        result.Curve(SelectionMethod.Bic)!.ChosenClusters.Should().Be(3);
    }

    [Fact]
    public void TheGapReferencesAreFittedByTheReferenceClusterer()
    {
        int dataFits = 0, referenceFits = 0;
        var result = KSelector.Select(
            FourBlobs(),
            k => { dataFits++; return new TestLloyd(k, seed: 11); },
            Range,
            k => { referenceFits++; return new TestLloyd(k, seed: 11); });

        dataFits.Should().Be(7, "one fit of the data per k in 1..7");
        referenceFits.Should().Be(7 * Range.GapReferences, "one fit per k of each uniform reference");
        result.Curve(SelectionMethod.Gap)!.ChosenClusters.Should().Be(4);
    }

    [Fact]
    public void CurvesCoverTheWholeRangeAndSilhouetteIsUndefinedAtOne()
    {
        var result = KSelector.Select(FourBlobs(), k => new TestLloyd(k, seed: 11), Range);

        var silhouette = result.Curve(SelectionMethod.Silhouette)!;
        silhouette.Clusters.Should().Equal(1, 2, 3, 4, 5, 6, 7);
        silhouette.Values[0].Should().Be(double.NaN);
        result.Inertia.Should().BeInDescendingOrder();
        result.Curve(SelectionMethod.Gap)!.StandardErrors.Should().HaveCount(7).And.OnlyContain(s => s >= 0);
    }

    [Fact]
    public void BicIsOnlyOfferedWhenTheModelHasOne()
    {
        var result = KSelector.Select(FourBlobs(), k => new TestLloyd(k, seed: 11), Range);
        var askForBic = () => KSelector.Select(FourBlobs(), k => new TestLloyd(k, seed: 11), Range with { Method = SelectionMethod.Bic });

        result.Curve(SelectionMethod.Bic).Should().BeNull();
        askForBic.Should().Throw<InvalidOperationException>().WithMessage("*IHasBic*");
    }

    [Fact]
    public void TheSameSeedGivesTheSameCurves()
    {
        var first = KSelector.Select(FourBlobs(), k => new TestLloyd(k, seed: 5), Range with { MaximumClusters = 5 });
        var again = KSelector.Select(FourBlobs(), k => new TestLloyd(k, seed: 5), Range with { MaximumClusters = 5 });

        again.Curves.SelectMany(c => c.Values).Should().Equal(first.Curves.SelectMany(c => c.Values));
    }

    [Fact]
    public void LargeInputsUseASampledSilhouette()
    {
        var data = FourBlobs(perBlob: 200);

        var result = KSelector.Select(data, k => new TestLloyd(k, seed: 11), KSelectionOptions.Defaults with { MaximumClusters = 5, SilhouetteSampleSize = 100, GapReferences = 0 });

        result.ChosenClusters.Should().Be(4);
        result.Curve(SelectionMethod.Gap).Should().BeNull();
    }

    [Fact]
    public void KneedleFindsTheBendOfADecreasingCurve()
    {
        KSelector.Kneedle([1, 2, 3, 4, 5, 6], [100, 40, 12, 10, 9, 8]).Should().Be(3);
        KSelector.Kneedle([1, 2, 3], [5, 5, 5]).Should().BeNull();
    }

    [Fact]
    public void AnInvertedRangeIsRejectedByName()
    {
        var act = () => (KSelectionOptions.Defaults with { MinimumClusters = 5, MaximumClusters = 3 }).Validate();

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaximumClusters");
    }
}
