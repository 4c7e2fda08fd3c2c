using System.Buffers;
using System.Buffers.Binary;

namespace SegBench.Data.Formats.Parquet;

/// <summary>
/// Writes an Apache Parquet file of a flat schema: every column OPTIONAL, data pages v1 with
/// RLE definition levels, PLAIN values, and dictionary encoding (a PLAIN dictionary page and
/// RLE_DICTIONARY data pages) for column chunks of low cardinality, of any type but boolean.
/// </summary>
/// <remarks>
/// <para><see cref="Encode"/> splits a batch into slices of at most
/// <see cref="ParquetWriterOptions.PageMaximumRows"/> (and at most
/// <see cref="ParquetWriterOptions.RowGroupMaximumRows"/>) rows and encodes and compresses one page per
/// column per slice, on any thread. <see cref="Append"/> adds slices to the current row group in
/// order and writes the group (column chunk after column chunk) when it reaches its row or byte
/// limit, so memory holds at most one row group's pages. Pages with at most half as many distinct
/// values as values are dictionary candidates and carry their own small dictionary; append merges it into the chunk's dictionary and
/// encodes the indices, and falls back to PLAIN pages for the rest of the chunk once the chunk's
/// dictionary would pass <see cref="ParquetWriterOptions.DictionaryMaximumCardinality"/>. Where a
/// chunk is likely to have fallen back by the time a page reaches it, Encode writes the page PLAIN
/// without a dictionary trial, and append checks the guess (see <see cref="Speculate"/>).</para>
/// <para>The output depends only on the batches and the options, never on thread timing.</para>
/// </remarks>
public sealed class ParquetTableWriter : ITableWriter
{
    private const string CreatedBy = "segbench version 1.0.0";

    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly AtomicFile _file;
    private readonly ParquetWriterOptions _options;
    private readonly int _codec;
    private readonly List<ColumnChunkWriter> _chunks;
    private readonly List<RowGroupRecord> _rowGroups = [];
    private long _position;
    private int _groupRows;
    private long _groupBytes;
    private long _totalRows;
    private bool _committed;

    // What Append publishes for Encode, which may run on other threads: the current row group's
    // ordinal, rows and PLAIN bytes; per column, the last group whose chunk fell back to PLAIN and
    // at which of its rows, and the last group whose chunk did so at its first page. Encode reads
    // them without a lock: a stale view costs a dictionary trial or a page encoded again, never
    // different bytes.
    private long _groupOrdinal;
    private readonly long[] _fallbackGroup;
    private readonly int[] _fallbackRow;
    private readonly long[] _firstPageFallbackGroup;
    private int _slicesInFlight;

    /// <summary>Opens a writer that will produce <paramref name="path"/> on commit.</summary>
    public ParquetTableWriter(string path, TableSchema schema, ParquetWriterOptions? options = null, ChecksumAlgorithm checksum = ChecksumAlgorithm.Xxh128)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _options = (options ?? ParquetWriterOptions.Default).Validate();
        Schema = schema;
        _codec = ParquetCodecs.FromCompression(_options.Compression);
        _chunks = new List<ColumnChunkWriter>(schema.Count);
        foreach (var field in schema.Fields)
        {
            _chunks.Add(new ColumnChunkWriter(field, _codec, _options));
        }

        _fallbackGroup = new long[schema.Count];
        _fallbackRow = new int[schema.Count];
        _firstPageFallbackGroup = new long[schema.Count];
        Array.Fill(_fallbackGroup, -2);
        Array.Fill(_firstPageFallbackGroup, -2);

        _file = new AtomicFile(path, checksum);
        WriteToFile(Magic);
    }

    /// <inheritdoc />
    public TableSchema Schema { get; }

    /// <summary>Pages appended as encoded without a dictionary trial (for tests).</summary>
    internal int SpeculativePagesKept => _chunks.Sum(chunk => chunk.SpeculativePagesKept);

    /// <summary>Pages written without a dictionary trial that reached a chunk that had not fallen back, and were encoded again (for tests).</summary>
    internal int PagesEncodedAgain => _chunks.Sum(chunk => chunk.PagesEncodedAgain);

    /// <inheritdoc />
    public EncodedBatch Encode(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CheckSchema(batch.Schema);
        var rows = batch.RowCount;
        var sliceRows = Math.Min(_options.PageMaximumRows, _options.RowGroupMaximumRows);
        var slices = new List<EncodedSlice>((rows / sliceRows) + 1);
        for (var start = 0; start < rows; start += sliceRows)
        {
            var count = Math.Min(sliceRows, rows - start);
            var progress = GroupProgress(Interlocked.Increment(ref _slicesInFlight), sliceRows);
            var pages = new EncodedColumnPage[Schema.Count];
            for (var c = 0; c < pages.Length; c++)
            {
                var speculative = Speculate(c, progress);
                pages[c] = ParquetPageEncoder.EncodeColumn(batch.Columns[c], start, count, _options, _codec, speculative);
            }

            slices.Add(new EncodedSlice(count, pages));
        }

        return new ParquetEncodedBatch(rows, slices);
    }

    /// <summary>
    /// Whether to write a page of column <paramref name="column"/> PLAIN without its dictionary
    /// trial, which for a varied column is most of the cost of encoding it: when the page will most
    /// likely land in the current row group, and the column's chunk has fallen back there, or fell
    /// back in the last group at a row the page will be past; and when the chunk fell back at its
    /// first page in this group or the last one, as a column too varied for any dictionary does.
    /// Append checks every guess.
    /// </summary>
    private bool Speculate(int column, Progress progress)
    {
        if (Volatile.Read(ref _firstPageFallbackGroup[column]) >= progress.Group - 1)
        {
            return true;
        }

        var fallbackGroup = Volatile.Read(ref _fallbackGroup[column]);
        return progress.RoomLeft
            && (fallbackGroup == progress.Group
                || (fallbackGroup == progress.Group - 1 && progress.Row > Volatile.Read(ref _fallbackRow[column])));
    }

    // The current row group, the row of it at which a slice being encoded will most likely start
    // (after the other slices encoded but not yet appended), and whether the group has room for
    // them all, at its bytes per row so far. Batches still being generated may land first too: a
    // page that then reaches a chunk that has not fallen back is encoded again.
    private Progress GroupProgress(int slicesInFlight, int sliceRows)
    {
        var group = Volatile.Read(ref _groupOrdinal);
        var rows = Volatile.Read(ref _groupRows);
        var bytes = Volatile.Read(ref _groupBytes);
        var reserveRows = (long)slicesInFlight * sliceRows;
        var roomLeft = rows > 0
            && rows + reserveRows <= _options.RowGroupMaximumRows
            && bytes + (reserveRows * ((bytes / rows) + 1)) <= _options.RowGroupMaximumBytes;
        return new Progress(group, rows + reserveRows - sliceRows, roomLeft);
    }

    private readonly record struct Progress(long Group, long Row, bool RoomLeft);

    /// <inheritdoc />
    public void Append(EncodedBatch encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded is not ParquetEncodedBatch parquet)
        {
            throw new ArgumentException("The batch was not encoded by a Parquet writer.", nameof(encoded));
        }

        ObjectDisposedException.ThrowIf(_committed, this);
        foreach (var slice in parquet.Slices)
        {
            if (slice.Pages.Length != _chunks.Count)
            {
                throw new ArgumentException($"The batch has {slice.Pages.Length} columns but the writer's schema has {_chunks.Count}.", nameof(encoded));
            }

            Interlocked.Decrement(ref _slicesInFlight);
            var sliceBytes = slice.PlainBytes;
            if (_groupRows > 0 && (_groupRows + slice.RowCount > _options.RowGroupMaximumRows || _groupBytes + sliceBytes > _options.RowGroupMaximumBytes))
            {
                FlushRowGroup();
            }

            for (var c = 0; c < _chunks.Count; c++)
            {
                var chunk = _chunks[c];
                var fellBack = chunk.FellBack;
                chunk.Add(slice.Pages[c]);
                if (chunk.FellBack && !fellBack)
                {
                    Volatile.Write(ref _fallbackRow[c], _groupRows);
                    Volatile.Write(ref _fallbackGroup[c], _groupOrdinal);
                    if (_groupRows == 0)
                    {
                        Volatile.Write(ref _firstPageFallbackGroup[c], _groupOrdinal);
                    }
                }
            }

            Volatile.Write(ref _groupRows, _groupRows + slice.RowCount);
            Volatile.Write(ref _groupBytes, _groupBytes + sliceBytes);
            if (_groupRows >= _options.RowGroupMaximumRows || _groupBytes >= _options.RowGroupMaximumBytes)
            {
                FlushRowGroup();
            }
        }
    }

    /// <inheritdoc />
    public WrittenFile Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        if (_groupRows > 0)
        {
            FlushRowGroup();
        }

        var footer = new ArrayBufferWriter<byte>(1024);
        WriteFileMetadata(new CompactWriter(footer));
        WriteToFile(footer.WrittenSpan);
        Span<byte> tail = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tail, footer.WrittenCount);
        Magic.CopyTo(tail[4..]);
        WriteToFile(tail);
        _file.Commit();
        _committed = true;
        return new WrittenFile(_file.FinalPath, _file.Length, _file.Checksum!, _rowGroups.Sum(group => group.RowCount));
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private void CheckSchema(TableSchema batchSchema)
    {
        if (ReferenceEquals(batchSchema, Schema))
        {
            return;
        }

        if (batchSchema.Count != Schema.Count)
        {
            throw new ArgumentException($"The batch has {batchSchema.Count} columns but the writer's schema has {Schema.Count}.", nameof(batchSchema));
        }

        for (var i = 0; i < Schema.Count; i++)
        {
            if (batchSchema[i].Name != Schema[i].Name || batchSchema[i].Type != Schema[i].Type)
            {
                throw new ArgumentException($"Batch column {i} is '{batchSchema[i].Name}' ({batchSchema[i].Type}), but the writer expects '{Schema[i].Name}' ({Schema[i].Type}).", nameof(batchSchema));
            }
        }
    }

    private void FlushRowGroup()
    {
        var start = _position;
        var columns = new List<ColumnChunkRecord>(_chunks.Count);
        long uncompressed = 0;
        foreach (var chunk in _chunks)
        {
            var record = chunk.Flush(_position, WriteToFile);
            columns.Add(record);
            uncompressed += record.TotalUncompressedSize;
        }

        _rowGroups.Add(new RowGroupRecord(columns, _groupRows, uncompressed, start, _position - start));
        _totalRows += _groupRows;
        Volatile.Write(ref _groupRows, 0);
        Volatile.Write(ref _groupBytes, 0);
        Volatile.Write(ref _groupOrdinal, _groupOrdinal + 1);
    }

    private void WriteToFile(ReadOnlySpan<byte> bytes)
    {
        _file.Stream.Write(bytes);
        _position += bytes.Length;
    }

    private void WriteFileMetadata(CompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, 2);

        writer.BeginListField(2, CompactType.Struct, Schema.Count + 1);
        writer.BeginStruct();
        writer.WriteStringField(4, "schema");
        writer.WriteI32Field(5, Schema.Count);
        writer.EndStruct();
        foreach (var field in Schema.Fields)
        {
            WriteSchemaElement(writer, field);
        }

        writer.WriteI64Field(3, _totalRows);

        writer.BeginListField(4, CompactType.Struct, _rowGroups.Count);
        foreach (var group in _rowGroups)
        {
            writer.BeginStruct();
            writer.BeginListField(1, CompactType.Struct, group.Columns.Count);
            for (var c = 0; c < group.Columns.Count; c++)
            {
                WriteColumnChunk(writer, Schema[c], group.Columns[c]);
            }

            writer.WriteI64Field(2, group.TotalByteSize);
            writer.WriteI64Field(3, group.RowCount);
            writer.WriteI64Field(5, group.FileOffset);
            writer.WriteI64Field(6, group.TotalCompressedSize);
            writer.EndStruct();
        }

        writer.WriteStringField(6, CreatedBy);

        // TYPE_ORDER for every column, so readers trust min_value and max_value.
        writer.BeginListField(7, CompactType.Struct, Schema.Count);
        for (var c = 0; c < Schema.Count; c++)
        {
            writer.BeginStruct();
            writer.BeginStructField(1);
            writer.EndStruct();
            writer.EndStruct();
        }

        writer.EndStruct();
    }

    private static void WriteSchemaElement(CompactWriter writer, ColumnField field)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, (int)PhysicalTypeOf(field.Type));
        writer.WriteI32Field(3, (int)Repetition.Optional);
        writer.WriteStringField(4, field.Name);
        switch (field.Type)
        {
            case ColumnType.String:
                writer.WriteI32Field(6, ConvertedType.Utf8);
                writer.BeginStructField(10);
                writer.BeginStructField(LogicalTypeId.String);
                writer.EndStruct();
                writer.EndStruct();
                break;
            case ColumnType.Date:
                writer.WriteI32Field(6, ConvertedType.Date);
                writer.BeginStructField(10);
                writer.BeginStructField(LogicalTypeId.Date);
                writer.EndStruct();
                writer.EndStruct();
                break;
            default:
                break;
        }

        writer.EndStruct();
    }

    private static void WriteColumnChunk(CompactWriter writer, ColumnField field, ColumnChunkRecord chunk)
    {
        writer.BeginStruct();
        writer.WriteI64Field(2, 0);
        writer.BeginStructField(3);
        writer.WriteI32Field(1, (int)PhysicalTypeOf(field.Type));
        writer.BeginListField(2, CompactType.I32, chunk.Encodings.Count);
        foreach (var encoding in chunk.Encodings)
        {
            writer.WriteI32Element((int)encoding);
        }

        writer.BeginListField(3, CompactType.Binary, 1);
        writer.WriteStringElement(field.Name);
        writer.WriteI32Field(4, chunk.Codec);
        writer.WriteI64Field(5, chunk.ValueCount);
        writer.WriteI64Field(6, chunk.TotalUncompressedSize);
        writer.WriteI64Field(7, chunk.TotalCompressedSize);
        writer.WriteI64Field(9, chunk.DataPageOffset);
        if (chunk.DictionaryPageOffset is { } dictionaryOffset)
        {
            writer.WriteI64Field(11, dictionaryOffset);
        }

        var statistics = chunk.Statistics;
        writer.BeginStructField(12);
        writer.WriteI64Field(3, statistics.NullCount);
        if (statistics.HasMinMax)
        {
            var (min, max) = statistics.EncodeMinMax();
            writer.WriteBinaryField(5, max);
            writer.WriteBinaryField(6, min);
            writer.WriteBoolField(7, true);
            writer.WriteBoolField(8, true);
        }

        if (field.Type == ColumnType.Double)
        {
            writer.WriteI64Field(9, statistics.NanCount);
        }

        writer.EndStruct();
        writer.EndStruct();
        writer.EndStruct();
    }

    internal static PhysicalType PhysicalTypeOf(ColumnType type) => type switch
    {
        ColumnType.Int32 => PhysicalType.Int32,
        ColumnType.Int64 => PhysicalType.Int64,
        ColumnType.Double => PhysicalType.Double,
        ColumnType.Boolean => PhysicalType.Boolean,
        ColumnType.String => PhysicalType.ByteArray,
        ColumnType.Date => PhysicalType.Int32,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Parquet cannot write this type."),
    };

    private sealed record EncodedSlice(int RowCount, EncodedColumnPage[] Pages)
    {
        public long PlainBytes
        {
            get
            {
                long total = 0;
                foreach (var page in Pages)
                {
                    total += page.PlainBytes;
                }

                return total;
            }
        }
    }

    private sealed class ParquetEncodedBatch(int rowCount, List<EncodedSlice> slices) : EncodedBatch
    {
        public override int RowCount { get; } = rowCount;

        public List<EncodedSlice> Slices { get; } = slices;
    }

    private sealed record RowGroupRecord(
        List<ColumnChunkRecord> Columns, long RowCount, long TotalByteSize, long FileOffset, long TotalCompressedSize);
}

/// <summary>What the footer records about one written column chunk.</summary>
internal sealed record ColumnChunkRecord(
    int Codec,
    IReadOnlyList<ParquetEncoding> Encodings,
    long ValueCount,
    long TotalUncompressedSize,
    long TotalCompressedSize,
    long DataPageOffset,
    long? DictionaryPageOffset,
    ColumnStatistics Statistics);

/// <summary>
/// Collects the pages of one column in the current row group, owns the chunk's dictionary, and
/// writes the chunk. Used only from the writer's in-order append path.
/// </summary>
internal sealed class ColumnChunkWriter
{
    private readonly ColumnField _field;
    private readonly int _codec;
    private readonly ParquetWriterOptions _options;
    private readonly List<byte[]> _pages = [];
    private ByteStringDictionary _dictionary = new();
    private ColumnStatistics _statistics;
    private long _uncompressedSize;
    private long _valueCount;
    private bool _fellBack;
    private bool _hasDictionaryPages;

    public ColumnChunkWriter(ColumnField field, int codec, ParquetWriterOptions options)
    {
        _field = field;
        _codec = codec;
        _options = options;
        _statistics = new ColumnStatistics(field.Type);
    }

    /// <summary>True once the chunk writes PLAIN pages only, for the rest of its row group.</summary>
    public bool FellBack => _fellBack;

    /// <summary>Pages written without a dictionary trial that reached the chunk after it had fallen back, as guessed.</summary>
    public int SpeculativePagesKept { get; private set; }

    /// <summary>Pages written without a dictionary trial that reached the chunk before it had fallen back, so were encoded again.</summary>
    public int PagesEncodedAgain { get; private set; }

    /// <summary>Adds the next page of the chunk.</summary>
    public void Add(EncodedColumnPage page)
    {
        if (page.Speculative)
        {
            if (_fellBack)
            {
                SpeculativePagesKept++;
            }
            else
            {
                // Written PLAIN without a trial, but this chunk may yet take a dictionary.
                page = ParquetPageEncoder.EncodeAgain(page, _field.Type, _options, _codec);
                PagesEncodedAgain++;
            }
        }

        _statistics.Merge(page.Statistics);
        _valueCount += page.RowCount;
        if (page.Page is not null)
        {
            // A page too varied for a dictionary ends the dictionary for this chunk as well.
            _fellBack |= page.DictionaryRejected;
            AddPage(page.Page, page.UncompressedSize, dictionary: false);
            return;
        }

        var local = page.Dictionary!;
        if (!_fellBack)
        {
            if (_dictionary.Count + NewValues(local) <= _options.DictionaryMaximumCardinality)
            {
                var remap = new int[local.Count];
                for (var i = 0; i < local.Count; i++)
                {
                    remap[i] = _dictionary.GetOrAdd(local[i]);
                }

                var localIndices = page.Indices!;
                var indices = ArrayPool<int>.Shared.Rent(Math.Max(1, localIndices.Length));
                try
                {
                    for (var i = 0; i < localIndices.Length; i++)
                    {
                        indices[i] = remap[localIndices[i]];
                    }

                    var (bytes, uncompressed) = ParquetPageEncoder.BuildDictionaryIndexPage(
                        _codec, page, indices.AsSpan(0, localIndices.Length), _dictionary.Count);
                    AddPage(bytes, uncompressed, dictionary: true);
                }
                finally
                {
                    ArrayPool<int>.Shared.Return(indices);
                }

                return;
            }

            _fellBack = true;
        }

        var (plain, plainUncompressed) = ParquetPageEncoder.BuildPlainPageFromDictionary(_codec, page, _field.Type);
        AddPage(plain, plainUncompressed, dictionary: false);
    }

    /// <summary>Writes the chunk at <paramref name="offset"/> and resets for the next row group.</summary>
    public ColumnChunkRecord Flush(long offset, WriteBytes write)
    {
        var position = offset;
        long compressedSize = 0;
        long uncompressedSize = _uncompressedSize;
        long? dictionaryOffset = null;
        var encodings = new List<ParquetEncoding>(3);
        if (_hasDictionaryPages)
        {
            var (dictionaryPage, dictionaryUncompressed) = ParquetPageEncoder.BuildDictionaryPage(_codec, _dictionary, _field.Type);
            dictionaryOffset = position;
            write(dictionaryPage);
            position += dictionaryPage.Length;
            compressedSize += dictionaryPage.Length;
            uncompressedSize += dictionaryUncompressed;
            encodings.Add(ParquetEncoding.Plain);
            encodings.Add(ParquetEncoding.Rle);
            encodings.Add(ParquetEncoding.RleDictionary);
        }
        else
        {
            encodings.Add(ParquetEncoding.Plain);
            encodings.Add(ParquetEncoding.Rle);
        }

        var dataPageOffset = position;
        foreach (var page in _pages)
        {
            write(page);
            compressedSize += page.Length;
        }

        var record = new ColumnChunkRecord(
            _codec, encodings, _valueCount, uncompressedSize, compressedSize, dataPageOffset, dictionaryOffset, _statistics);

        _pages.Clear();
        _dictionary = new ByteStringDictionary();
        _statistics = new ColumnStatistics(_field.Type);
        _uncompressedSize = 0;
        _valueCount = 0;
        _fellBack = false;
        _hasDictionaryPages = false;
        return record;
    }

    // How many of a page's values the chunk's dictionary lacks; or, when the chunk could take all of
    // them anyway (so the answer cannot change the decision), simply their number, with no lookups.
    private int NewValues(ByteStringDictionary local)
    {
        if (_dictionary.Count + local.Count <= _options.DictionaryMaximumCardinality)
        {
            return local.Count;
        }

        var added = 0;
        for (var i = 0; i < local.Count; i++)
        {
            if (_dictionary.IndexOf(local[i]) < 0)
            {
                added++;
            }
        }

        return added;
    }

    private void AddPage(byte[] page, int uncompressedSize, bool dictionary)
    {
        _pages.Add(page);
        _uncompressedSize += uncompressedSize;
        _hasDictionaryPages |= dictionary;
    }
}

/// <summary>Writes bytes to the file at its current end.</summary>
internal delegate void WriteBytes(ReadOnlySpan<byte> bytes);
