using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using System.Text.Json;

namespace SegBench.Cli.Tests.Clustering;

/// <summary>cluster reads a named sheet of a workbook; the clustering is scored like any other.</summary>
public sealed class XlsxInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ANamedSheetIsClusteredAndScoredByKey()
    {
        // Two well-separated blobs on the second sheet; the first sheet is notes that must not be read.
        var random = new Random(11);
        var rows = new List<object[]> { new object[] { "id", "income", "age" } };
        var truth = new StringBuilder("id,segment\n");
        for (var i = 0; i < 200; i++)
        {
            var segment = i % 2;
            rows.Add([$"C{i:D4}", (segment == 0 ? 300_000.0 : 3_000_000.0) * (1 + (0.1 * (random.NextDouble() - 0.5))), segment == 0 ? 25 + random.Next(5) : 60 + random.Next(5)]);
            truth.Append(CultureInfo.InvariantCulture, $"C{i:D4},{segment}\n");
        }

        var book = _folder["book.xlsx"];
        WriteWorkbook(book, ("Notes", [["note"], ["not data"]]), ("Customers", [.. rows]));
        var truthPath = _folder.Write("truth.csv", truth.ToString());

        var result = Cli.Run("cluster", "--input", book, "--sheet", "Customers", "--k", "2", "--key", "id", "--out", _folder["run"], "--json");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("input_columns").EnumerateArray().Select(c => c.GetString()).Should().Equal("income", "age");
        var scores = ClusteredDataset.ScoreJson("--truth", truthPath, "--pred", _folder["run/assignments.csv"]);
        scores.GetProperty("ari").GetDouble().Should().Be(1.0);
    }

    [Fact]
    public void AMissingSheetFailsNamingIt()
    {
        var book = _folder["book.xlsx"];
        WriteWorkbook(book, ("Customers", [["id", "age"], ["C1", 30]]));

        var result = Cli.Run("cluster", "--input", book, "--sheet", "March", "--k", "1", "--out", _folder["run"]);

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"segbench: {book}").And.Contain("March");
        _folder.Files("run").Should().BeEmpty();
    }

    // The smallest workbook the reader accepts: inline strings and numbers, no styles.
    internal static void WriteWorkbook(string path, params (string Name, object[][] Rows)[] sheets)
    {
        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var types = new StringBuilder("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>");
        var workbook = new StringBuilder();
        var links = new StringBuilder();
        for (var s = 0; s < sheets.Length; s++)
        {
            var number = s + 1;
            types.Append(CultureInfo.InvariantCulture, $"<Override PartName=\"/xl/worksheets/sheet{number}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
            workbook.Append(CultureInfo.InvariantCulture, $"<sheet name=\"{SecurityElement.Escape(sheets[s].Name)}\" sheetId=\"{number}\" r:id=\"rId{number}\"/>");
            links.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rId{number}\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/sheet{number}.xml\"/>");
            var xml = new StringBuilder($"<worksheet xmlns=\"{Main}\"><sheetData>");
            for (var r = 0; r < sheets[s].Rows.Length; r++)
            {
                xml.Append(CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
                for (var c = 0; c < sheets[s].Rows[r].Length; c++)
                {
                    if (sheets[s].Rows[r][c] is null)
                    {
                        continue;
                    }

                    var reference = $"{ColumnLetters(c)}{r + 1}";
                    xml.Append(sheets[s].Rows[r][c] is string text
                        ? $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(text)}</t></is></c>"
                        : string.Create(CultureInfo.InvariantCulture, $"<c r=\"{reference}\"><v>{sheets[s].Rows[r][c]:R}</v></c>"));
                }

                xml.Append("</row>");
            }

            Add(zip, $"xl/worksheets/sheet{number}.xml", xml.Append("</sheetData></worksheet>").ToString());
        }

        Add(zip, "[Content_Types].xml", types.Append("</Types>").ToString());
        Add(zip, "_rels/.rels", $"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{Relationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        Add(zip, "xl/workbook.xml", $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\"><sheets>{workbook}</sheets></workbook>");
        Add(zip, "xl/_rels/workbook.xml.rels", $"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{links}</Relationships>");
    }

    // 0 → A, 25 → Z, 26 → AA.
    private static string ColumnLetters(int column) =>
        column < 26 ? ((char)('A' + column)).ToString() : ColumnLetters((column / 26) - 1) + (char)('A' + (column % 26));

    private static void Add(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml));
    }
}
