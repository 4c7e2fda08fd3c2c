using System.Diagnostics;
using System.Globalization;
using SegBench.Data;
using SegBench.Data.Formats;
using SegBench.Generator.Engine;

namespace SegBench.Bench.Experiments;

/// <summary>
/// Runs a peer tool as an algorithm: the dataset is written to CSV, the command line's
/// placeholders <c>{input}</c>, <c>{output}</c>, <c>{k}</c>, <c>{seed}</c> and <c>{key}</c> are filled
/// in, and the tool writes a CSV of the key and <c>cluster</c>, which is joined back by key.
/// </summary>
public static class ExternalAlgorithm
{
    /// <summary>The labels the command produced (in the dataset's row order) and its wall time.</summary>
    public static (int[] Labels, double Seconds) Run(AlgorithmEntry entry, InMemoryTable generated, TablePlan plan, int k, ulong seed, string? workDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(plan);
        var folder = Directory.CreateTempSubdirectory("segbench-external-").FullName;
        try
        {
            var input = Path.Combine(folder, "data.csv");
            var output = Path.Combine(folder, "clusters.csv");
            using (var writer = TableWriters.Create(TableFormat.Csv, input, generated.Data.Schema))
            {
                writer.Write(generated.Data.AsBatch());
                writer.Commit();
            }

            var key = plan.KeyColumn ?? throw new InvalidOperationException($"Table '{plan.Name}' has no key column, which an external algorithm's output is joined on.");
            var command = entry.Command!
                .Replace("{input}", input, StringComparison.Ordinal)
                .Replace("{output}", output, StringComparison.Ordinal)
                .Replace("{k}", k.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{seed}", seed.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{key}", key, StringComparison.Ordinal);
            var start = new ProcessStartInfo("/bin/sh", ["-c", command])
            {
                WorkingDirectory = workDirectory ?? Directory.GetCurrentDirectory(),
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{command}'.");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
            var seconds = clock.Elapsed.TotalSeconds;
            if (process.ExitCode != 0)
            {
                throw new InvalidDataException($"External algorithm '{entry.Label}' exited with code {process.ExitCode}: {stderr.Result.Trim()}");
            }

            using var reader = TableReaders.Open(output, TableReadOptions.Defaults with { ColumnTypes = new Dictionary<string, ColumnType> { [key] = ColumnType.String } });
            var table = reader.ReadAll();
            var keys = table.Schema.IndexOf(key) >= 0 ? table[key] : throw new InvalidDataException($"{output}: external algorithm '{entry.Label}' wrote no '{key}' column.");
            var clusters = table.Schema.IndexOf("cluster") >= 0 ? table["cluster"] : throw new InvalidDataException($"{output}: external algorithm '{entry.Label}' wrote no 'cluster' column.");
            var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var r = 0; r < table.RowCount; r++)
            {
                byKey[((StringColumn)keys).GetString(r)!] = clusters is Int64Column longs ? (int)longs[r] : (int)((DoubleColumn)clusters)[r];
            }

            var datasetKeys = (StringColumn)generated.Data[key];
            var labels = new int[generated.Data.RowCount];
            for (var r = 0; r < labels.Length; r++)
            {
                var name = datasetKeys.GetString(r)!;
                labels[r] = byKey.TryGetValue(name, out var cluster) ? cluster : throw new InvalidDataException($"{output}: external algorithm '{entry.Label}' gave no cluster for {key} {name}.");
            }

            return (labels, seconds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
