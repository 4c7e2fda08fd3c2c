using SegBench.Data;
using SegBench.Data.Formats;

namespace SegBench.Cli.Commands.Clustering;

/// <summary>
/// A table file read batch by batch rather than whole, for <c>cluster --stream</c>: each call to
/// <see cref="Batches"/> opens the file afresh and yields one batch at a time, with the manifest's
/// column roles applied as <see cref="InputTable.Read"/> applies them.
/// </summary>
internal sealed class StreamedInput
{
    private readonly TableReadOptions _options;
    private readonly IReadOnlyDictionary<string, ColumnRole>? _roles;

    private StreamedInput(string path, TableReadOptions options, IReadOnlyDictionary<string, ColumnRole>? roles, string? key, string? manifestPath)
    {
        Path = path;
        _options = options;
        _roles = roles;
        Key = key;
        ManifestPath = manifestPath;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The manifest's key column, if any.</summary>
    public string? Key { get; }

    /// <summary>The manifest used, if any.</summary>
    public string? ManifestPath { get; }

    /// <summary>Finds the manifest as <see cref="InputTable.Read"/> does; nothing is read yet.</summary>
    public static StreamedInput Open(string path, string? manifestPath, string? sheet, int batchRows)
    {
        var (options, entry, usedManifest) = InputTable.Locate(path, manifestPath, sheet);
        options = options with { BatchSize = batchRows };
        var roles = entry?.Columns.ToDictionary(c => c.Name, c => c.Role, StringComparer.Ordinal);
        return new StreamedInput(path, options, roles, entry?.Key, usedManifest);
    }

    /// <summary>The file's batches, read afresh on each enumeration; a batch is not kept once the next is read.</summary>
    public IEnumerable<Table> Batches()
    {
        using var reader = TableReaders.Open(Path, _options);
        var schema = WithRoles(reader.Schema);
        while (reader.ReadBatch() is { } batch)
        {
            yield return new Table(schema, batch.Columns);
        }
    }

    /// <summary>The first whole batches holding at least <paramref name="rows"/> rows (or the whole file if shorter), as one table.</summary>
    public InputTable Sample(int rows)
    {
        TableSchema? schema = null;
        var taken = new List<ColumnBatch>();
        long count = 0;
        using (var reader = TableReaders.Open(Path, _options))
        {
            schema = WithRoles(reader.Schema);
            while (count < rows && reader.ReadBatch() is { } batch)
            {
                taken.Add(new ColumnBatch(schema, batch.Columns));
                count += batch.RowCount;
            }
        }

        return new InputTable(Path, Table.Concatenate(schema, taken), Key, ManifestPath);
    }

    private TableSchema WithRoles(TableSchema schema) =>
        _roles is null ? schema : new TableSchema(schema.Fields.Select(f => f with { Role = _roles.GetValueOrDefault(f.Name, f.Role) }));
}
