using SegBench.Data;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Tests;

public sealed class DeterminismTests
{
    private static DatasetPlan Plan(ulong? seed = null) => DatasetPlan.Compile(SchemaLoader.Load(TestData.ShippedSchema()), seed);

    private static string GenerateTo(DatasetPlan plan, int threads = 2, int batchRows = 4096, Shard? shard = null, string? directory = null, long rows = 9_000)
    {
        directory ??= TestData.TempDirectory();
        DatasetGenerator.Run(plan, new GenerateOptions { OutputDirectory = directory, Rows = rows, Threads = threads, BatchRows = batchRows, Shard = shard });
        return directory;
    }

    [Fact]
    public void SameSeedGivesIdenticalBytes()
    {
        var first = GenerateTo(Plan());
        var second = GenerateTo(Plan());
        File.ReadAllBytes(Path.Combine(first, "customers.csv")).Should().Equal(File.ReadAllBytes(Path.Combine(second, "customers.csv")));
        File.ReadAllBytes(Path.Combine(first, "customers.truth.csv")).Should().Equal(File.ReadAllBytes(Path.Combine(second, "customers.truth.csv")));
    }

    [Fact]
    public void ThreadCountAndBatchSizeDoNotChangeTheBytes()
    {
        var reference = File.ReadAllBytes(Path.Combine(GenerateTo(Plan(), threads: 1, batchRows: 16_384), "customers.csv"));
        File.ReadAllBytes(Path.Combine(GenerateTo(Plan(), threads: 2, batchRows: 1_000), "customers.csv")).Should().Equal(reference);
        File.ReadAllBytes(Path.Combine(GenerateTo(Plan(), threads: 3, batchRows: 777), "customers.csv")).Should().Equal(reference);
    }

    [Fact]
    public void ShardsConcatenateToTheWholeDataset()
    {
        var whole = GenerateTo(Plan());
        var sharded = TestData.TempDirectory();
        for (var i = 0; i < 3; i++)
        {
            GenerateTo(Plan(), shard: new Shard(i, 3), directory: sharded);
        }

        foreach (var (folder, file) in new[] { ("customers", "customers.csv"), ("customers.truth", "customers.truth.csv") })
        {
            var lines = File.ReadAllLines(Path.Combine(whole, file));
            var parts = Enumerable.Range(0, 3).SelectMany(i => File.ReadAllLines(Path.Combine(sharded, folder, $"part-{i:00000}.csv")).Skip(1));
            parts.Should().Equal(lines.Skip(1), $"{folder} shards concatenated must equal the whole file");
            File.ReadLines(Path.Combine(sharded, folder, "part-00002.csv")).First().Should().Be(lines[0], "each shard has its header");
        }

        var manifest = Manifest.Load(Path.Combine(sharded, "manifest.json"));
        manifest.Shards.Should().Equal(0, 1, 2);
        manifest.Tables.Single().Rows.Should().Be(9_000);
        manifest.Tables.Single().Files.Should().HaveCount(6);
        foreach (var file in manifest.Tables.Single().Files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(sharded, file.Path));
            ("xxh128:" + Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(bytes))).Should().Be(file.Checksum, file.Path);
        }
    }

    [Fact]
    public void ADifferentSeedGivesDifferentData()
    {
        var (a, _) = TestData.Generate(Plan(1).Table("customers"), 200);
        var (b, _) = TestData.Generate(Plan(2).Table("customers"), 200);
        var differing = Enumerable.Range(0, 200).Count(r => a.Text("customer_name", r) != b.Text("customer_name", r));
        differing.Should().BeGreaterThan(150);
        ((DoubleColumn)a["annual_income"]).Values.ToArray().Should().NotEqual(((DoubleColumn)b["annual_income"]).Values.ToArray());
    }

    [Fact]
    public void AddingOrReorderingColumnsChangesNoOtherColumn()
    {
        var original = File.ReadAllText(TestData.ShippedSchema());
        var extended = original
            .Replace("      loyalty_score:          { type: float", "      extra_score:            { type: float, dist: { normal: { mean: 0, sd: 1 } } }\n      extra_flag:             { type: bool, p: 0.5 }\n      loyalty_score:          { type: float", StringComparison.Ordinal);
        var reordered = original.Replace(
            "      customer_name:          { type: person_name, gender_of: gender }\n      gender:                 { type: categorical, values: { Male: 0.53, Female: 0.47 } }\n",
            "      gender:                 { type: categorical, values: { Male: 0.53, Female: 0.47 } }\n      customer_name:          { type: person_name, gender_of: gender }\n",
            StringComparison.Ordinal);
        extended.Should().NotBe(original);
        reordered.Should().NotBe(original);

        var (baseline, _) = TestData.Generate(TestData.Customers(), 2_000);
        foreach (var variant in new[] { extended, reordered })
        {
            var plan = DatasetPlan.Compile(SchemaLoader.Load(TestData.WriteSchema(variant))).Table("customers");
            var (other, _) = TestData.Generate(plan, 2_000);
            foreach (var field in baseline.Schema.Fields)
            {
                var expected = Csv(baseline, field.Name);
                Csv(other, field.Name).Should().Equal(expected, $"column {field.Name} must not change");
            }
        }
    }

    [Fact]
    public void MissingnessOnlyBlanksCellsAndNeverMovesValues()
    {
        var original = File.ReadAllText(TestData.ShippedSchema());
        var withoutMissing = original.Replace(", missing: 0.02", "", StringComparison.Ordinal).Replace(", missing: 0.03", "", StringComparison.Ordinal);
        withoutMissing.Should().NotBe(original);
        var (withGaps, _) = TestData.Generate(TestData.Customers(), 5_000);
        var (complete, _) = TestData.Generate(DatasetPlan.Compile(SchemaLoader.Load(TestData.WriteSchema(withoutMissing))).Table("customers"), 5_000);
        var networth = (DoubleColumn)withGaps["networth"];
        var full = (DoubleColumn)complete["networth"];
        full.NullCount.Should().Be(0);
        networth.NullCount.Should().BeInRange(60, 150, "2% of 5,000 rows are blanked");
        for (var r = 0; r < 5_000; r++)
        {
            if (!networth.IsNull(r))
            {
                networth[r].Should().Be(full[r]);
            }
        }
    }

    [Fact]
    public void ARuleThatSkipsDrawingBlankedRowsLeavesTheOtherRowsAsTheyWere()
    {
        // The demat generator skips the rows its 'when' blanks. Without the rule it draws every row;
        // the rows with an account must hold the same numbers either way, and the rest be empty.
        var original = File.ReadAllText(TestData.ShippedSchema());
        var everyone = original.Replace(", when: has_demat_account }", " }", StringComparison.Ordinal);
        everyone.Should().NotBe(original);
        var (holders, _) = TestData.Generate(TestData.Customers(), 5_000);
        var (all, _) = TestData.Generate(DatasetPlan.Compile(SchemaLoader.Load(TestData.WriteSchema(everyone))).Table("customers"), 5_000);
        var hasAccount = (BooleanColumn)holders["has_demat_account"];
        var present = 0;
        for (var r = 0; r < 5_000; r++)
        {
            if (hasAccount[r])
            {
                present++;
                holders.Text("demat_account_no", r).Should().Be(all.Text("demat_account_no", r)).And.HaveLength(16);
            }
            else
            {
                holders["demat_account_no"].IsNull(r).Should().BeTrue();
                all.Text("demat_account_no", r).Should().HaveLength(16, "without the rule every row has a number");
            }
        }

        present.Should().BeInRange(500, 4_500, "both kinds of row are checked (about 30% hold an account)");
    }

    private static string[] Csv(Table table, string column)
    {
        var single = new TableSchema([table.Schema[table.Schema.IndexOf(column)]]);
        var bytes = SegBench.Data.Formats.Csv.CsvTableWriter.EncodeRows(new ColumnBatch(single, [table[column]]));
        return System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
    }
}
