using SegBench.Data;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Tests;

/// <summary>'when' and 'missing' blank exactly the cells their conditions select, judged from the columns they test.</summary>
public sealed class PresenceTests
{
    private const string Rules = """
        schema: presence
        as_of: 2025-03-31
        seed: 3
        tables:
          t:
            rows: 20000
            columns:
              flag:    { type: bool, p: 0.3 }
              tier:    { type: categorical, values: { A: 0.5, B: 0.3, C: 0.2 } }
              amount:  { type: float, dist: { uniform: { min: 0, max: 100 } } }
              score:   { type: int, dist: { uniform: { min: 0, max: 10.99 } }, missing: 0.2 }
              flagged: { type: int, dist: { poisson: { mean: 3 } }, when: flag }
              b_or_c:  { type: float, dist: { normal: { mean: 0, sd: 1 } }, when: { column: tier, in: [B, C] } }
              middle:  { type: int, dist: { poisson: { mean: 3 } }, when: { column: amount, above: 20, below: 60 } }
              scored:  { type: int, dist: { poisson: { mean: 3 } }, when: { column: score, above: 4 } }
              gaps_a:  { type: float, dist: { normal: { mean: 0, sd: 1 } }, missing: { rate: 0.5, when: { column: tier, equals: A } } }
              gaps:    { type: float, dist: { normal: { mean: 0, sd: 1 } }, missing: 0.1 }
        """;

    [Fact]
    public void RulesBlankExactlyTheRowsTheirConditionsSelect()
    {
        var (t, _) = TestData.Generate(DatasetPlan.Compile(SchemaLoader.Load(TestData.WriteSchema(Rules))).Table("t"), 20_000);
        var withoutGaps = Rules.Replace(" }, missing: 0.2 }", " } }", StringComparison.Ordinal);
        withoutGaps.Should().NotBe(Rules);
        var (whole, _) = TestData.Generate(DatasetPlan.Compile(SchemaLoader.Load(TestData.WriteSchema(withoutGaps))).Table("t"), 20_000);
        var flag = (BooleanColumn)t["flag"];
        var amount = (DoubleColumn)t["amount"];
        var score = (Int32Column)t["score"];
        var generatedScore = (Int32Column)whole["score"];
        var gapsInA = 0;
        var rowsInA = 0;
        for (var r = 0; r < 20_000; r++)
        {
            var tier = t.Text("tier", r);
            t["flagged"].IsNull(r).Should().Be(!flag[r], $"row {r}: 'when: flag'");
            t["b_or_c"].IsNull(r).Should().Be(tier is not ("B" or "C"), $"row {r}: tier {tier}");
            t["middle"].IsNull(r).Should().Be(amount[r] is not (> 20 and < 60), $"row {r}: amount {amount[r]}");

            // Rules read values as generated: a score blanked by chance still decides 'scored'.
            if (!score.IsNull(r))
            {
                score[r].Should().Be(generatedScore[r]);
            }

            t["scored"].IsNull(r).Should().Be(generatedScore[r] <= 4, $"row {r}: score {generatedScore[r]}");
            if (tier == "A")
            {
                rowsInA++;
                gapsInA += t["gaps_a"].IsNull(r) ? 1 : 0;
            }
            else
            {
                t["gaps_a"].IsNull(r).Should().BeFalse($"row {r}: values outside tier A are never missing");
            }
        }

        ((double)gapsInA / rowsInA).Should().BeApproximately(0.5, 0.03, "half of tier A's cells are missing");
        (t["gaps"].NullCount / 20_000.0).Should().BeApproximately(0.1, 0.01);
        (score.NullCount / 20_000.0).Should().BeApproximately(0.2, 0.015);
    }
}
