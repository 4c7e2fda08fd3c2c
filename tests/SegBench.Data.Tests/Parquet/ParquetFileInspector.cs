using SegBench.Data.Formats.Parquet;

namespace SegBench.Data.Tests.Parquet;

/// <summary>Walks the pages of a column chunk, to check how a file was laid out.</summary>
internal static class ParquetFileInspector
{
    public sealed record Page(PageType Type, ParquetEncoding Encoding, int UncompressedSize, byte[] Body);

    public static List<Page> Pages(string path, int rowGroup, int column)
    {
        ColumnChunkMetadata chunk;
        using (var reader = new ParquetTableReader(path))
        {
            chunk = reader.Metadata.RowGroups[rowGroup].Columns[column];
        }

        var start = chunk.DictionaryPageOffset is { } offset && offset > 0 ? Math.Min(offset, chunk.DataPageOffset) : chunk.DataPageOffset;
        var bytes = File.ReadAllBytes(path).AsSpan((int)start, (int)chunk.TotalCompressedSize).ToArray();
        var pages = new List<Page>();
        var position = 0;
        while (position < bytes.Length)
        {
            var compact = new CompactReader(bytes, position, bytes.Length - position);
            var header = ParquetMetadataParser.ParsePageHeader(compact);
            position = compact.Position;
            pages.Add(new Page(header.Type, header.Encoding, header.UncompressedSize, bytes.AsSpan(position, header.CompressedSize).ToArray()));
            position += header.CompressedSize;
        }

        return pages;
    }

    public static List<PageType> PageTypes(string path, int rowGroup, int column) =>
        Pages(path, rowGroup, column).Select(p => p.Type).ToList();

    public static List<ParquetEncoding> DataPageEncodings(string path, int rowGroup, int column) =>
        Pages(path, rowGroup, column).Where(p => p.Type != PageType.DictionaryPage).Select(p => p.Encoding).ToList();
}
