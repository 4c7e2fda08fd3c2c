using SegBench.Clustering.Metrics;
using SegBench.Clustering.Pipeline;
using SegBench.Clustering.Preprocessing;
using SegBench.Data;

namespace SegBench.Clustering.Tests.Pipeline;

public sealed class StreamedSegmentationTests
{
    private static readonly AlgorithmOptions MiniBatch = new() { Algorithm = "minibatch-kmeans", Clusters = 3, Seed = 1 };

    [Fact]
    public void StreamingAgreesWithTheInMemoryMiniBatchFit()
    {
        var (table, _) = SegmentationModelTests.Blobs(rows: 3000);
        var whole = SegmentationModel.Fit(table, PreprocessingOptions.Recommended, MiniBatch);

        var streamed = StreamedSegmentation.Fit(Slice(table, 0, 1000), () => Batches(table, 500), PreprocessingOptions.Recommended, MiniBatch);

        streamed.RowsSeen.Should().Be(1000 + 3000, "the sample seeds the fit, then every row streams once");
        ExternalMetrics.AdjustedRandIndex(whole.Result.Labels, streamed.Model.Assign(table)).Should().BeGreaterThanOrEqualTo(0.95);
    }

    [Fact]
    public void AStreamedModelSavesLoadsAndAssignsLikeTheFittedOne()
    {
        var (table, _) = SegmentationModelTests.Blobs(rows: 2000);
        var streamed = StreamedSegmentation.Fit(Slice(table, 0, 600), () => Batches(table, 400), PreprocessingOptions.Recommended, MiniBatch, keyColumn: "id");

        var loaded = SegmentationModel.FromJson(streamed.Model.ToJson());

        loaded.KeyColumn.Should().Be("id");
        loaded.Clusters.Algorithm.Should().Be("minibatch-kmeans");
        loaded.Assign(table).Should().Equal(streamed.Model.Assign(table));
        loaded.Profile.Clusters.Sum(c => c.Size).Should().Be(600, "the profile describes the sample");
    }

    [Fact]
    public void EachPassReadsTheSourceAfresh()
    {
        var (table, _) = SegmentationModelTests.Blobs(rows: 1200);
        var opened = 0;

        var streamed = StreamedSegmentation.Fit(Slice(table, 0, 300), () => { opened++; return Batches(table, 300); }, PreprocessingOptions.Recommended, MiniBatch, passes: 3);

        opened.Should().Be(3);
        streamed.RowsSeen.Should().Be(300 + (3 * 1200));
    }

    [Fact]
    public void NoMoreThanTwoBatchesAreEverHeld()
    {
        // Each batch is made only when asked for; before making the next, every earlier batch the
        // fit still references is counted. Holding all of them (say, in a list) would fail here.
        var (table, _) = SegmentationModelTests.Blobs(rows: 4000);
        var made = new List<WeakReference<Table>>();
        var mostAlive = 0;

        IEnumerable<Table> Watched()
        {
            for (var start = 0; start < table.RowCount; start += 250)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                mostAlive = Math.Max(mostAlive, made.Count(w => w.TryGetTarget(out _)));
                var batch = Slice(table, start, Math.Min(250, table.RowCount - start));
                made.Add(new WeakReference<Table>(batch));
                yield return batch;
            }
        }

        StreamedSegmentation.Fit(Slice(table, 0, 500), Watched, PreprocessingOptions.Recommended, MiniBatch, passes: 2);

        made.Should().HaveCount(2 * 16);
        mostAlive.Should().BeLessThanOrEqualTo(2);
    }

    [Fact]
    public void OnlyMiniBatchWithAGivenKStreams()
    {
        var (table, _) = SegmentationModelTests.Blobs(rows: 300);

        var kmeans = () => StreamedSegmentation.Fit(table, () => [table], PreprocessingOptions.Recommended, MiniBatch with { Algorithm = "kmeans" });
        var auto = () => StreamedSegmentation.Fit(table, () => [table], PreprocessingOptions.Recommended, MiniBatch with { Clusters = null });

        kmeans.Should().Throw<ArgumentException>().WithMessage("*minibatch-kmeans only*");
        auto.Should().Throw<ArgumentException>().WithMessage("*given number of clusters*");
    }

    private static IEnumerable<Table> Batches(Table table, int rows)
    {
        for (var start = 0; start < table.RowCount; start += rows)
        {
            yield return Slice(table, start, Math.Min(rows, table.RowCount - start));
        }
    }

    private static Table Slice(Table table, int start, int count)
    {
        var batch = ColumnBatch.CreateEmpty(table.Schema, count);
        for (var c = 0; c < table.Columns.Count; c++)
        {
            for (var r = start; r < start + count; r++)
            {
                batch.Columns[c].AppendFrom(table.Columns[c], r);
            }
        }

        return new Table(table.Schema, batch.Columns);
    }
}
