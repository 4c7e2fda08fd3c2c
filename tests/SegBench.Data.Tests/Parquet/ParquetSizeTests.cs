using SegBench.Data;
using SegBench.Data.Formats.Parquet;
using Xunit.Abstractions;

namespace SegBench.Data.Tests.Parquet;

/// <summary>Parquet against CSV on a realistic customer table: size, and DuckDB agreeing on content.</summary>
public sealed class ParquetSizeTests(ITestOutputHelper output) : IDisposable
{
    private const int Rows = 100_000;

    private static readonly string[] FirstNames = ["Aarav", "Vivaan", "Aditya", "Ananya", "Diya", "Ishaan", "Kavya", "Rohan", "Saanvi", "Arjun", "Meera", "Priya", "Rahul", "Sneha", "Vikram", "Lakshmi", "Farhan", "Zoya", "Gurpreet", "Nikhil"];

    private static readonly string[] Surnames = ["Sharma", "Verma", "Iyer", "Reddy", "Nair", "Patel", "Shah", "Gupta", "Khan", "Singh", "Mukherjee", "Das", "Menon", "Joshi", "Kulkarni", "Chatterjee", "Rao", "Pillai", "Bose", "Mehta"];

    private static readonly string[] Cities = ["Mumbai", "Delhi", "Bengaluru", "Hyderabad", "Chennai", "Kolkata", "Pune", "Ahmedabad", "Jaipur", "Lucknow", "Kochi", "Indore", "Bhopal", "Chandigarh", "Nagpur", "Surat", "Patna", "Guwahati", "Mysuru", "Coimbatore"];

    private readonly string _directory = Directory.CreateTempSubdirectory("segbench-parquet-size-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ParquetOfARealisticTableIsSmallerThanItsCsvAndDuckDbAgreesOnTheRows()
    {
        var (schema, batches) = CustomerTable();
        var csv = Path.Combine(_directory, "customers.csv");
        ParquetTestData.WriteCsv(csv, schema, batches);
        var csvBytes = new FileInfo(csv).Length;
        output.WriteLine($"{Rows} rows, {schema.Count} columns");
        output.WriteLine($"CSV: {csvBytes:N0} bytes");

        var sizes = new Dictionary<ParquetCompression, long>();
        foreach (var compression in Enum.GetValues<ParquetCompression>())
        {
            var path = Path.Combine(_directory, $"customers-{compression}.parquet");
            ParquetTestData.Write(path, schema, new ParquetWriterOptions { Compression = compression }, batches);
            sizes[compression] = new FileInfo(path).Length;
            output.WriteLine($"Parquet {compression}: {sizes[compression]:N0} bytes ({100.0 * sizes[compression] / csvBytes:F1}% of CSV)");
        }

        sizes[ParquetCompression.Snappy].Should().BeLessThan(csvBytes / 2);
        sizes[ParquetCompression.Gzip].Should().BeLessThan(sizes[ParquetCompression.Snappy]);
        sizes[ParquetCompression.Snappy].Should().BeLessThan(sizes[ParquetCompression.Uncompressed]);

        var snappy = Path.Combine(_directory, "customers-Snappy.parquet");
        var compared = DuckDb.Run("compare.mjs", snappy, csv, DuckDb.WriteSchemaJson(schema, Path.Combine(_directory, "schema.json")));
        compared.ExitCode.Should().Be(0, compared.ToString());
        ParquetTestData.ShouldEqual(ParquetTestData.Read(snappy), batches);
    }

    private static (TableSchema Schema, ColumnBatch[] Batches) CustomerTable()
    {
        var schema = new TableSchema([
            new ColumnField("customer_id", ColumnType.String, ColumnRole.Identifier),
            new ColumnField("customer_name", ColumnType.String, ColumnRole.Text),
            new ColumnField("city", ColumnType.String),
            new ColumnField("age", ColumnType.Int32),
            new ColumnField("annual_income", ColumnType.Double),
            new ColumnField("networth", ColumnType.Double),
            new ColumnField("credit_limit", ColumnType.Int64),
            new ColumnField("has_demat", ColumnType.Boolean),
            new ColumnField("card_count", ColumnType.Int32),
            new ColumnField("opened_on", ColumnType.Date),
            new ColumnField("last_transaction", ColumnType.Date),
        ]);
        var random = new Random(42);
        const int BatchRows = 16_384;
        var batches = new List<ColumnBatch>();
        for (var start = 0; start < Rows; start += BatchRows)
        {
            var count = Math.Min(BatchRows, Rows - start);
            var batch = ColumnBatch.CreateEmpty(schema, count, start);
            var nulls = new List<(Column, int)>();
            for (var r = 0; r < count; r++)
            {
                var row = start + r;
                ((StringColumn)batch.Columns[0]).Append($"CUST{row:D9}");
                ((StringColumn)batch.Columns[1]).Append($"{FirstNames[random.Next(FirstNames.Length)]} {Surnames[random.Next(Surnames.Length)]}");
                ((StringColumn)batch.Columns[2]).Append(Cities[Math.Min(Cities.Length - 1, (int)(-Math.Log(1 - random.NextDouble()) * 5))]);
                var age = (int)Math.Clamp(38 + (12 * Normal(random)), 18, 90);
                ((Int32Column)batch.Columns[3]).Append(age);
                var income = Math.Round(600_000 * Math.Exp(0.8 * Normal(random)), 2);
                ((DoubleColumn)batch.Columns[4]).Append(income);
                ((DoubleColumn)batch.Columns[5]).Append(Math.Round(900_000 * Math.Exp(1.1 * Normal(random)), 2));
                ((Int64Column)batch.Columns[6]).Append((long)(income * 0.3 / 5000) * 5000);
                ((BooleanColumn)batch.Columns[7]).Append(random.NextDouble() < 0.3);
                ((Int32Column)batch.Columns[8]).Append(random.Next(0, 4));
                ((DateColumn)batch.Columns[9]).Append(new DateOnly(2005, 1, 1).AddDays(random.Next(7000)));
                ((DateColumn)batch.Columns[10]).Append(new DateOnly(2024, 1, 1).AddDays(random.Next(365)));
                if (random.NextDouble() < 0.02)
                {
                    nulls.Add((batch.Columns[5], r));
                }

                if (random.NextDouble() < 0.1)
                {
                    nulls.Add((batch.Columns[10], r));
                }
            }

            ParquetTestData.MarkNulls(nulls);
            batches.Add(batch);
        }

        return (schema, [.. batches]);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
