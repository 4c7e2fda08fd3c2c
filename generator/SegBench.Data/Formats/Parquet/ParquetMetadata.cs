namespace SegBench.Data.Formats.Parquet;

/// <summary>Parquet's physical types (parquet.thrift <c>Type</c>).</summary>
internal enum PhysicalType
{
    Boolean = 0,
    Int32 = 1,
    Int64 = 2,
    Int96 = 3,
    Float = 4,
    Double = 5,
    ByteArray = 6,
    FixedLengthByteArray = 7,
}

/// <summary>Parquet's value and level encodings (parquet.thrift <c>Encoding</c>).</summary>
internal enum ParquetEncoding
{
    Plain = 0,
    PlainDictionary = 2,
    Rle = 3,
    BitPacked = 4,
    DeltaBinaryPacked = 5,
    DeltaLengthByteArray = 6,
    DeltaByteArray = 7,
    RleDictionary = 8,
    ByteStreamSplit = 9,
}

/// <summary>Parquet's page types (parquet.thrift <c>PageType</c>).</summary>
internal enum PageType
{
    DataPage = 0,
    IndexPage = 1,
    DictionaryPage = 2,
    DataPageV2 = 3,
}

/// <summary>The subset of parquet.thrift <c>ConvertedType</c> that SegBench maps.</summary>
internal static class ConvertedType
{
    public const int Utf8 = 0;
    public const int Enum = 4;
    public const int Date = 6;
    public const int Int8 = 15;
    public const int Int16 = 16;
    public const int Int32 = 17;
    public const int Int64 = 18;
    public const int Json = 19;
}

/// <summary>The field ids of the parquet.thrift <c>LogicalType</c> union that SegBench maps.</summary>
internal static class LogicalTypeId
{
    public const int String = 1;
    public const int Enum = 4;
    public const int Date = 6;
    public const int Integer = 10;
    public const int Json = 12;
}

/// <summary>parquet.thrift <c>FieldRepetitionType</c>.</summary>
internal enum Repetition
{
    Required = 0,
    Optional = 1,
    Repeated = 2,
}

/// <summary>parquet.thrift <c>FileMetaData</c>, the fields a reader needs.</summary>
internal sealed class FileMetadata
{
    public int Version { get; set; }

    public List<SchemaElement> Schema { get; } = [];

    public long RowCount { get; set; }

    public List<RowGroupMetadata> RowGroups { get; } = [];

    public string? CreatedBy { get; set; }
}

/// <summary>parquet.thrift <c>SchemaElement</c>.</summary>
internal sealed class SchemaElement
{
    public PhysicalType? Type { get; set; }

    public Repetition? Repetition { get; set; }

    public string Name { get; set; } = "";

    public int? ChildCount { get; set; }

    public int? ConvertedType { get; set; }

    /// <summary>The field id of the set member of the LogicalType union.</summary>
    public int? LogicalType { get; set; }

    /// <summary>For the INTEGER logical type: the bit width.</summary>
    public int? IntegerBitWidth { get; set; }

    /// <summary>For the INTEGER logical type: whether it is signed.</summary>
    public bool? IntegerSigned { get; set; }
}

/// <summary>parquet.thrift <c>RowGroup</c>.</summary>
internal sealed class RowGroupMetadata
{
    public List<ColumnChunkMetadata> Columns { get; } = [];

    public long TotalByteSize { get; set; }

    public long RowCount { get; set; }
}

/// <summary>parquet.thrift <c>ColumnMetaData</c> (the <c>meta_data</c> of a <c>ColumnChunk</c>).</summary>
internal sealed class ColumnChunkMetadata
{
    public PhysicalType Type { get; set; }

    public List<ParquetEncoding> Encodings { get; } = [];

    public List<string> Path { get; } = [];

    public int Codec { get; set; }

    public long ValueCount { get; set; }

    public long TotalUncompressedSize { get; set; }

    public long TotalCompressedSize { get; set; }

    public long DataPageOffset { get; set; }

    public long? DictionaryPageOffset { get; set; }

    public ColumnStatisticsMetadata? Statistics { get; set; }
}

/// <summary>parquet.thrift <c>Statistics</c>.</summary>
internal sealed class ColumnStatisticsMetadata
{
    public byte[]? MaxValue { get; set; }

    public byte[]? MinValue { get; set; }

    public long? NullCount { get; set; }

    public long? NanCount { get; set; }
}

/// <summary>parquet.thrift <c>PageHeader</c> with whichever page-specific header is set.</summary>
internal sealed class PageHeader
{
    public PageType Type { get; set; }

    public int UncompressedSize { get; set; }

    public int CompressedSize { get; set; }

    // DATA_PAGE (v1) and DATA_PAGE_V2 share these.
    public int ValueCount { get; set; }

    public ParquetEncoding Encoding { get; set; }

    public bool HasDataHeader { get; set; }

    // DATA_PAGE (v1)
    public ParquetEncoding DefinitionLevelEncoding { get; set; } = ParquetEncoding.Rle;

    // DATA_PAGE_V2
    public int NullCount { get; set; }

    public int RowCount { get; set; }

    public int DefinitionLevelsByteLength { get; set; }

    public int RepetitionLevelsByteLength { get; set; }

    public bool IsCompressed { get; set; } = true;

    // DICTIONARY_PAGE
    public bool HasDictionaryHeader { get; set; }
}

/// <summary>Parses the Thrift structures of a Parquet footer and page headers.</summary>
internal static class ParquetMetadataParser
{
    public static FileMetadata ParseFileMetadata(CompactReader reader)
    {
        var metadata = new FileMetadata();
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1:
                    reader.Expect(type, CompactType.I32, "version");
                    metadata.Version = reader.ReadI32();
                    return true;
                case 2:
                    reader.Expect(type, CompactType.List, "schema");
                    var schemaCount = reader.ReadListHeader(out _);
                    for (var i = 0; i < schemaCount; i++)
                    {
                        metadata.Schema.Add(ParseSchemaElement(reader));
                    }

                    return true;
                case 3:
                    reader.Expect(type, CompactType.I64, "num_rows");
                    metadata.RowCount = reader.ReadI64();
                    return true;
                case 4:
                    reader.Expect(type, CompactType.List, "row_groups");
                    var groupCount = reader.ReadListHeader(out _);
                    for (var i = 0; i < groupCount; i++)
                    {
                        metadata.RowGroups.Add(ParseRowGroup(reader));
                    }

                    return true;
                case 6:
                    reader.Expect(type, CompactType.Binary, "created_by");
                    metadata.CreatedBy = reader.ReadString();
                    return true;
                default:
                    return false;
            }
        });
        return metadata;
    }

    public static PageHeader ParsePageHeader(CompactReader reader)
    {
        var header = new PageHeader();
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1:
                    reader.Expect(type, CompactType.I32, "type");
                    header.Type = (PageType)reader.ReadI32();
                    return true;
                case 2:
                    reader.Expect(type, CompactType.I32, "uncompressed_page_size");
                    header.UncompressedSize = reader.ReadI32();
                    return true;
                case 3:
                    reader.Expect(type, CompactType.I32, "compressed_page_size");
                    header.CompressedSize = reader.ReadI32();
                    return true;
                case 5:
                    reader.Expect(type, CompactType.Struct, "data_page_header");
                    ParseDataPageHeader(reader, header);
                    return true;
                case 7:
                    reader.Expect(type, CompactType.Struct, "dictionary_page_header");
                    ParseDictionaryPageHeader(reader, header);
                    return true;
                case 8:
                    reader.Expect(type, CompactType.Struct, "data_page_header_v2");
                    ParseDataPageHeaderV2(reader, header);
                    return true;
                default:
                    return false;
            }
        });
        return header;
    }

    private static SchemaElement ParseSchemaElement(CompactReader reader)
    {
        var element = new SchemaElement();
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1:
                    reader.Expect(type, CompactType.I32, "type");
                    element.Type = (PhysicalType)reader.ReadI32();
                    return true;
                case 3:
                    reader.Expect(type, CompactType.I32, "repetition_type");
                    element.Repetition = (Repetition)reader.ReadI32();
                    return true;
                case 4:
                    reader.Expect(type, CompactType.Binary, "name");
                    element.Name = reader.ReadString();
                    return true;
                case 5:
                    reader.Expect(type, CompactType.I32, "num_children");
                    element.ChildCount = reader.ReadI32();
                    return true;
                case 6:
                    reader.Expect(type, CompactType.I32, "converted_type");
                    element.ConvertedType = reader.ReadI32();
                    return true;
                case 10:
                    reader.Expect(type, CompactType.Struct, "logicalType");
                    ParseLogicalType(reader, element);
                    return true;
                default:
                    return false;
            }
        });
        return element;
    }

    private static void ParseLogicalType(CompactReader reader, SchemaElement element) =>
        reader.ReadStruct((id, type) =>
        {
            element.LogicalType = id;
            if (id != LogicalTypeId.Integer || type != CompactType.Struct)
            {
                return false;
            }

            reader.ReadStruct((innerId, innerType) =>
            {
                if (innerId == 1 && innerType == CompactType.Byte)
                {
                    element.IntegerBitWidth = (sbyte)reader.ReadByteValue();
                    return true;
                }

                if (innerId == 2 && innerType is CompactType.BooleanTrue or CompactType.BooleanFalse)
                {
                    element.IntegerSigned = reader.ReadBoolField();
                    return true;
                }

                return false;
            });
            return true;
        });

    private static RowGroupMetadata ParseRowGroup(CompactReader reader)
    {
        var group = new RowGroupMetadata();
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1:
                    reader.Expect(type, CompactType.List, "columns");
                    var count = reader.ReadListHeader(out _);
                    for (var i = 0; i < count; i++)
                    {
                        group.Columns.Add(ParseColumnChunk(reader));
                    }

                    return true;
                case 2:
                    reader.Expect(type, CompactType.I64, "total_byte_size");
                    group.TotalByteSize = reader.ReadI64();
                    return true;
                case 3:
                    reader.Expect(type, CompactType.I64, "num_rows");
                    group.RowCount = reader.ReadI64();
                    return true;
                default:
                    return false;
            }
        });
        return group;
    }

    private static ColumnChunkMetadata ParseColumnChunk(CompactReader reader)
    {
        ColumnChunkMetadata? metadata = null;
        reader.ReadStruct((id, type) =>
        {
            if (id == 1 && type == CompactType.Binary)
            {
                throw new InvalidDataException("A column chunk points to an external file, which is not supported.");
            }

            if (id != 3)
            {
                return false;
            }

            reader.Expect(type, CompactType.Struct, "meta_data");
            metadata = ParseColumnMetadata(reader);
            return true;
        });
        return metadata ?? throw new InvalidDataException("A column chunk has no meta_data.");
    }

    private static ColumnChunkMetadata ParseColumnMetadata(CompactReader reader)
    {
        var metadata = new ColumnChunkMetadata();
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1:
                    reader.Expect(type, CompactType.I32, "type");
                    metadata.Type = (PhysicalType)reader.ReadI32();
                    return true;
                case 2:
                    reader.Expect(type, CompactType.List, "encodings");
                    var encodingCount = reader.ReadListHeader(out _);
                    for (var i = 0; i < encodingCount; i++)
                    {
                        metadata.Encodings.Add((ParquetEncoding)reader.ReadI32());
                    }

                    return true;
                case 3:
                    reader.Expect(type, CompactType.List, "path_in_schema");
                    var pathCount = reader.ReadListHeader(out _);
                    for (var i = 0; i < pathCount; i++)
                    {
                        metadata.Path.Add(reader.ReadString());
                    }

                    return true;
                case 4:
                    reader.Expect(type, CompactType.I32, "codec");
                    metadata.Codec = reader.ReadI32();
                    return true;
                case 5:
                    reader.Expect(type, CompactType.I64, "num_values");
                    metadata.ValueCount = reader.ReadI64();
                    return true;
                case 6:
                    reader.Expect(type, CompactType.I64, "total_uncompressed_size");
                    metadata.TotalUncompressedSize = reader.ReadI64();
                    return true;
                case 7:
                    reader.Expect(type, CompactType.I64, "total_compressed_size");
                    metadata.TotalCompressedSize = reader.ReadI64();
                    return true;
                case 9:
                    reader.Expect(type, CompactType.I64, "data_page_offset");
                    metadata.DataPageOffset = reader.ReadI64();
                    return true;
                case 11:
                    reader.Expect(type, CompactType.I64, "dictionary_page_offset");
                    metadata.DictionaryPageOffset = reader.ReadI64();
                    return true;
                case 12:
                    reader.Expect(type, CompactType.Struct, "statistics");
                    metadata.Statistics = ParseStatistics(reader);
                    return true;
                default:
                    return false;
            }
        });
        return metadata;
    }

    private static ColumnStatisticsMetadata ParseStatistics(CompactReader reader)
    {
        var statistics = new ColumnStatisticsMetadata();
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 3 when type == CompactType.I64:
                    statistics.NullCount = reader.ReadI64();
                    return true;
                case 5 when type == CompactType.Binary:
                    statistics.MaxValue = reader.ReadBinary();
                    return true;
                case 6 when type == CompactType.Binary:
                    statistics.MinValue = reader.ReadBinary();
                    return true;
                case 9 when type == CompactType.I64:
                    statistics.NanCount = reader.ReadI64();
                    return true;
                default:
                    return false;
            }
        });
        return statistics;
    }

    private static void ParseDataPageHeader(CompactReader reader, PageHeader header)
    {
        header.HasDataHeader = true;
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1:
                    reader.Expect(type, CompactType.I32, "num_values");
                    header.ValueCount = reader.ReadI32();
                    return true;
                case 2:
                    reader.Expect(type, CompactType.I32, "encoding");
                    header.Encoding = (ParquetEncoding)reader.ReadI32();
                    return true;
                case 3:
                    reader.Expect(type, CompactType.I32, "definition_level_encoding");
                    header.DefinitionLevelEncoding = (ParquetEncoding)reader.ReadI32();
                    return true;
                default:
                    return false;
            }
        });
    }

    private static void ParseDataPageHeaderV2(CompactReader reader, PageHeader header)
    {
        header.HasDataHeader = true;
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1:
                    reader.Expect(type, CompactType.I32, "num_values");
                    header.ValueCount = reader.ReadI32();
                    return true;
                case 2:
                    reader.Expect(type, CompactType.I32, "num_nulls");
                    header.NullCount = reader.ReadI32();
                    return true;
                case 3:
                    reader.Expect(type, CompactType.I32, "num_rows");
                    header.RowCount = reader.ReadI32();
                    return true;
                case 4:
                    reader.Expect(type, CompactType.I32, "encoding");
                    header.Encoding = (ParquetEncoding)reader.ReadI32();
                    return true;
                case 5:
                    reader.Expect(type, CompactType.I32, "definition_levels_byte_length");
                    header.DefinitionLevelsByteLength = reader.ReadI32();
                    return true;
                case 6:
                    reader.Expect(type, CompactType.I32, "repetition_levels_byte_length");
                    header.RepetitionLevelsByteLength = reader.ReadI32();
                    return true;
                case 7:
                    reader.Expect(type, CompactType.BooleanTrue, "is_compressed");
                    header.IsCompressed = reader.ReadBoolField();
                    return true;
                default:
                    return false;
            }
        });
    }

    private static void ParseDictionaryPageHeader(CompactReader reader, PageHeader header)
    {
        header.HasDictionaryHeader = true;
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1:
                    reader.Expect(type, CompactType.I32, "num_values");
                    header.ValueCount = reader.ReadI32();
                    return true;
                case 2:
                    reader.Expect(type, CompactType.I32, "encoding");
                    header.Encoding = (ParquetEncoding)reader.ReadI32();
                    return true;
                default:
                    return false;
            }
        });
    }
}
