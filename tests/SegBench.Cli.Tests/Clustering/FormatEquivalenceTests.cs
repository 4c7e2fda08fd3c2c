using System.Globalization;
using System.Text.Json;
using SegBench.Data;
using SegBench.Data.Formats;

namespace SegBench.Cli.Tests.Clustering;

/// <summary>The same dataset as CSV, Parquet and XLSX clusters to identical assignments and the same features.</summary>
public sealed class FormatEquivalenceTests : IDisposable
{
    private const int Rows = 2000;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("kmeans")]
    [InlineData("minibatch-kmeans")]
    public void CsvParquetAndXlsxGiveIdenticalAssignments(string algorithm)
    {
        foreach (var format in new[] { "csv", "parquet" })
        {
            var generate = Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", Rows.ToString(CultureInfo.InvariantCulture), "--seed", "5", "--format", format, "--out", _folder[format]);
            generate.ExitCode.Should().Be(ExitCodes.Ok, generate.Error);
        }

        // The workbook sits beside a copy of the CSV's manifest, which types its columns (identifiers stay text).
        Directory.CreateDirectory(_folder["xlsx"]);
        File.Copy(_folder["csv/manifest.json"], _folder["xlsx/manifest.json"]);
        WriteWorkbookFrom(_folder["csv/customers.csv"], _folder["csv/manifest.json"], _folder["xlsx/customers.xlsx"]);

        var inputs = new[] { ("csv", "csv/customers.csv"), ("parquet", "parquet/customers.parquet"), ("xlsx", "xlsx/customers.xlsx") };
        var features = new List<string[]>();
        foreach (var (name, file) in inputs)
        {
            var result = Cli.Run("cluster", "--input", _folder[file], "--manifest", _folder[$"{name}/manifest.json"], "--algorithm", algorithm, "--k", "5", "--seed", "3", "--encode", "onehot", "--out", _folder[$"run-{name}"], "--json");
            result.ExitCode.Should().Be(ExitCodes.Ok, $"{name}: {result.Error}");
            using var json = JsonDocument.Parse(File.ReadAllText(_folder[$"run-{name}/model.json"]));
            features.Add([.. json.RootElement.GetProperty("input_columns").EnumerateArray().Select(c => c.GetString()!)]);
        }

        var csv = File.ReadAllText(_folder["run-csv/assignments.csv"]);
        csv.Should().StartWith("customer_id,cluster\nCUST");
        File.ReadAllText(_folder["run-parquet/assignments.csv"]).Should().Be(csv);
        File.ReadAllText(_folder["run-xlsx/assignments.csv"]).Should().Be(csv);
        features[0].Should().Contain("annual_income").And.NotContain("zip_code");
        features[1].Should().Equal(features[0]);
        features[2].Should().Equal(features[0]);
    }

    // Every cell as the CSV's text, except numeric columns, which become numeric cells as a spreadsheet holds them.
    private static void WriteWorkbookFrom(string csvPath, string manifestPath, string workbookPath)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath));
        var types = manifest.RootElement.GetProperty("tables")[0].GetProperty("columns").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("type").GetString()!, StringComparer.Ordinal);
        var header = File.ReadLines(csvPath).First().Split(',');
        Table table;
        using (var reader = TableReaders.Open(csvPath, TableReadOptions.Defaults with { ColumnTypes = header.ToDictionary(h => h, _ => ColumnType.String, StringComparer.Ordinal) }))
        {
            table = reader.ReadAll();
        }

        var rows = new List<object?[]> { header.Cast<object?>().ToArray() };
        for (var r = 0; r < table.RowCount; r++)
        {
            var cells = new object?[header.Length];
            for (var c = 0; c < header.Length; c++)
            {
                if (((StringColumn)table.Columns[c]).GetString(r) is not { Length: > 0 } text)
                {
                    continue;
                }

                cells[c] = types[header[c]] is "int32" or "int64" or "double" ? double.Parse(text, CultureInfo.InvariantCulture) : text;
            }

            rows.Add(cells);
        }

        XlsxInputTests.WriteWorkbook(workbookPath, ("customers", [.. rows.Select(r => (object[])r!)]));
    }
}
