using System.Text;
using SegBench.Clustering.Profiling;
using SegBench.Data;
using SegBench.Data.Formats;
using SegBench.Data.Formats.Csv;

namespace SegBench.Cli.Commands.Clustering;

/// <summary>
/// The files of one command, written under temporary names and renamed together only once all of
/// them are complete, so a failure leaves none of them behind.
/// </summary>
internal sealed class OutputFiles : IDisposable
{
    private readonly List<IDisposable> _open = [];
    private readonly List<Action> _commits = [];

    /// <summary>Starts a set of files in <paramref name="directory"/>.</summary>
    public OutputFiles(string directory)
    {
        CheckDirectory(directory);
        Directory = directory;
    }

    /// <summary>Fails early, before any work, when <paramref name="directory"/> cannot be a folder.</summary>
    public static void CheckDirectory(string directory)
    {
        if (File.Exists(directory))
        {
            throw new IOException($"--out {directory}: is a file; give a folder to write into.");
        }
    }

    /// <summary>The folder written into.</summary>
    public string Directory { get; }

    /// <summary>The final paths, in the order added.</summary>
    public List<string> Paths { get; } = [];

    /// <summary>Adds a UTF-8 text file.</summary>
    public string AddText(string name, string text)
    {
        var file = new AtomicFile(Path.Combine(Directory, name));
        _open.Add(file);
        file.Stream.Write(Encoding.UTF8.GetBytes(text));
        _commits.Add(file.Commit);
        Paths.Add(file.FinalPath);
        return file.FinalPath;
    }

    /// <summary>Adds a CSV of one key column and the cluster of each row.</summary>
    public string AddAssignments(string name, string keyName, Column? key, IReadOnlyList<int> clusters)
    {
        var keyColumn = key ?? RowNumbers(clusters.Count);
        var labels = new Int32Column(clusters.Count);
        foreach (var cluster in clusters)
        {
            labels.Append(cluster);
        }

        var schema = new TableSchema([new ColumnField(keyName, keyColumn.Type), new ColumnField("cluster", ColumnType.Int32)]);
        var writer = new CsvTableWriter(Path.Combine(Directory, name), schema);
        _open.Add(writer);
        writer.Write(new ColumnBatch(schema, [keyColumn, labels]));
        var path = Path.GetFullPath(Path.Combine(Directory, name));
        _commits.Add(() => writer.Commit());
        Paths.Add(path);
        return path;
    }

    /// <summary>Adds a CSV written batch by batch by the caller, committed with the others.</summary>
    public CsvTableWriter AddCsv(string name, TableSchema schema)
    {
        var writer = new CsvTableWriter(Path.Combine(Directory, name), schema);
        _open.Add(writer);
        _commits.Add(() => writer.Commit());
        Paths.Add(Path.GetFullPath(Path.Combine(Directory, name)));
        return writer;
    }

    /// <summary>Adds profile.json and profile.md.</summary>
    public void AddProfile(ProfileReport profile)
    {
        AddText("profile.json", profile.ToJson());
        AddText("profile.md", profile.ToMarkdown());
    }

    /// <summary>Renames every file into place.</summary>
    public void Commit()
    {
        foreach (var commit in _commits)
        {
            commit();
        }
    }

    /// <summary>Removes the temporary files of anything not committed.</summary>
    public void Dispose()
    {
        foreach (var file in _open)
        {
            file.Dispose();
        }
    }

    private static Int64Column RowNumbers(int count)
    {
        var rows = new Int64Column(count);
        for (var row = 0; row < count; row++)
        {
            rows.Append(row);
        }

        return rows;
    }
}
