using SegBench.Data;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Tests;

public sealed class ChildTableTests
{
    private const string Family = """
        schema: family
        as_of: 2025-03-31
        seed: 7
        tables:
          people:
            rows: 3000
            key: person_id
            columns:
              person_id: { type: id, format: "P{0:D7}" }
              wealth:    { type: money, dist: { lognormal: { median: 100000, sigma: 1 } } }
            segments:
              separation: 2
              members:
                poor: { weight: 3, shift: { wealth: { median: 20000 } } }
                rich: { weight: 1, shift: { wealth: { median: 2000000 } } }
          accounts:
            parent: people
            per_parent: { poisson: { mean: 1.5 } }
            max_per_parent: 8
            key: account_id
            columns:
              account_id: { type: id, format: "A{0:D9}" }
              owner:      { type: parent_key }
              owner_wealth: { type: parent_column, column: wealth }
              months:     { type: int, dist: { uniform: { min: 1, max: 12.99 } } }
              limit:      { type: money, dist: { lognormal: { median: 50000, sigma: 0.5 } } }
              propensity: { type: float, dist: { normal: { mean: 0, sd: 1 } }, hidden: true }
            segments:
              members:
                basic:   { weight: 3, parent_segments: { rich: 0.2 }, shift: { limit: { median: 20000 } } }
                premium: { weight: 1, parent_segments: { rich: 10 }, shift: { limit: { median: 400000 } } }
          entries:
            parent: accounts
            per_parent: { column: months }
            max_per_parent: 13
            columns:
              account: { type: parent_key }
              month:   { type: child_index }
              amount:  { type: money, dist: { lognormal: { median: 1000, sigma: 1 } } }
        """;

    private static string Generate(Shard? shard = null, string? directory = null, int threads = 2)
    {
        directory ??= TestData.TempDirectory();
        var plan = DatasetPlan.Compile(SchemaLoader.Load(TestData.WriteSchema(Family)));
        DatasetGenerator.Run(plan, new GenerateOptions { OutputDirectory = directory, Threads = threads, BatchRows = 700, Shard = shard });
        return directory;
    }

    [Fact]
    public void EveryForeignKeyExistsAndChildCountsFollowTheirParents()
    {
        var directory = Generate();
        var people = TestData.ReadCsv(Path.Combine(directory, "people.csv"));
        var accounts = TestData.ReadCsv(Path.Combine(directory, "accounts.csv"));
        var entries = TestData.ReadCsv(Path.Combine(directory, "entries.csv"));
        var personIds = Enumerable.Range(0, people.RowCount).Select(r => people.Text("person_id", r)).ToHashSet();
        var wealth = Enumerable.Range(0, people.RowCount).ToDictionary(r => people.Text("person_id", r)!, r => ((DoubleColumn)people["wealth"])[r]);
        accounts.RowCount.Should().BeInRange(4_200, 4_800, "about 1.5 accounts per person");
        for (var r = 0; r < accounts.RowCount; r++)
        {
            var owner = accounts.Text("owner", r)!;
            personIds.Should().Contain(owner);
            ((DoubleColumn)accounts["owner_wealth"])[r].Should().Be(wealth[owner], "parent_column copies the parent's value");
        }

        accounts.Schema.IndexOf("propensity").Should().Be(-1, "hidden columns are not written");
        var accountIds = Enumerable.Range(0, accounts.RowCount).Select(r => accounts.Text("account_id", r)!).ToArray();
        accountIds.Should().OnlyHaveUniqueItems();
        var months = Enumerable.Range(0, accounts.RowCount).ToDictionary(r => accountIds[r], r => ((Int64Column)accounts["months"])[r]);
        var entriesPerAccount = Enumerable.Range(0, entries.RowCount).GroupBy(r => entries.Text("account", r)!).ToDictionary(g => g.Key, g => g.Select(r => ((Int64Column)entries["month"])[r]).ToArray());
        foreach (var (account, count) in months)
        {
            entriesPerAccount.GetValueOrDefault(account, []).Should().Equal(Enumerable.Range(1, (int)count).Select(i => (long)i), $"account {account} has one entry per month");
        }
    }

    [Fact]
    public void ChildSegmentsDependOnTheParentSegment()
    {
        var directory = Generate();
        var people = TestData.ReadCsv(Path.Combine(directory, "people.truth.csv"));
        var accounts = TestData.ReadCsv(Path.Combine(directory, "accounts.csv"));
        var accountTruth = TestData.ReadCsv(Path.Combine(directory, "accounts.truth.csv"));
        var personSegment = Enumerable.Range(0, people.RowCount).ToDictionary(r => people.Text("person_id", r)!, r => people.Text("segment_name", r));
        double PremiumShare(string parentSegment)
        {
            var rows = Enumerable.Range(0, accounts.RowCount).Where(r => personSegment[accounts.Text("owner", r)!] == parentSegment).ToArray();
            return rows.Count(r => accountTruth.Text("segment_name", r) == "premium") / (double)rows.Length;
        }

        PremiumShare("rich").Should().BeGreaterThan(0.9, "premium is 10x as likely, basic 0.2x, for rich owners");
        PremiumShare("poor").Should().BeInRange(0.2, 0.3);
    }

    [Fact]
    public void ChildTablesShardLikeTheirRoot()
    {
        var whole = Generate();
        var sharded = TestData.TempDirectory();
        for (var i = 0; i < 3; i++)
        {
            Generate(new Shard(i, 3), sharded, threads: 1);
        }

        foreach (var table in new[] { "people", "accounts", "entries", "accounts.truth" })
        {
            var expected = File.ReadAllLines(Path.Combine(whole, $"{table}.csv")).Skip(1);
            var parts = Enumerable.Range(0, 3).SelectMany(i => File.ReadAllLines(Path.Combine(sharded, table, $"part-{i:00000}.csv")).Skip(1));
            parts.Should().Equal(expected, table);
        }
    }

    [Fact]
    public void WritingOnlyAChildTableGivesTheSameRows()
    {
        var whole = Generate();
        var directory = TestData.TempDirectory();
        DatasetGenerator.Run(DatasetPlan.Compile(SchemaLoader.Load(TestData.WriteSchema(Family))), new GenerateOptions { OutputDirectory = directory, Tables = ["entries"] });
        File.Exists(Path.Combine(directory, "people.csv")).Should().BeFalse();
        File.ReadAllBytes(Path.Combine(directory, "entries.csv")).Should().Equal(File.ReadAllBytes(Path.Combine(whole, "entries.csv")));
    }
}
