using System.Globalization;
using SegBench.Data;
using SegBench.Data.Formats;
using SegBench.Generator.Engine;

namespace SegBench.Cli.Commands.Clustering;

/// <summary>A table read for clustering, with what a dataset manifest said about it.</summary>
/// <param name="Path">The file it came from.</param>
/// <param name="Table">The rows; column roles come from the manifest when there is one.</param>
/// <param name="Key">The manifest's key column, if any.</param>
/// <param name="ManifestPath">The manifest used, if any.</param>
internal sealed record InputTable(string Path, Table Table, string? Key, string? ManifestPath)
{
    /// <summary>The manifest's file name inside a dataset folder.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>
    /// Reads a table file. When <paramref name="manifestPath"/> is given, or the file sits in a
    /// dataset folder whose manifest lists it, the manifest's column types and roles are the
    /// expected schema (so identifiers such as zip codes stay text and are never features) and its
    /// key is the default key.
    /// </summary>
    public static InputTable Read(string path, string? manifestPath, string? sheet)
    {
        var (options, entry, usedManifest) = Locate(path, manifestPath, sheet);
        manifestPath = usedManifest;
        Table table;
        using (var reader = TableReaders.Open(path, options))
        {
            table = reader.ReadAll();
        }

        if (entry is null)
        {
            return new InputTable(path, table, null, null);
        }

        // Parquet carries its own types; the manifest still supplies the roles.
        var roles = entry.Columns.ToDictionary(c => c.Name, c => c.Role, StringComparer.Ordinal);
        var schema = new TableSchema(table.Schema.Fields.Select(f => f with { Role = roles.GetValueOrDefault(f.Name, f.Role) }));
        return new InputTable(path, new Table(schema, table.Columns), entry.Key, manifestPath);
    }

    /// <summary>
    /// The read settings for <paramref name="path"/>: the manifest's schema when <paramref name="manifestPath"/>
    /// is given or a manifest beside the file lists it, with the manifest's entry and path.
    /// </summary>
    public static (TableReadOptions Options, TableManifest? Entry, string? ManifestPath) Locate(string path, string? manifestPath, string? sheet)
    {
        TableManifest? entry = null;
        if (manifestPath is not null)
        {
            entry = FindTable(path, manifestPath, required: true);
        }
        else
        {
            // A table's file sits beside the manifest, or one folder down when written in shards.
            var folder = new DirectoryInfo(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            foreach (var candidate in new[] { folder, folder.Parent }.OfType<DirectoryInfo>().Select(f => System.IO.Path.Combine(f.FullName, ManifestFileName)))
            {
                if (File.Exists(candidate) && FindTable(path, candidate, required: false) is { } found)
                {
                    (entry, manifestPath) = (found, candidate);
                    break;
                }
            }
        }

        var options = TableReadOptions.Defaults with { Sheet = sheet };
        if (entry is not null)
        {
            options = options with { ExpectedSchema = new TableSchema(entry.Columns.Select(c => new ColumnField(c.Name, c.Type, c.Role))) };
        }

        return (options, entry, entry is null ? null : manifestPath);
    }

    /// <summary>The columns as a readable list.</summary>
    public string ColumnList => string.Join(", ", Table.Schema.Fields.Select(f => f.Name));

    /// <summary>Throws a <see cref="DataFileException"/> when the file has no data rows.</summary>
    public InputTable RequireRows()
    {
        if (Table.RowCount == 0)
        {
            throw new DataFileException(Path, "the file has a header but no data rows");
        }

        return this;
    }

    /// <summary>Throws naming the option when a listed column is not in the file.</summary>
    public void RequireColumns(string option, IEnumerable<string> columns)
    {
        foreach (var column in columns)
        {
            if (Table.Schema.IndexOf(column) < 0)
            {
                throw new DataFileException(Path, $"{option} names column '{column}', which the file does not have; its columns are: {ColumnList}");
            }
        }
    }

    /// <summary>
    /// Without a manifest, a numeric column holding one stray word is read as text and would
    /// silently drop out of a numeric-only clustering; this finds such a column among the
    /// candidates and names the first value that is not a number.
    /// </summary>
    /// <param name="candidates">The columns that may become features.</param>
    /// <param name="listed">Columns the user named as features: any text value among them is an error.</param>
    public void RequireNumbers(IEnumerable<string> candidates, IReadOnlySet<string> listed)
    {
        foreach (var name in candidates)
        {
            var index = Table.Schema.IndexOf(name);
            if (index < 0 || Table.Columns[index] is not StringColumn text || Table.Schema[index].Role != ColumnRole.Feature)
            {
                continue;
            }

            long present = 0, numbers = 0, firstBad = -1;
            string? badValue = null;
            for (var row = 0; row < text.Count; row++)
            {
                var value = text.GetString(row);
                if (string.IsNullOrWhiteSpace(value))
                {
                    continue;
                }

                present++;
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    numbers++;
                }
                else if (firstBad < 0)
                {
                    firstBad = row;
                    badValue = value;
                }

                if (present == 100 && numbers < 0.95 * present && !listed.Contains(name))
                {
                    // Plainly a text column (a city, a status): no need to read the rest.
                    break;
                }
            }

            if (listed.Contains(name) && numbers == 0)
            {
                throw new InvalidDataException($"{Path}: --features names '{name}', a text column, but with --encode none the features are numbers only; add --encode onehot or --encode ordinal, or leave it out.");
            }

            var mostlyNumbers = present >= 10 && numbers >= 0.95 * present;
            if (firstBad >= 0 && (mostlyNumbers || (listed.Contains(name) && numbers > 0)))
            {
                throw new DataFileException(Path, $"'{badValue}' is not a number, but the column is numeric ({numbers:N0} of {present:N0} values are numbers)", firstBad + 1, name);
            }
        }
    }

    private static TableManifest? FindTable(string path, string manifestPath, bool required)
    {
        if (!File.Exists(manifestPath))
        {
            throw new DataFileException(manifestPath, "the manifest does not exist");
        }

        Manifest manifest;
        try
        {
            manifest = Manifest.Load(manifestPath);
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or InvalidDataException)
        {
            // A manifest.json that merely sits beside the input may belong to something else.
            return required ? throw new DataFileException(manifestPath, $"not a valid dataset manifest: {error.Message}", inner: error) : null;
        }

        if (manifest.Kind != "segbench-dataset")
        {
            return required ? throw new DataFileException(manifestPath, $"not a SegBench dataset manifest (kind '{manifest.Kind}')") : null;
        }

        // Files are listed relative to the manifest's folder ("customers.csv", "customers/part-00001.csv").
        var name = System.IO.Path.GetFileName(path);
        var relative = System.IO.Path.GetRelativePath(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(manifestPath))!, System.IO.Path.GetFullPath(path)).Replace('\\', '/');
        var table = manifest.Tables.FirstOrDefault(t => t.Files.Any(f => f.Kind != "truth" && f.Path == relative))
            ?? (required ? manifest.Tables.FirstOrDefault(t => t.Name == System.IO.Path.GetFileNameWithoutExtension(name)) : null)
            ?? (required && manifest.Tables.Count == 1 ? manifest.Tables[0] : null);
        if (table is null && required)
        {
            throw new DataFileException(manifestPath, $"the manifest lists no table for '{name}'; it has: {string.Join(", ", manifest.Tables.Select(t => t.Name))}");
        }

        return table;
    }
}
