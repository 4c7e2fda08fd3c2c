namespace SegBench.Data.Formats.Inference;

/// <summary>
/// Turns the rows of a source into typed batches: checks the header, takes the types that were
/// given, infers the others, then converts rows batch by batch.
/// </summary>
/// <remarks>
/// <para>Typing takes at most two passes. When every column's type is given (an expected schema
/// from a manifest, or overrides for every column), there is one pass and a value that does not
/// fit is an error naming its row and column.</para>
/// <para>Otherwise a first pass observes values and keeps, per column, the set of types they all
/// fit; it converts nothing and allocates nothing per value. With
/// <see cref="TypeConfirmation.WholeFile"/> (the default) it runs over the whole file, so a late
/// value such as 2.5 in a column of whole numbers widens the column to Double instead of failing;
/// it stops early once every inferred column has fallen to String, since nothing can change then.
/// With <see cref="TypeConfirmation.Sample"/> it reads only the first
/// <see cref="TableReadOptions.InferenceSampleRows"/> rows, and a later value that does not fit
/// the inferred type is an error that suggests giving the type. The second pass rewinds the source
/// (reopening the file) and converts; it is the only one that holds values, one batch at a
/// time.</para>
/// </remarks>
internal sealed class InferringTableReader : ITableReader
{
    private readonly IRowSource _source;
    private readonly int _batchSize;
    private readonly bool[] _explicit;
    private readonly string? _sampleHint;
    private readonly List<(int Column, int Row)> _nulls = [];
    private long _rowsRead;
    private bool _finished;

    public InferringTableReader(IRowSource source, TableReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _source = source;
        _batchSize = options.BatchSize;

        var names = CheckHeader(source);
        var given = GivenFields(source.FilePath, names, options);
        _explicit = new bool[names.Length];
        var fields = new ColumnField[names.Length];
        var inferredCount = 0;
        for (var i = 0; i < names.Length; i++)
        {
            _explicit[i] = given[i] is not null;
            fields[i] = given[i] ?? new ColumnField(names[i], ColumnType.String);
            inferredCount += _explicit[i] ? 0 : 1;
        }

        if (inferredCount > 0)
        {
            var (types, sampledAll) = Infer(source, options);
            for (var i = 0; i < names.Length; i++)
            {
                if (!_explicit[i])
                {
                    fields[i] = new ColumnField(names[i], types[i]);
                }
            }

            if (!sampledAll)
            {
                _sampleHint = $"; the column's type was inferred from the first {options.InferenceSampleRows} rows, so give it explicitly (TableReadOptions.ColumnTypes) or confirm types on the whole file";
            }

            source.Rewind();
        }

        Schema = new TableSchema(fields);
    }

    /// <inheritdoc />
    public TableSchema Schema { get; }

    /// <inheritdoc />
    /// <remarks>Each call returns a new batch that the caller owns.</remarks>
    public ColumnBatch? ReadBatch()
    {
        if (_finished)
        {
            return null;
        }

        var batch = ColumnBatch.CreateEmpty(Schema, Math.Min(_batchSize, 4096), _rowsRead);
        var columns = batch.Columns;
        var rows = 0;
        _nulls.Clear();
        while (rows < _batchSize && _source.MoveNext())
        {
            CheckFieldCount(_source, columns.Count);
            for (var c = 0; c < columns.Count; c++)
            {
                var cell = _source.GetCell(c);
                if (cell.Kind == CellKind.Empty)
                {
                    CellConverter.AppendPlaceholder(columns[c]);
                    _nulls.Add((c, rows));
                    continue;
                }

                var problem = CellConverter.TryAppend(columns[c], cell);
                if (problem is not null)
                {
                    throw new DataFileException(_source.FilePath, problem + (_explicit[c] ? string.Empty : _sampleHint), _source.RowNumber, Schema[c].Name);
                }
            }

            rows++;
        }

        // Nulls are flagged once the batch is full: Column.SetNull sizes the null flags to the
        // column's count at that moment, and Column.IsNull does not check the bound, so a null
        // flagged before later appends would make IsNull throw for those later rows.
        foreach (var (column, row) in _nulls)
        {
            columns[column].SetNull(row);
        }

        _rowsRead += rows;
        if (rows < _batchSize)
        {
            _finished = true;
            if (rows == 0)
            {
                return null;
            }
        }

        return batch;
    }

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();

    private static string[] CheckHeader(IRowSource source)
    {
        var header = source.Header;
        if (header.Count == 0)
        {
            throw new DataFileException(source.FilePath, "the file is empty: there is no header row");
        }

        var names = new string[header.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = header[i].Trim();
            if (names[i].Length == 0)
            {
                throw new DataFileException(source.FilePath, $"column {i + 1} of the header has no name; every column needs a unique name");
            }

            if (!seen.TryAdd(names[i], i))
            {
                throw new DataFileException(source.FilePath, $"the header names '{names[i]}' twice (columns {seen[names[i]] + 1} and {i + 1}); column names must be unique");
            }
        }

        return names;
    }

    private static ColumnField?[] GivenFields(string path, string[] names, TableReadOptions options)
    {
        var given = new ColumnField?[names.Length];
        if (options.ExpectedSchema is { } expected)
        {
            var missing = expected.Fields.Where(field => Array.IndexOf(names, field.Name) < 0).Select(field => $"'{field.Name}'").ToList();
            var unexpected = names.Where(name => expected.IndexOf(name) < 0).Select(name => $"'{name}'").ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
            {
                var parts = new List<string>();
                if (missing.Count > 0)
                {
                    parts.Add($"missing {string.Join(", ", missing)}");
                }

                if (unexpected.Count > 0)
                {
                    parts.Add($"not in the schema {string.Join(", ", unexpected)}");
                }

                throw new DataFileException(path, $"the header does not match the expected schema: {string.Join("; ", parts)}");
            }

            for (var i = 0; i < names.Length; i++)
            {
                given[i] = expected[expected.IndexOf(names[i])];
            }
        }

        if (options.ColumnTypes is { } types)
        {
            foreach (var (name, type) in types)
            {
                var index = Array.IndexOf(names, name);
                if (index < 0)
                {
                    throw new DataFileException(path, $"a type is given for column '{name}', which the file does not have; its columns are {string.Join(", ", names.Select(n => $"'{n}'"))}");
                }

                given[index] = new ColumnField(name, type);
            }
        }

        return given;
    }

    private (ColumnType[] Types, bool SampledAll) Infer(IRowSource source, TableReadOptions options)
    {
        var width = _explicit.Length;
        var inference = new ColumnInference[width];
        for (var i = 0; i < width; i++)
        {
            inference[i] = new ColumnInference();
        }

        long limit = options.Confirmation == TypeConfirmation.Sample ? options.InferenceSampleRows : long.MaxValue;
        long rows = 0;
        var sampledAll = true;
        while (true)
        {
            if (rows == limit)
            {
                sampledAll = !source.MoveNext();
                break;
            }

            if (!source.MoveNext())
            {
                break;
            }

            rows++;
            CheckFieldCount(source, width);
            var open = 0;
            for (var c = 0; c < width; c++)
            {
                if (!_explicit[c] && !inference[c].IsSettled)
                {
                    inference[c].Observe(source.GetCell(c));
                    open += inference[c].IsSettled ? 0 : 1;
                }
            }

            if (open == 0)
            {
                // Every inferred column is already String: the rest of the file cannot change the
                // types, so stop reading (field counts are still checked by the second pass).
                break;
            }
        }

        var types = new ColumnType[width];
        for (var c = 0; c < width; c++)
        {
            types[c] = inference[c].Resolve();
        }

        return (types, sampledAll);
    }

    private static void CheckFieldCount(IRowSource source, int width)
    {
        if (source.FieldCount != width)
        {
            throw new DataFileException(source.FilePath, $"the row has {source.FieldCount} fields but the header has {width}", source.RowNumber);
        }
    }
}
