namespace SegBench.Data.Formats.Inference;

/// <summary>
/// The rows of one file, as a format hands them to <see cref="InferringTableReader"/>: a header,
/// then data rows of cells. Sources report their own format errors as
/// <see cref="DataFileException"/>; the reader checks names, field counts and types.
/// </summary>
internal interface IRowSource : IDisposable
{
    /// <summary>The file, for error messages.</summary>
    string FilePath { get; }

    /// <summary>The header names as written (empty when the file has no header row).</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>The 1-based number of the current data row (the header is row 0).</summary>
    long RowNumber { get; }

    /// <summary>The number of fields in the current row.</summary>
    int FieldCount { get; }

    /// <summary>Moves to the next data row; false at the end.</summary>
    bool MoveNext();

    /// <summary>A cell of the current row, valid until <see cref="MoveNext"/>.</summary>
    CellValue GetCell(int index);

    /// <summary>Goes back to just after the header, for the second pass.</summary>
    void Rewind();
}
