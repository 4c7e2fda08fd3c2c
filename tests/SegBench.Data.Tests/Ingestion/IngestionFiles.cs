using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security;
using System.Text;
using SegBench.Data.Formats;

namespace SegBench.Data.Tests.Ingestion;

/// <summary>A temporary folder per test class, and helpers to write files into it.</summary>
public abstract class IngestionTestBase : IDisposable
{
    protected IngestionTestBase() => Directory = System.IO.Directory.CreateTempSubdirectory("segbench-ingest-").FullName;

    protected string Directory { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    protected string WriteText(string name, string text) => WriteBytes(name, Encoding.UTF8.GetBytes(text));

    protected string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>
    /// A committed fixture file: copied beside the tests when the project copies it, else found
    /// from this source file's compile-time path (the build and the test run share a checkout).
    /// </summary>
    protected static string Fixture(string name, [CallerFilePath] string source = "")
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Ingestion", "Fixtures", name);
        return File.Exists(copied) ? copied : Path.Combine(Path.GetDirectoryName(source)!, "Fixtures", name);
    }
}

/// <summary>
/// Writes minimal XLSX workbooks by hand (the OpenXML parts, zipped), so tests need no
/// spreadsheet library. Cells: string (inline), int/long/double (number), bool, DateOnly (a
/// number with a date format), null (no cell).
/// </summary>
public static class XlsxBuilder
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly int ExcelEpochDayNumber = new DateOnly(1899, 12, 30).DayNumber;

    public static void Write(string path, params (string Name, object?[][] Rows)[] sheets) => Write(path, [], sheets);

    public static void Write(string path, (string Name, byte[] Bytes)[] extraEntries, params (string Name, object?[][] Rows)[] sheets)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var overrides = new StringBuilder();
        var workbookSheets = new StringBuilder();
        var workbookRels = new StringBuilder();
        for (var s = 0; s < sheets.Length; s++)
        {
            var number = s + 1;
            overrides.Append(CultureInfo.InvariantCulture, $"<Override PartName=\"/xl/worksheets/sheet{number}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
            workbookSheets.Append(CultureInfo.InvariantCulture, $"<sheet name=\"{SecurityElement.Escape(sheets[s].Name)}\" sheetId=\"{number}\" r:id=\"rId{number}\"/>");
            workbookRels.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rId{number}\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/sheet{number}.xml\"/>");
            Add(zip, $"xl/worksheets/sheet{number}.xml", Sheet(sheets[s].Rows));
        }

        workbookRels.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rId{sheets.Length + 1}\" Type=\"{Relationships}/styles\" Target=\"styles.xml\"/>");
        Add(zip, "[Content_Types].xml",
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + overrides + "</Types>");
        Add(zip, "_rels/.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + $"<Relationship Id=\"rId1\" Type=\"{Relationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        Add(zip, "xl/workbook.xml", $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\"><sheets>{workbookSheets}</sheets></workbook>");
        Add(zip, "xl/_rels/workbook.xml.rels", $"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{workbookRels}</Relationships>");
        Add(zip, "xl/styles.xml",
            $"<styleSheet xmlns=\"{Main}\"><fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill/></fills><borders count=\"1\"><border/></borders>"
            + "<cellStyleXfs count=\"1\"><xf/></cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>");
        foreach (var (name, bytes) in extraEntries)
        {
            using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            stream.Write(bytes);
        }
    }

    private static string Sheet(object?[][] rows)
    {
        var xml = new StringBuilder($"<worksheet xmlns=\"{Main}\"><sheetData>");
        for (var r = 0; r < rows.Length; r++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                var reference = $"{(char)('A' + c)}{r + 1}";
                switch (rows[r][c])
                {
                    case null:
                        break;
                    case string text:
                        xml.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(text)}</t></is></c>");
                        break;
                    case bool flag:
                        xml.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" t=\"b\"><v>{(flag ? 1 : 0)}</v></c>");
                        break;
                    case DateOnly date:
                        xml.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" s=\"1\"><v>{date.DayNumber - ExcelEpochDayNumber}</v></c>");
                        break;
                    case IFormattable number:
                        xml.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\"><v>{number.ToString(number is double ? "R" : null, CultureInfo.InvariantCulture)}</v></c>");
                        break;
                    default:
                        throw new ArgumentException($"Cannot write a {rows[r][c]!.GetType()} cell.");
                }
            }

            xml.Append("</row>");
        }

        return xml.Append("</sheetData></worksheet>").ToString();
    }

    private static void Add(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml));
    }
}

/// <summary>Turns a table into plain values for comparisons that show the difference.</summary>
public static class TableValues
{
    /// <summary>
    /// Reads every batch into one table. Unlike <c>ReadAll</c> (Table.Concatenate), it flags
    /// nulls only after all values are appended: Column.IsNull throws for a row appended after a
    /// null was flagged (see ReadAllKeepsNullsFollowedByValues), which is not ours to fix.
    /// </summary>
    public static Table Collect(ITableReader reader)
    {
        var whole = ColumnBatch.CreateEmpty(reader.Schema);
        var nulls = new List<(int Column, int Row)>();
        while (reader.ReadBatch() is { } batch)
        {
            batch.Schema.Should().BeSameAs(reader.Schema);
            for (var c = 0; c < batch.Columns.Count; c++)
            {
                var source = batch.Columns[c];
                var target = whole.Columns[c];
                for (var r = 0; r < source.Count; r++)
                {
                    if (source.IsNull(r))
                    {
                        nulls.Add((c, target.Count));
                    }

                    AppendValue(target, Value(source, r));
                }
            }
        }

        foreach (var (column, row) in nulls)
        {
            whole.Columns[column].SetNull(row);
        }

        return new Table(reader.Schema, whole.Columns);
    }

    /// <summary>Builds a column with nulls flagged after the values, for the same reason as <see cref="Collect"/>.</summary>
    public static void Fill(Column column, params object?[] values)
    {
        foreach (var value in values)
        {
            AppendValue(column, value);
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                column.SetNull(column.Count - values.Length + i);
            }
        }
    }

    private static void AppendValue(Column column, object? value)
    {
        switch (column)
        {
            case StringColumn text:
                text.Append((string?)value ?? string.Empty);
                break;
            case Int32Column integer:
                integer.Append((int?)value ?? 0);
                break;
            case Int64Column integer:
                integer.Append((long?)value ?? 0);
                break;
            case DoubleColumn real:
                real.Append((double?)value ?? 0);
                break;
            case BooleanColumn flag:
                flag.Append((bool?)value ?? false);
                break;
            case DateColumn date:
                date.Append((DateOnly?)value ?? DateOnly.FromDayNumber(DateColumn.UnixEpochDayNumber));
                break;
            default:
                throw new ArgumentException($"Unknown column {column.GetType()}.");
        }
    }

    public static IReadOnlyList<(string Name, ColumnType Type)> Fields(Table table) =>
        table.Schema.Fields.Select(field => (field.Name, field.Type)).ToList();

    public static List<object?[]> Rows(Table table)
    {
        var rows = new List<object?[]>();
        for (var r = 0; r < table.RowCount; r++)
        {
            var row = new object?[table.Columns.Count];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = Value(table.Columns[c], r);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static object? Value(Column column, int row) => column.IsNull(row) ? null : column switch
    {
        StringColumn text => text.GetString(row),
        Int32Column integer => integer[row],
        Int64Column integer => integer[row],
        DoubleColumn real => real[row],
        BooleanColumn flag => flag[row],
        DateColumn date => date.GetDate(row),
        _ => throw new ArgumentException($"Unknown column {column.GetType()}."),
    };

    public static object?[] Column(Table table, string name)
    {
        var column = table[name];
        return Enumerable.Range(0, column.Count).Select(row => Value(column, row)).ToArray();
    }
}
