using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SegBench.Data.Formats.Parquet;

/// <summary>
/// One column's values for one page: either a finished PLAIN data page (header and compressed
/// body), or, for a low-cardinality page of any type but boolean, its local dictionary (values
/// keyed by their PLAIN bytes, without the length prefix of strings) and indices, which the
/// in-order append step maps onto the column chunk's dictionary.
/// </summary>
internal sealed class EncodedColumnPage
{
    public required int RowCount { get; init; }

    public required ColumnStatistics Statistics { get; init; }

    /// <summary>The definition levels with their 4-byte length prefix, as a v1 data page holds them.</summary>
    public required byte[] DefinitionLevels { get; init; }

    /// <summary>The finished page (header and body), for a PLAIN page.</summary>
    public byte[]? Page { get; init; }

    /// <summary>The size of the finished page were its body uncompressed (header included).</summary>
    public int UncompressedSize { get; init; }

    /// <summary>The length of the finished page's header, which its compressed body follows.</summary>
    public int HeaderLength { get; init; }

    /// <summary>
    /// The bytes the page's values take PLAIN and uncompressed, nulls as absent: the row-group
    /// size counts these, so it does not depend on how each page is encoded.
    /// </summary>
    public required long PlainBytes { get; init; }

    /// <summary>
    /// True for a PLAIN page written without a dictionary trial, on the guess that its column chunk
    /// will have fallen back to PLAIN by the time the page is appended.
    /// </summary>
    public bool Speculative { get; init; }

    /// <summary>True for a PLAIN page whose values were too varied for a dictionary.</summary>
    public bool DictionaryRejected { get; init; }

    /// <summary>The distinct values of the page, for a dictionary candidate.</summary>
    public ByteStringDictionary? Dictionary { get; init; }

    /// <summary>An index into <see cref="Dictionary"/> per non-null value.</summary>
    public int[]? Indices { get; init; }
}

/// <summary>Encodes column pages and builds page headers; every method is thread-safe.</summary>
internal static class ParquetPageEncoder
{
    // A page whose values are too varied leaves its dictionary here, emptied, for the thread's next page:
    // high-cardinality columns reject every page, and regrowing the tables each time costs more than filling them.
    [ThreadStatic]
    private static ByteStringDictionary? t_spareDictionary;

    // The direct-mapped cache in front of a page dictionary of numbers: 64 entries.
    private const int NumberCacheBits = 6;
    private const int NumberCacheSize = 1 << NumberCacheBits;

    // A page body lives only until it is compressed into its page, so each thread reuses one.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_body;

    /// <summary>
    /// Encodes rows [start, start + count) of a column. A <paramref name="speculative"/> page is
    /// written PLAIN without a dictionary trial: in a chunk that has fallen back to PLAIN, that is
    /// what the trial would have led to; elsewhere, <see cref="EncodeAgain"/> redoes it in full.
    /// </summary>
    public static EncodedColumnPage EncodeColumn(Column column, int start, int count, ParquetWriterOptions options, int codec, bool speculative = false)
    {
        var statistics = ColumnStatistics.Compute(column, start, count);
        var definitionLevels = EncodeDefinitionLevels(column, start, count, statistics.NullCount);
        var nonNull = count - (int)statistics.NullCount;
        var plainBytes = PlainBytes(column, start, count, nonNull);

        var rejected = false;
        if (!speculative && options.UseDictionary && column is not BooleanColumn && nonNull > 1)
        {
            var limit = Math.Min(options.DictionaryMaximumCardinality, nonNull / 2);
            // Proving a varied page varied is much cheaper than filling a dictionary past the limit.
            var distinct = DistinctCountBound.LowerBound(column, start, count, limit);
            rejected = distinct > limit;
            if (!rejected)
            {
                var dictionary = t_spareDictionary ?? new ByteStringDictionary();
                t_spareDictionary = null;
                dictionary.Reserve(distinct);
                var indices = new int[nonNull];
                if (FillDictionary(column, start, count, dictionary, indices, limit))
                {
                    return new EncodedColumnPage
                    {
                        RowCount = count,
                        Statistics = statistics,
                        DefinitionLevels = definitionLevels,
                        PlainBytes = plainBytes,
                        Dictionary = dictionary,
                        Indices = indices,
                    };
                }

                dictionary.Clear();
                t_spareDictionary = dictionary;
                rejected = true;
            }
        }

        var body = EmptyBody(definitionLevels.Length + (nonNull * 8) + 16);
        body.Write(definitionLevels);
        WritePlainValues(column, start, count, body);
        var (page, uncompressedSize, headerLength) = BuildDataPage(codec, body.WrittenMemory, count, ParquetEncoding.Plain);
        return new EncodedColumnPage
        {
            RowCount = count,
            Statistics = statistics,
            DefinitionLevels = definitionLevels,
            PlainBytes = plainBytes,
            Page = page,
            UncompressedSize = uncompressedSize,
            HeaderLength = headerLength,
            DictionaryRejected = rejected,
            Speculative = speculative,
        };
    }

    /// <summary>
    /// Encodes a speculative PLAIN page again, in full, from the values in its own body: for a page
    /// that lands in a column chunk that has not fallen back to PLAIN.
    /// </summary>
    public static EncodedColumnPage EncodeAgain(EncodedColumnPage page, ColumnType type, ParquetWriterOptions options, int codec)
    {
        var compressed = page.Page.AsSpan(page.HeaderLength);
        var body = new byte[page.UncompressedSize - page.HeaderLength];
        ParquetCodecs.Decompress(codec, compressed, body);
        var levels = new int[page.RowCount];
        RleBitPackedHybrid.Decode(page.DefinitionLevels.AsSpan(4), 1, levels);
        var present = page.RowCount - (int)page.Statistics.NullCount;
        var values = PageValues.DecodePlain(ParquetTableWriter.PhysicalTypeOf(type), body.AsSpan(page.DefinitionLevels.Length), present);
        return EncodeColumn(values.ToColumn(type, levels, optional: true), 0, page.RowCount, options, codec);
    }

    // Definition levels aside, so the figure is the same however the page is encoded and whatever its nulls.
    private static long PlainBytes(Column column, int start, int count, int nonNull) => column switch
    {
        StringColumn text => (4L * nonNull) + text.ByteLength(start, count),
        BooleanColumn => (nonNull + 7) / 8,
        DoubleColumn or Int64Column => 8L * nonNull,
        _ => 4L * nonNull,
    };

    /// <summary>A PLAIN page body of the values of a local dictionary in index order.</summary>
    public static (byte[] Page, int UncompressedSize) BuildPlainPageFromDictionary(
        int codec, EncodedColumnPage source, ColumnType type)
    {
        var indices = source.Indices!;
        var body = EmptyBody(source.DefinitionLevels.Length + (indices.Length * sizeof(long)) + 16);
        body.Write(source.DefinitionLevels);
        WriteDictionaryValues(body, source.Dictionary!, indices, type);
        var (page, uncompressedSize, _) = BuildDataPage(codec, body.WrittenMemory, source.RowCount, ParquetEncoding.Plain);
        return (page, uncompressedSize);
    }

    /// <summary>An RLE_DICTIONARY page of indices into a column chunk's dictionary.</summary>
    public static (byte[] Page, int UncompressedSize) BuildDictionaryIndexPage(
        int codec, EncodedColumnPage source, ReadOnlySpan<int> chunkIndices, int dictionarySize)
    {
        var bitWidth = RleBitPackedHybrid.BitWidth(Math.Max(0, dictionarySize - 1));
        var body = EmptyBody(source.DefinitionLevels.Length + (chunkIndices.Length * bitWidth / 8) + 64);
        body.Write(source.DefinitionLevels);
        body.GetSpan(1)[0] = (byte)bitWidth;
        body.Advance(1);
        RleBitPackedHybrid.Encode(chunkIndices, bitWidth, body);
        var (page, uncompressedSize, _) = BuildDataPage(codec, body.WrittenMemory, source.RowCount, ParquetEncoding.RleDictionary);
        return (page, uncompressedSize);
    }

    /// <summary>A dictionary page: the dictionary's values PLAIN-encoded.</summary>
    public static (byte[] Page, int UncompressedSize) BuildDictionaryPage(int codec, ByteStringDictionary dictionary, ColumnType type)
    {
        var body = EmptyBody(dictionary.ByteLength + (dictionary.Count * 4) + 16);
        WriteDictionaryValues(body, dictionary, Enumerable.Range(0, dictionary.Count).ToArray(), type);

        var compressed = ParquetCodecs.Compress(codec, body.WrittenMemory);
        var header = new ArrayBufferWriter<byte>(64);
        var writer = new CompactWriter(header);
        writer.BeginStruct();
        writer.WriteI32Field(1, (int)PageType.DictionaryPage);
        writer.WriteI32Field(2, body.WrittenCount);
        writer.WriteI32Field(3, compressed.Length);
        writer.BeginStructField(7);
        writer.WriteI32Field(1, dictionary.Count);
        writer.WriteI32Field(2, (int)ParquetEncoding.Plain);
        writer.WriteBoolField(3, false);
        writer.EndStruct();
        writer.EndStruct();
        return (Concatenate(header.WrittenSpan, compressed.Span), header.WrittenCount + body.WrittenCount);
    }

    private static (byte[] Page, int UncompressedSize, int HeaderLength) BuildDataPage(
        int codec, ReadOnlyMemory<byte> body, int valueCount, ParquetEncoding encoding)
    {
        var compressed = ParquetCodecs.Compress(codec, body);
        var header = new ArrayBufferWriter<byte>(64);
        var writer = new CompactWriter(header);
        writer.BeginStruct();
        writer.WriteI32Field(1, (int)PageType.DataPage);
        writer.WriteI32Field(2, body.Length);
        writer.WriteI32Field(3, compressed.Length);
        writer.BeginStructField(5);
        writer.WriteI32Field(1, valueCount);
        writer.WriteI32Field(2, (int)encoding);
        writer.WriteI32Field(3, (int)ParquetEncoding.Rle);
        writer.WriteI32Field(4, (int)ParquetEncoding.Rle);
        writer.EndStruct();
        writer.EndStruct();
        return (Concatenate(header.WrittenSpan, compressed.Span), header.WrittenCount + body.Length, header.WrittenCount);
    }

    private static byte[] EncodeDefinitionLevels(Column column, int start, int count, long nullCount)
    {
        var buffer = new ArrayBufferWriter<byte>(16 + (count / 8));
        buffer.Advance(4);
        if (nullCount == 0)
        {
            // Every level is 1: no need to read each row's null flag into an array and scan it back.
            RleBitPackedHybrid.EncodeRepeated(1, count, 1, buffer);
        }
        else
        {
            EncodeLevels(column, start, count, buffer);
        }

        var bytes = buffer.WrittenSpan.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes, bytes.Length - 4);
        return bytes;
    }

    private static void EncodeLevels(Column column, int start, int count, ArrayBufferWriter<byte> output)
    {
        var levels = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
        try
        {
            for (var i = 0; i < count; i++)
            {
                levels[i] = column.IsNull(start + i) ? 0 : 1;
            }

            RleBitPackedHybrid.Encode(levels.AsSpan(0, count), 1, output);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(levels);
        }
    }

    private static void WritePlainValues(Column column, int start, int count, ArrayBufferWriter<byte> output)
    {
        var end = start + count;
        switch (column)
        {
            case StringColumn text:
                for (var i = start; i < end; i++)
                {
                    if (!text.IsNull(i))
                    {
                        WriteByteArray(output, text.GetBytes(i));
                    }
                }

                break;

            case DoubleColumn numbers:
                WritePlainNumbers(numbers, start, end, output);
                break;

            case Int64Column integers:
                WritePlainNumbers(integers, start, end, output);
                break;

            case PrimitiveColumn<int> integers:
                WritePlainNumbers(integers, start, end, output);
                break;

            case BooleanColumn flags:
                var bits = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
                try
                {
                    var present = 0;
                    for (var i = start; i < end; i++)
                    {
                        if (!flags.IsNull(i))
                        {
                            bits[present++] = flags[i] ? 1 : 0;
                        }
                    }

                    RleBitPackedHybrid.WritePacked(output, bits.AsSpan(0, present), present, 1);
                }
                finally
                {
                    ArrayPool<int>.Shared.Return(bits);
                }

                break;
            default:
                throw new NotSupportedException($"Parquet cannot write a {column.Type} column.");
        }
    }

    // The present values of a range, PLAIN: into one span reserved for the whole range rather than
    // value by value through the writer; little-endian, as the machine is (the reader casts pages the same way).
    private static void WritePlainNumbers<T>(PrimitiveColumn<T> column, int start, int end, ArrayBufferWriter<byte> output)
        where T : unmanaged
    {
        var width = Unsafe.SizeOf<T>();
        var values = column.Values;
        var span = output.GetSpan((end - start) * width);
        var written = 0;
        for (var i = start; i < end; i++)
        {
            if (!column.IsNull(i))
            {
                MemoryMarshal.Write(span[written..], in values[i]);
                written += width;
            }
        }

        output.Advance(written);
    }

    /// <summary>
    /// Adds the non-null values of rows [start, start + count) to <paramref name="dictionary"/> (keyed by their
    /// PLAIN bytes, a string's without its length prefix) and their indices to <paramref name="indices"/>, stopping
    /// as soon as it holds more than <paramref name="limit"/> values; true when it never did.
    /// </summary>
    private static bool FillDictionary(Column column, int start, int count, ByteStringDictionary dictionary, int[] indices, int limit)
    {
        // One loop per column type, with numbers keyed by their bits: a high-cardinality page adds
        // limit + 1 values before it is rejected, so this loop is hot.
        var end = start + count;
        var next = 0;
        switch (column)
        {
            case StringColumn text:
                var index = -1;
                var previous = ReadOnlySpan<byte>.Empty;
                for (var i = start; i < end && dictionary.Count <= limit; i++)
                {
                    if (!text.IsNull(i))
                    {
                        // A value equal to the one before (a card's statements sit together) has its index.
                        var value = text.GetBytes(i);
                        if (index < 0 || !value.SequenceEqual(previous))
                        {
                            index = dictionary.GetOrAdd(value);
                            previous = value;
                        }

                        indices[next++] = index;
                    }
                }

                break;
            case DoubleColumn numbers:
                FillNumbers(numbers, start, end, dictionary, indices, limit);
                break;
            case Int64Column integers:
                FillNumbers(integers, start, end, dictionary, indices, limit);
                break;
            case PrimitiveColumn<int> integers:
                FillNumbers(integers, start, end, dictionary, indices, limit);
                break;
            default:
                throw new NotSupportedException($"Parquet cannot dictionary-encode a {column.Type} column.");
        }

        return dictionary.Count <= limit;
    }

    // FillDictionary for the numbers of rows [start, end), keyed by their bits.
    private static void FillNumbers<T>(PrimitiveColumn<T> column, int start, int end, ByteStringDictionary dictionary, int[] indices, int limit)
        where T : unmanaged
    {
        // A page that takes a dictionary mostly repeats a few values (frequencies, counts,
        // tenures), so a small direct-mapped cache of (bits, index) answers most lookups before
        // the dictionary's hash table. It only skips lookups of values already added, so the
        // dictionary fills in the same order and the indices are the same.
        Span<ulong> cachedBits = stackalloc ulong[NumberCacheSize];
        Span<int> cachedIndices = stackalloc int[NumberCacheSize];
        cachedIndices.Fill(-1);
        var values = column.Values;
        var next = 0;
        for (var i = start; i < end && dictionary.Count <= limit; i++)
        {
            if (!column.IsNull(i))
            {
                var bits = ByteStringDictionary.NumberBits(values[i]);
                var slot = (int)((bits * 0x9E3779B97F4A7C15UL) >> (64 - NumberCacheBits));
                var index = cachedIndices[slot];
                if (index < 0 || cachedBits[slot] != bits)
                {
                    index = dictionary.GetOrAdd(values[i]);
                    cachedBits[slot] = bits;
                    cachedIndices[slot] = index;
                }

                indices[next++] = index;
            }
        }
    }

    // The PLAIN bytes of the dictionary's values at the indices, in order.
    private static void WriteDictionaryValues(ArrayBufferWriter<byte> output, ByteStringDictionary dictionary, int[] indices, ColumnType type)
    {
        switch (type)
        {
            case ColumnType.String:
                dictionary.WriteStrings(indices, output);
                break;
            case ColumnType.Double or ColumnType.Int64:
                dictionary.WriteNumbers<ulong>(indices, output);
                break;
            default:
                dictionary.WriteNumbers<uint>(indices, output);
                break;
        }
    }

    private static void WriteByteArray(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), value.Length);
        output.Advance(4);
        output.Write(value);
    }

    // The thread's body buffer, emptied (created with the capacity on the thread's first page).
    private static ArrayBufferWriter<byte> EmptyBody(int capacity)
    {
        var body = t_body ??= new ArrayBufferWriter<byte>(capacity);
        body.ResetWrittenCount();
        return body;
    }

    private static byte[] Concatenate(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        // Both parts overwrite every byte, so the array need not be zeroed first.
        var result = GC.AllocateUninitializedArray<byte>(first.Length + second.Length);
        first.CopyTo(result);
        second.CopyTo(result.AsSpan(first.Length));
        return result;
    }
}
