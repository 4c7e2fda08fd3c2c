using System.Globalization;
using System.Text.Json.Nodes;
using SegBench.Cli.Output;
using SegBench.Clustering.Pipeline;
using SegBench.Clustering.Preprocessing;
using SegBench.Data;
using SegBench.Data.Formats;
using SegBench.Generator.Engine;

namespace SegBench.Cli.Commands.Clustering;

/// <summary>
/// <c>segbench cluster --stream</c>: mini-batch k-means over a file larger than memory. The
/// preprocessing is fitted on the first batches (<c>--sample-rows</c>), every batch is streamed
/// into the fit <c>--passes</c> times, and one more pass writes assignments.csv. Memory is bounded
/// by the sample and one batch, whatever the file's length.
/// </summary>
internal static class StreamedCluster
{
    /// <summary>Rows the preprocessing and the profile are fitted on when <c>--sample-rows</c> is not given.</summary>
    public const int DefaultSampleRows = 100_000;

    /// <summary>Rows per streamed batch when <c>--batch-rows</c> is not given.</summary>
    public const int DefaultBatchRows = 65_536;

    /// <summary>Fits, writes model.json, assignments.csv and the profile, and prints the summary.</summary>
    public static int Run(ConsoleStreams console, StreamedInput input, InputTable sample, PreprocessingOptions preprocessing, AlgorithmOptions algorithm, string? keyName, int passes, string outputDirectory, bool json, CancellationToken cancellationToken)
    {
        // Every pass of the fit and the assignment pass read the whole file: progress counts them all.
        var total = input.KnownRowCount() is { } fileRows ? fileRows * (passes + 1) : -1;
        return console.ErrorIsTerminal
            ? TerminalProgress.Run(console.Error, progress => Stream(console, input, sample, preprocessing, algorithm, keyName, passes, outputDirectory, json, new StreamCounter(progress, total), cancellationToken), Verb)
            : Stream(console, input, sample, preprocessing, algorithm, keyName, passes, outputDirectory, json, new StreamCounter(new PlainProgress(console.Error, Verb), total), cancellationToken);
    }

    private const string Verb = "cluster";

    private static int Stream(ConsoleStreams console, StreamedInput input, InputTable sample, PreprocessingOptions preprocessing, AlgorithmOptions algorithm, string? keyName, int passes, string outputDirectory, bool json, StreamCounter counter, CancellationToken cancellationToken)
    {
        var pass = 0;
        var fit = ClusteringErrors.Translate(input.Path, () => StreamedSegmentation.Fit(sample.Table, () => counter.Count(input.Batches(), $"fit pass {++pass}/{passes}"), preprocessing, algorithm, passes, keyName, cancellationToken));
        var model = fit.Model;
        var keyType = keyName is null ? ColumnType.Int64 : sample.Table.Schema[sample.Table.Schema.IndexOf(keyName)].Type;
        var schema = new TableSchema([new ColumnField(keyName ?? "row", keyType), new ColumnField("cluster", ColumnType.Int32)]);
        var sizes = new long[model.Clusters.NumberOfClusters];
        long rows = 0;

        using var files = new OutputFiles(outputDirectory);
        files.AddText("model.json", model.ToJson());
        var assignments = files.AddCsv("assignments.csv", schema);
        ClusteringErrors.Translate(input.Path, () =>
        {
            foreach (var batch in counter.Count(input.Batches(), "assign"))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var features = model.Preprocessing.Transform(batch);
                var labels = new Int32Column(features.Rows);
                for (var r = 0; r < features.Rows; r++)
                {
                    var cluster = model.Clusters.Assign(features.Row(r)).Cluster;
                    labels.Append(cluster);
                    sizes[cluster]++;
                }

                var key = keyName is null ? RowNumbers(rows, features.Rows) : batch[keyName];
                assignments.Write(new ColumnBatch(schema, [key, labels]));
                rows += features.Rows;
            }

            return rows;
        });
        files.AddProfile(model.Profile);
        files.Commit();

        if (json)
        {
            var summary = new JsonObject
            {
                ["input"] = input.Path,
                ["manifest"] = input.ManifestPath,
                ["algorithm"] = algorithm.Algorithm,
                ["streamed"] = true,
                ["rows"] = rows,
                ["sample_rows"] = sample.Table.RowCount,
                ["passes"] = passes,
                ["rows_streamed"] = fit.RowsSeen,
                ["steps"] = fit.Steps,
                ["k"] = model.Clusters.NumberOfClusters,
                ["fit_seconds"] = fit.FitSeconds,
                ["features"] = new JsonArray([.. fit.SampleFeatures.ColumnNames.Select(c => (JsonNode)c)]),
                ["sizes"] = new JsonArray([.. sizes.Select(s => (JsonNode)s)]),
                ["files"] = new JsonArray([.. files.Paths.Select(p => (JsonNode)p)]),
            };
            JsonOutput.Write(console.Output, summary);
        }
        else
        {
            var output = console.Output;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"streamed {rows:N0} rows of {input.Path} with {algorithm.Algorithm} ({passes} pass{(passes == 1 ? "" : "es")}, {fit.Steps:N0} steps): k = {model.Clusters.NumberOfClusters}, fit {fit.FitSeconds:F2} s"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"preprocessing and profile fitted on the first {sample.Table.RowCount:N0} rows"));
            output.WriteLine($"features: {string.Join(", ", fit.SampleFeatures.ColumnNames)}");
            output.WriteLine($"sizes: {string.Join(", ", sizes.Select((s, c) => string.Create(CultureInfo.InvariantCulture, $"{c}: {s:N0}")))}");
            ProfileCommand.WriteClusters(output, model.Profile);
            output.WriteLine("files:");
            foreach (var path in files.Paths)
            {
                output.WriteLine($"  {path}");
            }
        }

        return ExitCodes.Ok;
    }

    // Reports the rows read so far, over all passes, as each batch arrives.
    private sealed class StreamCounter(IProgress<GenerateProgress> progress, long total)
    {
        private long _done;

        // Holds no batch across the yield (see StreamedInput), so one batch at a time stays alive.
        public IEnumerable<Table> Count(IEnumerable<Table> batches, string phase)
        {
            using var batch = batches.GetEnumerator();
            while (batch.MoveNext())
            {
                _done += batch.Current.RowCount;
                progress.Report(new GenerateProgress(phase, _done, total));
                yield return batch.Current;
            }
        }
    }

    private static Int64Column RowNumbers(long first, int count)
    {
        var column = new Int64Column(count);
        for (var row = 0; row < count; row++)
        {
            column.Append(first + row);
        }

        return column;
    }
}
