using SegBench.Data.Formats;
using SegBench.Data.Tests.Parquet;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Tests;

public sealed class ParquetOutputTests
{
    [Fact]
    public void ParquetAndCsvOfTheSameSeedHoldTheSameRowsInDuckDb()
    {
        var plan = DatasetPlan.Compile(SchemaLoader.Load(TestData.ShippedSchema()));
        var csv = TestData.TempDirectory();
        var parquet = TestData.TempDirectory();
        DatasetGenerator.Run(plan, new GenerateOptions { OutputDirectory = csv, Rows = 6_000, BatchRows = 2_500 });
        var result = DatasetGenerator.Run(plan, new GenerateOptions { OutputDirectory = parquet, Rows = 6_000, BatchRows = 2_500, Format = TableFormat.Parquet });

        result.Manifest.Format.Should().Be("parquet");
        var table = plan.Table("customers");
        foreach (var (name, schema) in new[] { ("customers", table.DataSchema), ("customers.truth", table.TruthSchema) })
        {
            var schemaJson = DuckDb.WriteSchemaJson(schema, Path.Combine(parquet, $"{name}.schema.json"));
            var compared = DuckDb.Run("compare.mjs", Path.Combine(parquet, $"{name}.parquet"), Path.Combine(csv, $"{name}.csv"), schemaJson);
            compared.ExitCode.Should().Be(0, compared.ToString());
        }

        new FileInfo(Path.Combine(parquet, "customers.parquet")).Length.Should().BeLessThan(new FileInfo(Path.Combine(csv, "customers.csv")).Length / 2);
    }
}
