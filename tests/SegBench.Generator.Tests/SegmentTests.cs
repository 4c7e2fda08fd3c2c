using System.Reflection;
using SegBench.Data;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;
using SegBench.Generator.Segments;

namespace SegBench.Generator.Tests;

public sealed class SegmentTests
{
    private const int Rows = 30_000;
    private static readonly Lazy<(Table Data, BatchState State, TablePlan Plan)> Generated = new(() =>
    {
        var plan = TestData.Customers();
        var (data, state) = TestData.Generate(plan, Rows);
        return (data, state, plan);
    });

    private static int[] Segments => Generated.Value.State.Segments[..Rows];

    private static int SegmentId(string name) => Generated.Value.Plan.Segments.Names.ToList().IndexOf(name);

    [Fact]
    public void SegmentSizesFollowTheImbalancedWeights()
    {
        var plan = Generated.Value.Plan;
        for (var s = 0; s < plan.Segments.Count; s++)
        {
            var share = Segments.Count(x => x == s) / (double)Rows;
            share.Should().BeApproximately(plan.Segments.Weights[s] * 0.998, 0.012, plan.Segments.Names[s]);
        }

        Segments.Count(x => x < 0).Should().BeInRange(20, 120, "0.2% of rows are outliers");
    }

    [Fact]
    public void SegmentsShowInNumericColumns()
    {
        var age = (Int32Column)Generated.Value.Data["age"];
        var networth = (DoubleColumn)Generated.Value.Data["networth"];
        double MedianAge(string segment) => Median(Enumerable.Range(0, Rows).Where(r => Segments[r] == SegmentId(segment)).Select(r => (double)age[r]));
        double MedianNetworth(string segment) => Median(Enumerable.Range(0, Rows).Where(r => Segments[r] == SegmentId(segment) && !networth.IsNull(r)).Select(r => networth[r]));
        MedianAge("young_salaried").Should().BeInRange(26, 30);
        MedianAge("senior_depositors").Should().BeInRange(66, 70);
        MedianNetworth("affluent_investors").Should().BeGreaterThan(20 * MedianNetworth("mass_market_savers"));
    }

    [Fact]
    public void SegmentsShowInCategoricalColumns()
    {
        var demat = (BooleanColumn)Generated.Value.Data["has_demat_account"];
        var occupation = (StringColumn)Generated.Value.Data["occupation"];
        double Share(string segment, Func<int, bool> test)
        {
            var rows = Enumerable.Range(0, Rows).Where(r => Segments[r] == SegmentId(segment)).ToArray();
            return rows.Count(test) / (double)rows.Length;
        }

        Share("affluent_investors", r => demat[r]).Should().BeInRange(0.9, 0.99);
        Share("mass_market_savers", r => demat[r]).Should().BeLessThan(0.1);
        Share("senior_depositors", r => occupation.GetString(r) == "Retired").Should().BeGreaterThan(0.75);
    }

    [Fact]
    public void NuisanceColumnsDoNotDependOnTheSegment()
    {
        var gender = (StringColumn)Generated.Value.Data["gender"];
        for (var s = 0; s < Generated.Value.Plan.Segments.Count; s++)
        {
            var rows = Enumerable.Range(0, Rows).Where(r => Segments[r] == s).ToArray();
            var female = rows.Count(r => gender.GetString(r) == "Female") / (double)rows.Length;
            female.Should().BeApproximately(0.47, 4 * Math.Sqrt(0.25 / rows.Length) + 0.005, Generated.Value.Plan.Segments.Names[s]);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(11)]
    public void TheMostLikelySegmentIsTheScalarArgmaxOfTheScores(int segmentCount)
    {
        // 2 segments fill one vector of 4, 6 a pair of vectors, 11 a pair and then one more: the
        // vector code reads its lanes as one segment at a time would, row by row, outliers too.
        var members = string.Join("\n", Enumerable.Range(0, segmentCount).Select(s =>
            $"          s{s}: {{ weight: {1 + (s % 3)}, shift: {{ x: {{ z: {(s % 4) - 1.5} }}, y: {{ z: {(s % 3) - 1} }} }}, categories: {{ c: {{ A: {0.2 + (s % 2)}, B: 1, C: {0.1 + (s % 5)} }}, d: {{ P: {1 + s}, Q: 3 }} }} }}"));
        var yaml = $$"""
            schema: likely
            as_of: 2025-03-31
            seed: 5
            tables:
              t:
                rows: 1000
                columns:
                  x: { type: float, dist: { normal: { mean: 0, sd: 1 } } }
                  y: { type: float, dist: { normal: { mean: 0, sd: 1 } } }
                  w: { type: float, dist: { normal: { mean: 0, sd: 1 } } }
                  c: { type: categorical, values: { A: 1, B: 1, C: 1 } }
                  d: { type: categorical, values: { P: 1, Q: 1 } }
                  n: { type: categorical, values: { U: 1, V: 1 } }
                correlations:
                  - [x, y, 0.6]
                outliers: { rate: 0.05, scale: 3 }
                segments:
                  separation: 1
                  members:
            {{members}}
            """;
        var plan = DatasetPlan.Compile(SchemaLoader.Load(TestData.WriteSchema(yaml))).Table("t");
        var (_, state) = TestData.Generate(plan, 3_000);
        var model = plan.Segments;
        var likely = new int[state.Count];
        model.MostLikely(state.Segments.AsSpan(0, state.Count), state.Innovations, state.CategoryIndexes, likely);

        // The model's own tables, read as one segment at a time would read them.
        T Field<T>(string name) => (T)typeof(SegmentModel).GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(model)!;
        var lanes = Field<int>("_lanes");
        var logWeights = Field<double[]>("_laneLogWeights");
        var means = Field<double[]>("_laneMeans");
        var whitened = Field<double[][]>("_whitenedMeans");
        var slots = Field<int[]>("_signalSlots");
        var tables = Field<double[][]>("_signalLogWeights");
        slots.Should().HaveCount(2, "c and d carry the segments; n is a nuisance");
        var width = model.LatentCount;
        var outliers = 0;
        for (var r = 0; r < state.Count; r++)
        {
            var segment = state.Segments[r];
            outliers += segment < 0 ? 1 : 0;
            var point = Enumerable.Range(0, width).Select(d => segment < 0 ? model.Outliers!.Scale * state.Innovations[(r * width) + d] : state.Innovations[(r * width) + d] + whitened[segment][d]).ToArray();
            var best = 0;
            var bestScore = double.NegativeInfinity;
            for (var s = 0; s < segmentCount; s++)
            {
                var score = logWeights[s];
                for (var d = 0; d < width; d++)
                {
                    var difference = point[d] - means[(d * lanes) + s];
                    score -= 0.5 * difference * difference;
                }

                for (var i = 0; i < slots.Length; i++)
                {
                    score += tables[i][(state.CategoryIndexes[slots[i]][r] * lanes) + s];
                }

                if (score > bestScore)
                {
                    (best, bestScore) = (s, score);
                }
            }

            likely[r].Should().Be(best, $"row {r} (segment {segment})");
        }

        outliers.Should().BeGreaterThan(50, "outlier rows are checked too");
        likely.Distinct().Should().HaveCountGreaterThan(segmentCount / 2, "the rows spread over the segments");
    }

    [Fact]
    public void TheBayesCeilingRisesWithSeparation()
    {
        double Ceiling(double separation)
        {
            var plan = TestData.Customers(separation: separation);
            var (_, state) = TestData.Generate(plan, 8_000);
            var truth = ColumnBatch.CreateEmpty(plan.TruthSchema);
            var counts = new long[plan.Segments.Count * plan.Segments.Count];
            plan.FillTruth(state, truth, counts);
            return Difficulty.FromContingency(counts, plan.Segments.Count).BayesAri;
        }

        var low = Ceiling(0.5);
        var shipped = Ceiling(2.5);
        var high = Ceiling(6);
        low.Should().BeLessThan(shipped);
        shipped.Should().BeLessThanOrEqualTo(high);
        shipped.Should().BeGreaterThan(0.95, "the shipped default is clearly separable by the generating model");
        low.Should().BeLessThan(0.8, "at low separation even the Bayes classifier confuses segments");
    }

    [Fact]
    public void TheTruthMarksOutliersAndAgreesWithTheMostLikelySegmentMostOfTheTime()
    {
        var plan = Generated.Value.Plan;
        var truth = ColumnBatch.CreateEmpty(plan.TruthSchema);
        var counts = new long[plan.Segments.Count * plan.Segments.Count];
        plan.FillTruth(Generated.Value.State, truth, counts);
        var segment = (Int32Column)truth["segment"];
        var names = (StringColumn)truth["segment_name"];
        for (var r = 0; r < Rows; r++)
        {
            names.GetString(r).Should().Be(segment[r] < 0 ? "outlier" : plan.Segments.Names[segment[r]]);
        }

        ((StringColumn)truth["customer_id"]).GetString(0).Should().Be("CUST000000001");
        var difficulty = Difficulty.FromContingency(counts, plan.Segments.Count);
        difficulty.BayesAccuracy.Should().BeInRange(0.95, 1.0);
        difficulty.SegmentRows.Sum().Should().Be(Segments.Count(s => s >= 0));
    }

    [Fact]
    public void DifficultyMatchesAHandComputedAri()
    {
        // [[2,1],[0,3]]: pairs in cells 4, rows 6, columns 7, all 15; ARI = (4 - 2.8) / (6.5 - 2.8) = 12/37.
        Difficulty.FromContingency([2, 1, 0, 3], 2).BayesAri.Should().BeApproximately(12.0 / 37.0, 1e-12);
        Difficulty.FromContingency([5, 0, 0, 5], 2).BayesAri.Should().Be(1.0);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
