using SegBench.Clustering.Algorithms;
using SegBench.Clustering.Preprocessing;
using SegBench.Clustering.Profiling;
using SegBench.Data;

namespace SegBench.Clustering.Pipeline;

/// <summary>What a streamed fit produced besides the model.</summary>
/// <param name="Model">The fitted pipeline; its profile describes the sample.</param>
/// <param name="SampleFeatures">The sample as preprocessed features.</param>
/// <param name="SampleLabels">The segment of each sample row.</param>
/// <param name="RowsSeen">Rows streamed into the fit, over all passes, the sample (which seeds the fit) included.</param>
/// <param name="Steps">Mini-batch steps taken.</param>
/// <param name="FitSeconds">Seconds spent streaming and fitting, the preprocessing fit excluded.</param>
public sealed record SegmentationStreamFit(SegmentationModel Model, FeatureMatrix SampleFeatures, int[] SampleLabels, long RowsSeen, int Steps, double FitSeconds);

/// <summary>
/// Fits a segmentation on a table larger than memory: the preprocessing is fitted on a bounded
/// sample, then every batch of the table is preprocessed and streamed into mini-batch k-means.
/// </summary>
/// <remarks>
/// Memory is O(sample + one batch + k·d), independent of the table's length: a batch is
/// preprocessed, consumed and dropped before the next is read. Time is O(passes · n · k · d).
/// </remarks>
public static class StreamedSegmentation
{
    /// <summary>Fits the preprocessing on <paramref name="sample"/> and mini-batch k-means on every batch of <paramref name="batches"/>.</summary>
    /// <param name="sample">A bounded sample of the table: it fits the preprocessing and is profiled.</param>
    /// <param name="batches">Opens the table's batches afresh; called once per pass. Each batch may be dropped once the next is asked for.</param>
    /// <param name="preprocessing">The preprocessing settings.</param>
    /// <param name="algorithm">Settings whose algorithm is <c>minibatch-kmeans</c> and whose number of clusters is given.</param>
    /// <param name="passes">How many times the batches are streamed.</param>
    /// <param name="keyColumn">The key column, if known.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static SegmentationStreamFit Fit(Table sample, Func<IEnumerable<Table>> batches, PreprocessingOptions preprocessing, AlgorithmOptions algorithm, int passes = 1, string? keyColumn = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(passes);
        algorithm.Validate();
        if (algorithm.Algorithm != MiniBatchKMeans.AlgorithmName)
        {
            throw new ArgumentException($"Streaming fits {MiniBatchKMeans.AlgorithmName} only, not {algorithm.Algorithm}.", nameof(algorithm));
        }

        if (algorithm.Clusters is not { } clusters)
        {
            throw new ArgumentException("Streaming needs a given number of clusters: K cannot be chosen without holding the rows.", nameof(algorithm));
        }

        if (sample.RowCount == 0)
        {
            throw new ArgumentException("The sample has no rows to fit the preprocessing on.", nameof(sample));
        }

        var preprocessor = Preprocessor.Fit(sample, preprocessing);
        var sampleFeatures = preprocessor.Transform(sample);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var clusterer = (MiniBatchKMeans)algorithm.Create(clusters, sampleFeatures.Columns);
        var streamed = clusterer.FitStream(Source(sampleFeatures, batches, preprocessor), passes, cancellationToken);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var labels = streamed.Model.Predict(sampleFeatures);
        var profile = Profiler.Profile(sample, labels);
        var model = SegmentationModel.Create(preprocessor, streamed.Model, profile, keyColumn);
        return new SegmentationStreamFit(model, sampleFeatures, labels, streamed.RowsSeen, streamed.Steps, seconds);
    }

    // The sample leads the first pass: mini-batch k-means seeds k-means++ on its first chunk, and a
    // file's first batch may be small, so the seeds come from the whole sample instead. Its rows,
    // a small fraction of a large file, are seen once more than the others.
    private static IEnumerable<FeatureMatrix> Source(FeatureMatrix sample, Func<IEnumerable<Table>> batches, Preprocessor preprocessor)
    {
        var first = true;
        return Passes();

        IEnumerable<FeatureMatrix> Passes()
        {
            if (first)
            {
                first = false;
                yield return sample;
            }

            // No local holds a batch across the yield, so the source can drop it before reading the next.
            using var batch = batches().GetEnumerator();
            while (batch.MoveNext())
            {
                yield return preprocessor.Transform(batch.Current);
            }
        }
    }
}
