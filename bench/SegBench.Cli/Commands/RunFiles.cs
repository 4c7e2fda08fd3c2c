using SegBench.Data.Formats;
using SegBench.Generator.Engine;

namespace SegBench.Cli.Commands;

/// <summary>
/// The final files one generate run may write, as they stood before it started. The engine commits
/// each table when it is complete, so a run that fails or is cancelled in a later table would leave
/// earlier tables looking finished; <see cref="RemoveWritten"/> takes those back out, so a failed run
/// leaves no output file. Only this run's own names are touched (other shards' parts are not), and
/// only when they are new or changed since the snapshot.
/// </summary>
/// <remarks>
/// The names follow <c>DatasetGenerator.WriteTable</c>. This belongs in the engine (commit all tables
/// together, or roll back on failure); remove this class once it does.
/// </remarks>
internal sealed class RunFiles
{
    private readonly Dictionary<string, (long Length, DateTime Written)?> _before;

    private RunFiles(Dictionary<string, (long Length, DateTime Written)?> before) => _before = before;

    /// <summary>Records the state of every file the run may write.</summary>
    public static RunFiles Snapshot(DatasetPlan plan, GenerateOptions options)
    {
        var before = new Dictionary<string, (long, DateTime)?>(StringComparer.Ordinal);
        foreach (var path in Expected(plan, options))
        {
            var file = new FileInfo(path);
            before[path] = file.Exists ? (file.Length, file.LastWriteTimeUtc) : null;
        }

        return new RunFiles(before);
    }

    /// <summary>Deletes the expected files this run created or replaced; returns how many.</summary>
    public int RemoveWritten()
    {
        var removed = 0;
        foreach (var (path, before) in _before)
        {
            var file = new FileInfo(path);
            if (file.Exists && (before is null || before.Value != (file.Length, file.LastWriteTimeUtc)))
            {
                try
                {
                    file.Delete();
                    removed++;
                }
                catch (IOException)
                {
                    // Best effort: the run's own error is the one to report.
                }
            }
        }

        return removed;
    }

    private static IEnumerable<string> Expected(DatasetPlan plan, GenerateOptions options)
    {
        var extension = TableFormats.Extension(options.Format);
        var tables = options.Tables ?? plan.Tables.Select(t => t.Name).ToArray();
        foreach (var table in tables)
        {
            if (options.Shard is { } shard)
            {
                yield return Path.Combine(options.OutputDirectory, table, $"part-{shard.Index:00000}.{extension}");
                yield return Path.Combine(options.OutputDirectory, $"{table}.truth", $"part-{shard.Index:00000}.{extension}");
            }
            else
            {
                yield return Path.Combine(options.OutputDirectory, $"{table}.{extension}");
                yield return Path.Combine(options.OutputDirectory, $"{table}.truth.{extension}");
            }
        }

        yield return options.Shard is { } part
            ? Path.Combine(options.OutputDirectory, DatasetGenerator.ShardManifestFolder, $"part-{part.Index:00000}.json")
            : Path.Combine(options.OutputDirectory, "manifest.json");
    }
}
