using System.Collections.Concurrent;
using System.Diagnostics;
using SegBench.Data;
using SegBench.Data.Formats;
using SegBench.Data.Formats.Parquet;
using SegBench.Generator.Segments;

namespace SegBench.Generator.Engine;

/// <summary>Progress of a generation run.</summary>
/// <param name="Table">The table being written.</param>
/// <param name="RowsDone">Root-table rows processed so far, over all tables written (a child table counts its root's rows).</param>
/// <param name="RowsTotal">Root-table rows to process, over all tables written.</param>
public readonly record struct GenerateProgress(string Table, long RowsDone, long RowsTotal);

/// <summary>What a run wrote.</summary>
/// <param name="Rows">Data rows written, all tables.</param>
/// <param name="Seconds">Wall time of the run.</param>
/// <param name="Manifest">The manifest of this run (or shard).</param>
/// <param name="ManifestPath">Where the (merged) manifest was written.</param>
public sealed record GenerateResult(long Rows, double Seconds, Manifest Manifest, string ManifestPath);

/// <summary>
/// Generates a dataset into files. Batches are generated and encoded in parallel, then appended
/// in row order, so the bytes do not depend on the thread count or batch size. Files are written
/// under temporary names and renamed only when complete.
/// </summary>
public static class DatasetGenerator
{
    /// <summary>The folder, inside a dataset, that holds each shard's own manifest.</summary>
    public const string ShardManifestFolder = "_manifests";

    /// <summary>Generates every selected table of a plan.</summary>
    public static GenerateResult Run(DatasetPlan plan, GenerateOptions options, IProgress<GenerateProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var tables = SelectTables(plan, options.Tables);
        var stopwatch = Stopwatch.StartNew();
        Directory.CreateDirectory(options.OutputDirectory);
        var shard = options.Shard ?? new Shard(0, 1);
        var totals = tables.Select(t => RowsOf(t, options, shard)).ToArray();
        var total = totals.Sum(r => r.End - r.Start);
        long done = 0;
        var pending = new List<PendingTable>();
        try
        {
            for (var i = 0; i < tables.Count; i++)
            {
                var table = tables[i];
                var (start, end) = totals[i];
                var before = done;
                pending.Add(WriteTable(table, options, start, end, rows =>
                {
                    done = before + rows;
                    progress?.Report(new GenerateProgress(table.Name, done, total));
                }, cancellationToken));
            }
        }
        catch
        {
            // Nothing is renamed into place unless every table was written.
            pending.ForEach(table => table.Dispose());
            throw;
        }

        var manifests = pending.Select(table => table.Commit(options.OutputDirectory)).ToList();

        var manifest = new Manifest
        {
            Schema = plan.Schema.Name,
            SchemaSha256 = plan.Schema.ContentHash,
            Seed = plan.Seed,
            AsOf = plan.Schema.AsOf,
            Separation = plan.Separation,
            Format = TableFormats.Extension(options.Format),
            ShardCount = shard.Count,
            Shards = [shard.Index],
            Tables = manifests,
        };
        var manifestPath = Path.Combine(options.OutputDirectory, "manifest.json");
        if (options.Shard is null)
        {
            manifest.Save(manifestPath);
        }
        else
        {
            // Each shard writes its own part, then re-merges whatever parts exist; the last shard
            // to finish leaves the complete manifest (`segbench manifest merge` redoes it any time).
            manifest.Save(Path.Combine(options.OutputDirectory, ShardManifestFolder, $"part-{shard.Index:00000}.json"));
            MergeShardManifests(options.OutputDirectory);
        }

        return new GenerateResult(manifests.Sum(m => m.Rows), stopwatch.Elapsed.TotalSeconds, manifest, manifestPath);
    }

    /// <summary>Merges the shard manifests in a dataset folder into manifest.json.</summary>
    public static Manifest MergeShardManifests(string directory)
    {
        var partsFolder = Path.Combine(directory, ShardManifestFolder);
        if (!Directory.Exists(partsFolder))
        {
            throw new DirectoryNotFoundException($"{directory}: no shard manifests under {ShardManifestFolder}/ (was it generated with --shard?).");
        }

        // Shards finishing together take turns, so the last one to merge sees every part written before it.
        using var gate = AcquireLock(Path.Combine(partsFolder, ".lock"));
        var parts = Directory.GetFiles(Path.Combine(directory, ShardManifestFolder), "part-*.json")
            .Order(StringComparer.Ordinal)
            .Select(Manifest.Load)
            .ToArray();
        if (parts.Length == 0)
        {
            throw new FileNotFoundException($"{directory}: no shard manifests under {ShardManifestFolder}/.");
        }

        var merged = Manifest.Merge(parts);
        merged.Save(Path.Combine(directory, "manifest.json"));
        return merged;
    }

    private static FileStream AcquireLock(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>
    /// The root-table row range a table covers in this run. A child table has no row range of its
    /// own: it is generated from the rows of its root ancestor, so shards slice every table alike.
    /// </summary>
    public static (long Start, long End) RowsOf(TablePlan table, GenerateOptions options, Shard shard)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        return shard.Range(options.Rows ?? table.Lineage[0].Spec.Rows);
    }

    private static List<TablePlan> SelectTables(DatasetPlan plan, IReadOnlyList<string>? names) =>
        names is null || names.Count == 0 ? [.. plan.Tables] : names.Select(plan.Table).ToList();

    private static PendingTable WriteTable(TablePlan table, GenerateOptions options, long start, long end, Action<long> reportRows, CancellationToken cancellationToken)
    {
        var extension = TableFormats.Extension(options.Format);
        var (dataPath, truthPath) = options.Shard is { } shard
            ? (Path.Combine(options.OutputDirectory, table.Name, $"part-{shard.Index:00000}.{extension}"),
               Path.Combine(options.OutputDirectory, $"{table.Name}.truth", $"part-{shard.Index:00000}.{extension}"))
            : (Path.Combine(options.OutputDirectory, $"{table.Name}.{extension}"),
               Path.Combine(options.OutputDirectory, $"{table.Name}.truth.{extension}"));
        var writeTruth = table.Segments.IsMixture;
        var parquet = ParquetWriterOptions.Default with { Compression = options.Compression };
        var data = TableWriters.Create(options.Format, dataPath, table.DataSchema, parquet, options.Checksum);
        var truth = writeTruth ? TableWriters.Create(options.Format, truthPath, table.TruthSchema, parquet, options.Checksum) : null;
        var segments = table.Segments.Count;
        var contingency = new long[segments * segments];
        long outliers = 0;
        var states = new ConcurrentBag<BatchState[]>();
        var inFlight = new Queue<Task<Produced>>();
        long written = 0;
        long rootRowsDone = 0;

        void AppendOldest()
        {
            var produced = inFlight.Dequeue().GetAwaiter().GetResult();
            data.Append(produced.Data);
            if (produced.Truth is not null)
            {
                truth!.Append(produced.Truth);
            }

            for (var i = 0; i < contingency.Length; i++)
            {
                contingency[i] += produced.Contingency[i];
            }

            outliers += produced.Outliers;
            written += produced.Data.RowCount;
            rootRowsDone += produced.RootRows;
            reportRows(rootRowsDone);
        }

        // At most Threads batches are generated at once, and two more may wait, finished, while this
        // thread appends the oldest in row order, so appending never leaves a worker idle; memory
        // holds two batches more than one per thread.
        using var workers = new SemaphoreSlim(options.Threads);
        async Task<Produced> ProduceWhenAWorkerIsFree(long batchStart, int count)
        {
            await workers.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return Produce(table, batchStart, count, states, data, truth);
            }
            finally
            {
                workers.Release();
            }
        }

        try
        {
            var batchRows = options.EffectiveBatchRows;
            for (var first = start; first < end; first += batchRows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (inFlight.Count >= options.Threads + 2)
                {
                    AppendOldest();
                }

                var batchStart = first;
                var count = (int)Math.Min(batchRows, end - first);
                inFlight.Enqueue(Task.Run(() => ProduceWhenAWorkerIsFree(batchStart, count), cancellationToken));
            }

            while (inFlight.Count > 0)
            {
                AppendOldest();
            }
        }
        catch
        {
            // Running batches finish before the writers they encode for are disposed under them.
            foreach (var task in inFlight)
            {
                try
                {
                    task.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                }
            }

            data.Dispose();
            truth?.Dispose();
            throw;
        }

        var manifest = new TableManifest
        {
            Name = table.Name,
            Rows = written,
            Key = table.KeyColumn,
            Columns = table.DataSchema.Fields.Select(f => new ColumnManifest(f.Name, f.Type, f.Role)).ToArray(),
            Segments = table.Segments.Names.Select((name, i) => new SegmentManifest(i, name, table.Segments.Weights[i])).ToArray(),
            Outliers = outliers,
            Contingency = contingency,
            Difficulty = writeTruth ? Difficulty.FromContingency(contingency, segments) : null,
            Files = [],
        };
        return new PendingTable(manifest, data, truth);
    }

    private static Produced Produce(TablePlan table, long first, int count, ConcurrentBag<BatchState[]> pool, ITableWriter data, ITableWriter? truth)
    {
        if (!pool.TryTake(out var states))
        {
            states = table.CreateLineageStates();
        }

        try
        {
            // Ancestors are regenerated from root row indexes, filling only what their child reads.
            var state = table.GenerateLineage(states, first, count);
            var segments = table.Segments.Count;
            var contingency = new long[segments * segments];
            EncodedBatch? encodedTruth = null;
            if (truth is not null)
            {
                // Encode copies the values out, so the worker's truth batch is reused like its state.
                var truthBatch = state.TruthBatch ??= ColumnBatch.CreateEmpty(table.TruthSchema, state.Count);
                truthBatch.Clear();
                truthBatch.FirstRow = state.FirstRow;
                table.FillTruth(state, truthBatch, contingency);
                encodedTruth = truth.Encode(truthBatch);
            }

            var outliers = 0;
            for (var r = 0; r < state.Count; r++)
            {
                outliers += state.Segments[r] < 0 ? 1 : 0;
            }

            return new Produced(data.Encode(table.Output(state)), encodedTruth, contingency, outliers, count);
        }
        finally
        {
            pool.Add(states);
        }
    }

    private static FileManifest Describe(WrittenFile file, string kind, string root) =>
        new(Path.GetRelativePath(root, file.Path).Replace('\\', '/'), kind, file.Rows, file.Bytes, file.Checksum);

    /// <summary>A table whose files are written but not yet renamed into place.</summary>
    private sealed class PendingTable(TableManifest manifest, ITableWriter data, ITableWriter? truth) : IDisposable
    {
        public TableManifest Commit(string root)
        {
            var files = new List<FileManifest> { Describe(data.Commit(), "data", root) };
            if (truth is not null)
            {
                files.Add(Describe(truth.Commit(), "truth", root));
            }

            return manifest with { Files = files };
        }

        public void Dispose()
        {
            data.Dispose();
            truth?.Dispose();
        }
    }

    private sealed record Produced(EncodedBatch Data, EncodedBatch? Truth, long[] Contingency, int Outliers, int RootRows);
}
