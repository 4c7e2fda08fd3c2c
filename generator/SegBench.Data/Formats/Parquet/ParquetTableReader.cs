using System.Buffers;
using System.Buffers.Binary;

namespace SegBench.Data.Formats.Parquet;

/// <summary>
/// Reads a flat Apache Parquet file in batches of at most a given number of rows (by default one
/// row group per batch), never across row groups: OPTIONAL and REQUIRED columns of
/// BOOLEAN, INT32 (plain, 8/16/32-bit integers, DATE), INT64, FLOAT (widened to double), DOUBLE
/// and BYTE_ARRAY (strings); data pages v1 and v2; PLAIN, PLAIN_DICTIONARY / RLE_DICTIONARY,
/// RLE (booleans), DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and
/// BYTE_STREAM_SPLIT encodings; UNCOMPRESSED, SNAPPY and GZIP pages.
/// </summary>
/// <remarks>
/// Every length in the file is checked against the bytes that hold it, and a page may not claim
/// more than <see cref="MaximumPageSize"/> bytes, so a truncated, corrupt or hostile file fails
/// with a <see cref="DataFileException"/> that names the file and the problem, and cannot make the
/// reader allocate without limit. Memory holds one row group's column chunks, compressed, a
/// decoded page per column, and one batch.
/// </remarks>
public sealed class ParquetTableReader : ITableReader
{
    /// <summary>The largest uncompressed page accepted: 256 MiB.</summary>
    public const int MaximumPageSize = 256 << 20;

    /// <summary>The largest footer accepted: 64 MiB.</summary>
    public const int MaximumFooterSize = 64 << 20;

    /// <summary>The most values one page may claim (16 Mi); run-length definition levels make huge counts cheap to forge.</summary>
    public const int MaximumPageValues = 1 << 24;

    /// <summary>The most rows one row group may claim (128 Mi), since a row group becomes one in-memory batch.</summary>
    public const int MaximumRowGroupRows = 1 << 27;

    private readonly string _path;
    private readonly FileStream _stream;
    private readonly long _dataEnd;
    private readonly LeafColumn[] _leaves;
    private readonly int _batchRows;
    private int _nextRowGroup;

    // The row group being read: its index, first row in the file, rows not yet returned, and a
    // cursor over each column chunk.
    private int _groupIndex = -1;
    private long _groupNextRow;
    private long _groupRowsLeft;
    private ChunkState[] _chunks = [];

    /// <summary>
    /// Opens a file and reads its footer. Batches hold at most <paramref name="batchRows"/> rows
    /// (a row group when null), so memory does not grow with the writer's row groups.
    /// </summary>
    /// <exception cref="DataFileException">The file is not Parquet, is truncated or corrupt, or holds types SegBench does not read.</exception>
    public ParquetTableReader(string path, int? batchRows = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (batchRows is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchRows), batchRows, "A batch holds at least one row.");
        }

        _batchRows = batchRows ?? MaximumRowGroupRows;
        _path = path;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            (Metadata, _dataEnd) = ReadFooter();
            (Schema, _leaves) = MapSchema(Metadata);
            CheckRowGroups();
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public TableSchema Schema { get; }

    /// <summary>The number of rows the footer declares.</summary>
    public long RowCount => Metadata.RowCount;

    /// <summary>The number of row groups.</summary>
    public int RowGroupCount => Metadata.RowGroups.Count;

    /// <summary>The compression codecs of the column chunks, by their Parquet names (SNAPPY, GZIP, UNCOMPRESSED), each once.</summary>
    public IReadOnlyList<string> Codecs =>
        Metadata.RowGroups.SelectMany(group => group.Columns).Select(chunk => ParquetCodecs.Name(chunk.Codec)).Distinct().ToArray();

    /// <summary>The parsed footer, for tests and diagnostics.</summary>
    internal FileMetadata Metadata { get; }

    /// <inheritdoc />
    public ColumnBatch? ReadBatch()
    {
        while (_groupRowsLeft == 0)
        {
            if (_nextRowGroup >= Metadata.RowGroups.Count)
            {
                return null;
            }

            OpenRowGroup(_nextRowGroup++);
        }

        var rows = (int)Math.Min(_batchRows, _groupRowsLeft);
        var columns = new Column[_leaves.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            // Sized to the batch only up to 64 Ki rows: a group's row count is the file's claim, not yet its pages'.
            var column = Column.Create(_leaves[c].Type, Math.Min(rows, 1 << 16));
            try
            {
                _chunks[c].Fill(column, rows);
            }
            catch (Exception exception) when (exception is InvalidDataException or IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
            {
                throw Fail($"row group {_groupIndex}: {exception.Message}", _leaves[c].Name, exception);
            }

            columns[c] = column;
        }

        var batch = new ColumnBatch(Schema, columns, _groupNextRow);
        _groupNextRow += rows;
        _groupRowsLeft -= rows;
        if (_groupRowsLeft == 0)
        {
            // Every chunk must end with the group: values past its rows mean a corrupt file.
            for (var c = 0; c < _chunks.Length; c++)
            {
                if (_chunks[c].HasValuesLeft)
                {
                    throw Fail($"row group {_groupIndex} declares {Metadata.RowGroups[_groupIndex].RowCount} rows but its pages hold more values.", _leaves[c].Name);
                }
            }

            _chunks = [];
        }

        return batch;
    }

    // Reads the compressed column chunks of a row group and starts a cursor over each.
    private void OpenRowGroup(int index)
    {
        var group = Metadata.RowGroups[index];
        var chunks = new ChunkState[_leaves.Length];
        for (var c = 0; c < chunks.Length; c++)
        {
            try
            {
                chunks[c] = new ChunkState(_leaves[c], group.Columns[c].Codec, ReadChunkBytes(group.Columns[c], _leaves[c]), group.RowCount);
            }
            catch (Exception exception) when (exception is InvalidDataException or OverflowException)
            {
                throw Fail($"row group {index}: {exception.Message}", _leaves[c].Name, exception);
            }
        }

        // Groups are read in order and to their end, so _groupNextRow is already this group's first row.
        (_groupIndex, _groupRowsLeft, _chunks) = (index, group.RowCount, chunks);
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private DataFileException Fail(string problem, string? column = null, Exception? inner = null) =>
        new(_path, problem, column: column, inner: inner);

    private (FileMetadata Metadata, long DataEnd) ReadFooter()
    {
        var length = _stream.Length;
        if (length < 12)
        {
            throw Fail($"the file is {length} bytes long, too short to be Parquet (truncated?).");
        }

        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[8];
        ReadExactly(0, head);
        ReadExactly(length - 8, tail);
        if (!head.SequenceEqual("PAR1"u8))
        {
            throw Fail("the file does not start with the Parquet magic 'PAR1'.");
        }

        if (!tail[4..].SequenceEqual("PAR1"u8))
        {
            throw Fail(tail[4..].SequenceEqual("PARE"u8)
                ? "the file is encrypted (magic 'PARE'), which is not supported."
                : "the file does not end with the Parquet magic 'PAR1' (truncated or still being written?).");
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > length - 12 || footerLength > MaximumFooterSize)
        {
            throw Fail($"the footer length {footerLength} does not fit in a file of {length} bytes (corrupt?).");
        }

        var footer = new byte[footerLength];
        ReadExactly(length - 8 - footerLength, footer);
        try
        {
            var metadata = ParquetMetadataParser.ParseFileMetadata(new CompactReader(footer, 0, footer.Length));
            return (metadata, length - 8 - footerLength);
        }
        catch (InvalidDataException exception)
        {
            throw Fail($"the footer is corrupt: {exception.Message}", inner: exception);
        }
    }

    private (TableSchema Schema, LeafColumn[] Leaves) MapSchema(FileMetadata metadata)
    {
        if (metadata.Schema.Count == 0)
        {
            throw Fail("the footer has no schema.");
        }

        var root = metadata.Schema[0];
        var childCount = root.ChildCount ?? 0;
        if (childCount != metadata.Schema.Count - 1)
        {
            throw Fail($"the schema root has {childCount} children but {metadata.Schema.Count - 1} elements follow; nested schemas are not supported.");
        }

        var fields = new ColumnField[childCount];
        var leaves = new LeafColumn[childCount];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < childCount; i++)
        {
            var element = metadata.Schema[i + 1];
            if (element.ChildCount is > 0 || element.Type is null)
            {
                throw Fail($"column '{element.Name}' is a nested group, which is not supported (only flat schemas are).");
            }

            if (element.Repetition == Repetition.Repeated)
            {
                throw Fail($"column '{element.Name}' is REPEATED, which is not supported (only flat schemas are).");
            }

            if (!names.Add(element.Name))
            {
                throw Fail($"column '{element.Name}' appears twice in the schema.");
            }

            var type = MapType(element);
            var optional = element.Repetition != Repetition.Required;
            fields[i] = new ColumnField(element.Name, type);
            leaves[i] = new LeafColumn(element.Name, type, element.Type.Value, optional);
        }

        return (new TableSchema(fields), leaves);
    }

    private ColumnType MapType(SchemaElement element)
    {
        var converted = element.ConvertedType;
        var logical = element.LogicalType;
        switch (element.Type)
        {
            case PhysicalType.Boolean when converted is null && logical is null:
                return ColumnType.Boolean;
            case PhysicalType.Int32 when converted == ConvertedType.Date || logical == LogicalTypeId.Date:
                return ColumnType.Date;
            case PhysicalType.Int32 when (converted is null or ConvertedType.Int8 or ConvertedType.Int16 or ConvertedType.Int32 or 11 or 12)
                                         && (logical is null || (logical == LogicalTypeId.Integer && (element.IntegerSigned != false || element.IntegerBitWidth < 32))):
                return ColumnType.Int32;
            case PhysicalType.Int64 when (converted is null or ConvertedType.Int64)
                                         && (logical is null || (logical == LogicalTypeId.Integer && element.IntegerSigned != false)):
                return ColumnType.Int64;
            case PhysicalType.Float or PhysicalType.Double when converted is null && logical is null:
                return ColumnType.Double;
            case PhysicalType.ByteArray when (converted is null or ConvertedType.Utf8 or ConvertedType.Enum or ConvertedType.Json)
                                             && (logical is null or LogicalTypeId.String or LogicalTypeId.Enum or LogicalTypeId.Json):
                return ColumnType.String;
            default:
                var annotation = logical is not null ? $", logical type {logical}" : converted is not null ? $", converted type {converted}" : "";
                throw Fail($"column '{element.Name}' has physical type {element.Type}{annotation}, which SegBench does not read (supported: BOOLEAN, INT32, INT64, FLOAT, DOUBLE, DATE, UTF8 strings).");
        }
    }

    private void CheckRowGroups()
    {
        long total = 0;
        for (var g = 0; g < Metadata.RowGroups.Count; g++)
        {
            var group = Metadata.RowGroups[g];
            if (group.Columns.Count != _leaves.Length)
            {
                throw Fail($"row group {g} has {group.Columns.Count} column chunks but the schema has {_leaves.Length} columns.");
            }

            if (group.RowCount is < 0 or > MaximumRowGroupRows)
            {
                throw Fail($"row group {g} declares {group.RowCount} rows, outside 0..{MaximumRowGroupRows}.");
            }

            for (var c = 0; c < _leaves.Length; c++)
            {
                var chunk = group.Columns[c];
                if (chunk.Type != _leaves[c].PhysicalType)
                {
                    throw Fail($"row group {g} stores column '{_leaves[c].Name}' as {chunk.Type}, but the schema says {_leaves[c].PhysicalType}.");
                }
            }

            total += group.RowCount;
        }

        if (total != Metadata.RowCount)
        {
            throw Fail($"the footer declares {Metadata.RowCount} rows but its row groups hold {total}.");
        }
    }

    private byte[] ReadChunkBytes(ColumnChunkMetadata chunk, LeafColumn leaf)
    {
        if (!ParquetCodecs.IsSupported(chunk.Codec))
        {
            throw new DataFileException(_path, $"compression codec {ParquetCodecs.Name(chunk.Codec)} is not supported (supported: UNCOMPRESSED, SNAPPY, GZIP).", column: leaf.Name);
        }

        var start = chunk.DictionaryPageOffset is { } dictionaryOffset && dictionaryOffset > 0 && dictionaryOffset < chunk.DataPageOffset
            ? dictionaryOffset
            : chunk.DataPageOffset;
        var length = chunk.TotalCompressedSize;
        if (start < 4 || length < 0 || start + length > _dataEnd || length > Array.MaxLength)
        {
            throw new InvalidDataException($"the column chunk claims bytes {start}..{start + length}, outside the data region 4..{_dataEnd} (truncated or corrupt).");
        }

        var bytes = new byte[length];
        ReadExactly(start, bytes);
        return bytes;
    }

    private static void ReadDictionaryPage(PageHeader header, ReadOnlySpan<byte> body, int codec, ChunkState state)
    {
        if (!header.HasDictionaryHeader)
        {
            throw new InvalidDataException("a dictionary page has no dictionary_page_header.");
        }

        if (header.Encoding is not (ParquetEncoding.Plain or ParquetEncoding.PlainDictionary))
        {
            throw new InvalidDataException($"a dictionary page uses encoding {header.Encoding}; only PLAIN is defined.");
        }

        if (header.ValueCount < 0 || header.ValueCount > (long)header.UncompressedSize * 8)
        {
            throw new InvalidDataException($"a dictionary page claims {header.ValueCount} values.");
        }

        var data = new byte[header.UncompressedSize];
        ParquetCodecs.Decompress(codec, body, data);
        state.Dictionary = PageValues.DecodePlain(state.Leaf.PhysicalType, data, header.ValueCount);
    }

    private static void ReadDataPageV1(PageHeader header, ReadOnlySpan<byte> body, int codec, ChunkState state)
    {
        CheckDataPage(header, state);
        var data = ArrayPool<byte>.Shared.Rent(Math.Max(1, header.UncompressedSize));
        try
        {
            var page = data.AsSpan(0, header.UncompressedSize);
            ParquetCodecs.Decompress(codec, body, page);
            var definitionLevels = ArrayPool<int>.Shared.Rent(Math.Max(1, header.ValueCount));
            try
            {
                var levels = definitionLevels.AsSpan(0, header.ValueCount);
                var nonNull = header.ValueCount;
                if (state.Leaf.Optional)
                {
                    if (header.DefinitionLevelEncoding != ParquetEncoding.Rle)
                    {
                        throw new InvalidDataException($"definition levels use encoding {header.DefinitionLevelEncoding}; only RLE is supported.");
                    }

                    if (page.Length < 4)
                    {
                        throw new InvalidDataException("a data page is too short for its definition levels.");
                    }

                    var levelLength = BinaryPrimitives.ReadInt32LittleEndian(page);
                    if (levelLength < 0 || levelLength > page.Length - 4)
                    {
                        throw new InvalidDataException($"the definition levels claim {levelLength} bytes, more than the page holds.");
                    }

                    nonNull = DecodeDefinitionLevels(page.Slice(4, levelLength), levels);
                    page = page[(4 + levelLength)..];
                }

                AppendPage(state, header.Encoding, page, levels, nonNull);
            }
            finally
            {
                ArrayPool<int>.Shared.Return(definitionLevels);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    private static void ReadDataPageV2(PageHeader header, ReadOnlySpan<byte> body, int codec, ChunkState state)
    {
        CheckDataPage(header, state);
        var levelBytes = header.RepetitionLevelsByteLength + header.DefinitionLevelsByteLength;
        if (header.RepetitionLevelsByteLength < 0 || header.DefinitionLevelsByteLength < 0 || levelBytes > body.Length || levelBytes > header.UncompressedSize)
        {
            throw new InvalidDataException($"a v2 data page's level lengths ({header.RepetitionLevelsByteLength} + {header.DefinitionLevelsByteLength}) exceed the page.");
        }

        if (header.RepetitionLevelsByteLength != 0)
        {
            throw new InvalidDataException("a v2 data page has repetition levels, which a flat column cannot have.");
        }

        var definitionLevels = ArrayPool<int>.Shared.Rent(Math.Max(1, header.ValueCount));
        var data = ArrayPool<byte>.Shared.Rent(Math.Max(1, header.UncompressedSize - levelBytes));
        try
        {
            var levels = definitionLevels.AsSpan(0, header.ValueCount);
            var nonNull = header.ValueCount;
            if (state.Leaf.Optional)
            {
                nonNull = DecodeDefinitionLevels(body.Slice(header.RepetitionLevelsByteLength, header.DefinitionLevelsByteLength), levels);
                if (header.ValueCount - nonNull != header.NullCount)
                {
                    throw new InvalidDataException($"a v2 data page declares {header.NullCount} nulls but its definition levels hold {header.ValueCount - nonNull}.");
                }
            }

            var page = data.AsSpan(0, header.UncompressedSize - levelBytes);
            ParquetCodecs.Decompress(header.IsCompressed ? codec : ParquetCodecs.Uncompressed, body[levelBytes..], page);
            AppendPage(state, header.Encoding, page, levels, nonNull);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(definitionLevels);
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    private static void CheckDataPage(PageHeader header, ChunkState state)
    {
        if (!header.HasDataHeader)
        {
            throw new InvalidDataException($"a {header.Type} page has no data page header.");
        }

        if (header.ValueCount is < 0 or > MaximumPageValues)
        {
            throw new InvalidDataException($"a data page claims {header.ValueCount} values, outside 0..{MaximumPageValues}.");
        }

        if (header.ValueCount > state.RowsLeft)
        {
            throw new InvalidDataException($"a data page claims {header.ValueCount} values, but only {state.RowsLeft} rows remain in the row group.");
        }
    }

    private static int DecodeDefinitionLevels(ReadOnlySpan<byte> encoded, Span<int> levels)
    {
        RleBitPackedHybrid.Decode(encoded, 1, levels);
        var nonNull = 0;
        foreach (var level in levels)
        {
            nonNull += level;
        }

        return nonNull;
    }

    private static void AppendPage(ChunkState state, ParquetEncoding encoding, ReadOnlySpan<byte> page, ReadOnlySpan<int> levels, int nonNull)
    {
        PageValues values;
        if (encoding is ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary)
        {
            var dictionary = state.Dictionary ?? throw new InvalidDataException("a dictionary-encoded page comes before any dictionary page.");
            if (page.IsEmpty && nonNull > 0)
            {
                throw new InvalidDataException("a dictionary-encoded page has no bit width.");
            }

            var indices = new int[nonNull];
            if (nonNull > 0)
            {
                var bitWidth = page[0];
                RleBitPackedHybrid.Decode(page[1..], bitWidth, indices);
                foreach (var index in indices)
                {
                    if ((uint)index >= (uint)dictionary.Count)
                    {
                        throw new InvalidDataException($"a dictionary index {index} is out of range for a dictionary of {dictionary.Count} values.");
                    }
                }
            }

            values = dictionary.Select(indices);
        }
        else
        {
            values = PageValues.Decode(state.Leaf.PhysicalType, encoding, page, nonNull);
        }

        state.SetPage(values.ToColumn(state.Leaf.Type, levels, state.Leaf.Optional));
    }

    private void ReadExactly(long offset, Span<byte> destination)
    {
        _stream.Position = offset;
        try
        {
            _stream.ReadExactly(destination);
        }
        catch (EndOfStreamException exception)
        {
            throw Fail($"the file ends before byte {offset + destination.Length} (truncated).", inner: exception);
        }
    }

    private sealed record LeafColumn(string Name, ColumnType Type, PhysicalType PhysicalType, bool Optional);

    // A cursor over one column chunk: its compressed pages, the page decoded last and how much of
    // it batches have taken, and the rows of the group its pages have yet to hold.
    private sealed class ChunkState(LeafColumn leaf, int codec, byte[] bytes, long rows)
    {
        private int _position;
        private Column? _page;
        private int _pageTaken;

        public LeafColumn Leaf { get; } = leaf;

        public PageValues? Dictionary { get; set; }

        /// <summary>Rows of the row group that no decoded page holds yet.</summary>
        public long RowsLeft { get; private set; } = rows;

        /// <summary>True while a decoded page still holds values no batch has taken.</summary>
        public bool HasValuesLeft => _page is not null && _pageTaken < _page.Count;

        /// <summary>Appends the chunk's next <paramref name="rows"/> values to <paramref name="column"/>, decoding pages as needed.</summary>
        public void Fill(Column column, int rows)
        {
            var target = column.Count + rows;
            while (column.Count < target)
            {
                if (!HasValuesLeft && !ReadPage())
                {
                    throw new InvalidDataException($"the pages end {target - column.Count} values short of the row group's rows.");
                }

                var take = Math.Min(target - column.Count, _page!.Count - _pageTaken);
                column.AppendRange(_page, _pageTaken, take);
                _pageTaken += take;
            }
        }

        /// <summary>Makes a decoded data page the current one.</summary>
        public void SetPage(Column page)
        {
            _page = page;
            _pageTaken = 0;
            RowsLeft -= page.Count;
        }

        // Decodes pages until one holds values (dictionary pages come first); false at the chunk's end.
        private bool ReadPage()
        {
            while (_position < bytes.Length)
            {
                var reader = new CompactReader(bytes, _position, bytes.Length - _position);
                var header = ParquetMetadataParser.ParsePageHeader(reader);
                _position = reader.Position;
                if (header.CompressedSize < 0 || header.CompressedSize > bytes.Length - _position)
                {
                    throw new InvalidDataException($"a page claims {header.CompressedSize} bytes but only {bytes.Length - _position} remain in the column chunk (truncated or corrupt).");
                }

                if (header.UncompressedSize is < 0 or > MaximumPageSize)
                {
                    throw new InvalidDataException($"a page claims {header.UncompressedSize} bytes uncompressed, beyond the {MaximumPageSize >> 20} MiB limit.");
                }

                var body = bytes.AsSpan(_position, header.CompressedSize);
                _position += header.CompressedSize;
                switch (header.Type)
                {
                    case PageType.DictionaryPage:
                        ReadDictionaryPage(header, body, codec, this);
                        break;
                    case PageType.DataPage:
                        ReadDataPageV1(header, body, codec, this);
                        return true;
                    case PageType.DataPageV2:
                        ReadDataPageV2(header, body, codec, this);
                        return true;
                    default:
                        break;
                }
            }

            return false;
        }
    }
}
