namespace SegBench.Data;

/// <summary>A whole table held in memory: the input of the clustering core.</summary>
public sealed class Table
{
    /// <summary>Wraps columns of equal length.</summary>
    public Table(TableSchema schema, IReadOnlyList<Column> columns)
    {
        Batch = new ColumnBatch(schema, columns);
        for (var i = 1; i < columns.Count; i++)
        {
            if (columns[i].Count != columns[0].Count)
            {
                throw new ArgumentException($"Column '{schema[i].Name}' has {columns[i].Count} values, not {columns[0].Count}.", nameof(columns));
            }
        }
    }

    private ColumnBatch Batch { get; }

    /// <summary>The fields.</summary>
    public TableSchema Schema => Batch.Schema;

    /// <summary>The columns in schema order.</summary>
    public IReadOnlyList<Column> Columns => Batch.Columns;

    /// <summary>The number of rows.</summary>
    public int RowCount => Batch.RowCount;

    /// <summary>The column with a name.</summary>
    public Column this[string name] => Batch[name];

    /// <summary>The table as one batch, for writers.</summary>
    public ColumnBatch AsBatch() => Batch;

    /// <summary>Concatenates batches of one schema into a table.</summary>
    public static Table Concatenate(TableSchema schema, IEnumerable<ColumnBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        var whole = ColumnBatch.CreateEmpty(schema);
        foreach (var batch in batches)
        {
            for (var c = 0; c < schema.Count; c++)
            {
                whole.Columns[c].AppendRange(batch.Columns[c], 0, batch.Columns[c].Count);
            }
        }

        return new Table(schema, whole.Columns);
    }
}
