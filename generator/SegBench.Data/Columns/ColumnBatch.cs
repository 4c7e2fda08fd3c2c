namespace SegBench.Data;

/// <summary>
/// A slice of a table: one column per schema field, all of the same length. Batches are the unit
/// that flows from generators and readers to writers and to the clustering core.
/// </summary>
public sealed class ColumnBatch
{
    /// <summary>Creates a batch over existing columns.</summary>
    public ColumnBatch(TableSchema schema, IReadOnlyList<Column> columns, long firstRow = 0)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != schema.Count)
        {
            throw new ArgumentException($"The schema has {schema.Count} fields but {columns.Count} columns were given.", nameof(columns));
        }

        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Type != schema[i].Type)
            {
                throw new ArgumentException($"Column '{schema[i].Name}' is {schema[i].Type} in the schema but {columns[i].Type} in the batch.", nameof(columns));
            }
        }

        Schema = schema;
        Columns = columns;
        FirstRow = firstRow;
    }

    /// <summary>Creates an empty batch with a fresh column per field.</summary>
    public static ColumnBatch CreateEmpty(TableSchema schema, int capacity = 0, long firstRow = 0)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var columns = new Column[schema.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = Column.Create(schema[i].Type, capacity);
        }

        return new ColumnBatch(schema, columns, firstRow);
    }

    /// <summary>The fields.</summary>
    public TableSchema Schema { get; }

    /// <summary>The columns, in schema order.</summary>
    public IReadOnlyList<Column> Columns { get; }

    /// <summary>The table row index of this batch's first row.</summary>
    public long FirstRow { get; set; }

    /// <summary>The number of rows (the length of the first column; 0 without columns).</summary>
    public int RowCount => Columns.Count == 0 ? 0 : Columns[0].Count;

    /// <summary>The column with a name.</summary>
    public Column this[string name]
    {
        get
        {
            var index = Schema.IndexOf(name);
            return index >= 0 ? Columns[index] : throw new KeyNotFoundException($"No column named '{name}'.");
        }
    }

    /// <summary>Empties every column and keeps the buffers.</summary>
    public void Clear()
    {
        foreach (var column in Columns)
        {
            column.Clear();
        }
    }
}
