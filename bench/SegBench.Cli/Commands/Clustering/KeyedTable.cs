using SegBench.Data;
using SegBench.Data.Formats;

namespace SegBench.Cli.Commands.Clustering;

/// <summary>A table whose rows are found by a key column, read so that keys compare as text.</summary>
internal sealed class KeyedTable
{
    private KeyedTable(string path, Table table)
    {
        Path = path;
        Table = table;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The rows.</summary>
    public Table Table { get; }

    /// <summary>The first column's name.</summary>
    public string FirstColumn => Table.Schema[0].Name;

    /// <summary>Whether the file has a column.</summary>
    public bool Has(string column) => Table.Schema.IndexOf(column) >= 0;

    /// <summary>Wraps a table already read.</summary>
    public static KeyedTable FromTable(string path, Table table) => new(path, table);

    /// <summary>Reads a whole file with inferred types.</summary>
    public static KeyedTable Read(string path) => new(path, ReadTable(path, null));

    /// <summary>
    /// This table with <paramref name="key"/> read as text, so "007" stays "007". CSV, TSV and XLSX
    /// are read again with the key's type fixed when inference made it a number; Parquet keeps its types.
    /// </summary>
    public KeyedTable WithTextKey(string key)
    {
        if (Table[key] is StringColumn || System.IO.Path.GetExtension(Path).Equals(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            return this;
        }

        return new KeyedTable(Path, ReadTable(Path, new Dictionary<string, ColumnType>(StringComparer.Ordinal) { [key] = ColumnType.String }));
    }

    /// <summary>Fails naming the file and its columns when a column is missing.</summary>
    public void Require(string column, string option)
    {
        if (!Has(column))
        {
            throw new DataFileException(Path, $"there is no column '{column}' ({option}); the columns are: {string.Join(", ", Table.Schema.Fields.Select(f => f.Name))}");
        }
    }

    /// <summary>Row index by key; an empty or repeated key is an error naming its row.</summary>
    public Dictionary<string, int> Index(string key)
    {
        var column = Table[key];
        var index = new Dictionary<string, int>(column.Count, StringComparer.Ordinal);
        for (var row = 0; row < column.Count; row++)
        {
            var text = CellText.Of(column, row) ?? throw new DataFileException(Path, "the key is empty", row + 1, key);
            if (!index.TryAdd(text, row))
            {
                throw new DataFileException(Path, $"key '{text}' appears twice (rows {index[text] + 1} and {row + 1}); keys must be unique", row + 1, key);
            }
        }

        return index;
    }

    /// <summary>The labels of a column as small integers (each distinct text its own label, -1 included); an empty label is an error.</summary>
    public int[] Labels(string column, out int distinct)
    {
        var source = Table[column];
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new int[source.Count];
        for (var row = 0; row < labels.Length; row++)
        {
            var text = CellText.Of(source, row) ?? throw new DataFileException(Path, "the label is empty; every row needs one", row + 1, column);
            if (!codes.TryGetValue(text, out var code))
            {
                code = codes.Count;
                codes.Add(text, code);
            }

            labels[row] = code;
        }

        distinct = codes.Count;
        return labels;
    }

    /// <summary>
    /// For each row of <paramref name="left"/>, the row of <paramref name="right"/> with the same key;
    /// any key missing from either side fails, naming how many and an example.
    /// </summary>
    public static int[] Join(KeyedTable left, Dictionary<string, int> leftIndex, KeyedTable right, Dictionary<string, int> rightIndex, string key)
    {
        var order = new int[leftIndex.Count];
        var missingRight = new List<string>();
        foreach (var (text, row) in leftIndex)
        {
            if (rightIndex.TryGetValue(text, out var match))
            {
                order[row] = match;
            }
            else
            {
                missingRight.Add(text);
            }
        }

        var missingLeft = rightIndex.Keys.Where(text => !leftIndex.ContainsKey(text)).ToList();
        if (missingRight.Count > 0 || missingLeft.Count > 0)
        {
            var parts = new List<string>();
            if (missingRight.Count > 0)
            {
                parts.Add($"{missingRight.Count:N0} of the {leftIndex.Count:N0} keys of {left.Path} are missing from {right.Path} (e.g. {key} '{missingRight[0]}')");
            }

            if (missingLeft.Count > 0)
            {
                parts.Add($"{missingLeft.Count:N0} of the {rightIndex.Count:N0} keys of {right.Path} are missing from {left.Path} (e.g. {key} '{missingLeft[0]}')");
            }

            throw new InvalidDataException($"the files do not hold the same keys ({key}): {string.Join("; ", parts)}.");
        }

        return order;
    }

    private static Table ReadTable(string path, IReadOnlyDictionary<string, ColumnType>? types)
    {
        using var reader = TableReaders.Open(path, TableReadOptions.Defaults with { ColumnTypes = types });
        var table = reader.ReadAll();
        if (table.Schema.Count == 0 || table.RowCount == 0)
        {
            throw new DataFileException(path, "the file has no data rows");
        }

        return table;
    }
}
