using System.Text;
using SegBench.Data;
using SegBench.Data.Formats.Csv;

namespace SegBench.Data.Tests;

public sealed class CsvTableWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("segbench-csv-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void WritesHeaderNullsQuotingAndInvariantNumbers()
    {
        var schema = new TableSchema([
            new ColumnField("name", ColumnType.String),
            new ColumnField("amount", ColumnType.Double),
            new ColumnField("count", ColumnType.Int32),
            new ColumnField("flag", ColumnType.Boolean),
            new ColumnField("day", ColumnType.Date),
        ]);
        var batch = ColumnBatch.CreateEmpty(schema);
        ((StringColumn)batch.Columns[0]).Append("Rao, \"Jr\"");
        ((DoubleColumn)batch.Columns[1]).Append(1234.5);
        ((Int32Column)batch.Columns[2]).Append(-7);
        ((BooleanColumn)batch.Columns[3]).Append(true);
        ((DateColumn)batch.Columns[4]).Append(new DateOnly(2024, 3, 31));
        foreach (var column in batch.Columns)
        {
            column.AppendNull();
        }

        var path = Path.Combine(_directory, "t.csv");
        using (var writer = new CsvTableWriter(path, schema))
        {
            writer.Append(writer.Encode(batch));
            writer.Commit();
        }

        File.ReadAllText(path, Encoding.UTF8).Should().Be(
            "name,amount,count,flag,day\n\"Rao, \"\"Jr\"\"\",1234.5,-7,true,2024-03-31\n,,,,\n");
    }

    [Fact]
    public void AnUncommittedWriterLeavesNoFile()
    {
        var schema = new TableSchema([new ColumnField("x", ColumnType.Int64)]);
        var path = Path.Combine(_directory, "never.csv");
        using (var writer = new CsvTableWriter(path, schema))
        {
            var batch = ColumnBatch.CreateEmpty(schema);
            ((Int64Column)batch.Columns[0]).Append(1);
            writer.Append(writer.Encode(batch));
        }

        Directory.GetFiles(_directory).Should().BeEmpty();
    }
}
