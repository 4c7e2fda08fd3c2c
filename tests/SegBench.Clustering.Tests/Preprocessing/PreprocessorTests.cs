using SegBench.Clustering.Preprocessing;
using SegBench.Data;
using static SegBench.Clustering.Tests.Preprocessing.TestTables;

namespace SegBench.Clustering.Tests.Preprocessing;

public sealed class PreprocessorTests
{
    private static readonly PreprocessingOptions Unscaled = PreprocessingOptions.Defaults with { Scaling = ScalingMethod.None };

    [Fact]
    public void SchemaRolesDecideTheColumnsWhenTheyAreGiven()
    {
        var table = Build(
            Strings("customer_code", ColumnRole.Identifier, "a", "b", "c"),
            Strings("remarks", ColumnRole.Text, "x", "y", "z"),
            Doubles("income", 1, 2, 3));

        var pipeline = Preprocessor.Fit(table);

        pipeline.OutputColumnNames.Should().Equal("income");
        pipeline.State.Skipped.Select(s => s.Reason).Should().Equal("identifier role", "text role");
    }

    [Fact]
    public void WithoutRolesIdentifiersNamesAndFreeTextAreLeftOut()
    {
        var rows = 40;
        var table = Build(
            Strings("ref_code", Enumerable.Range(0, rows).Select(i => $"R{i:D6}").ToArray()),
            Strings("customer_name", Enumerable.Range(0, rows).Select(i => $"Person {i % 7}").ToArray()),
            Strings("notes", Enumerable.Range(0, rows).Select(i => new string('x', 60) + (i % 3)).ToArray()),
            Strings("city", Enumerable.Range(0, rows).Select(i => i % 2 == 0 ? "Pune" : "Delhi").ToArray()),
            Ints("age", Enumerable.Range(20, rows).ToArray()));

        var pipeline = Preprocessor.Fit(table, Unscaled);

        pipeline.OutputColumnNames.Should().Equal("city=Delhi", "city=Pune", "age");
        pipeline.State.Skipped.Should().Contain(new SkippedColumn("ref_code", "nearly unique text (an identifier)"))
            .And.Contain(new SkippedColumn("customer_name", "the name suggests an identifier or personal detail"))
            .And.Contain(new SkippedColumn("notes", "long free text"));
    }

    [Fact]
    public void FeaturesAndExcludeOverrideTheAutomaticChoice()
    {
        var table = Build(Doubles("a", 1, 2), Doubles("b", 3, 4), Strings("customer_name", "x", "y"));

        var listed = Preprocessor.Fit(table, Unscaled with { Features = ["customer_name", "b", "a"], Exclude = ["a"] });
        var excluded = Preprocessor.Fit(table, Unscaled with { Exclude = ["b"] });

        listed.OutputColumnNames.Should().Equal("customer_name=x", "customer_name=y", "b");
        excluded.OutputColumnNames.Should().Equal("a");
    }

    [Fact]
    public void AListedFeatureThatIsNotInTheTableIsNamed()
    {
        var table = Build(Doubles("a", 1, 2));

        var act = () => Preprocessor.Fit(table, PreprocessingOptions.Defaults with { Features = ["balance"] });

        act.Should().Throw<PreprocessingException>().WithMessage("*'balance'*").Which.Column.Should().Be("balance");
    }

    [Theory]
    [InlineData(ImputationStrategy.Mean, 4.0)]
    [InlineData(ImputationStrategy.Median, 1.5)]
    [InlineData(ImputationStrategy.MostFrequent, 1.0)]
    public void MissingNumbersAreImputedByTheChosenStatistic(ImputationStrategy strategy, double expected)
    {
        var table = Build(Doubles("x", 1, 1, null, 2, 12));

        var matrix = Preprocessor.Fit(table, Unscaled with { Imputation = strategy }).Transform(table);

        Column(matrix, "x").Should().Equal(1, 1, expected, 2, 12);
    }

    [Fact]
    public void NearestNeighbourImputationFollowsTheOtherColumns()
    {
        // y = 10·x, so a row with x = 7 and y missing should get about 70, not the mean of y.
        var xs = Enumerable.Range(0, 30).Select(i => (double?)i).ToArray();
        var ys = xs.Select(x => x * 10).ToArray();
        ys[7] = null;
        var table = Build(Doubles("x", xs), Doubles("y", ys));

        var matrix = Preprocessor.Fit(table, Unscaled with { Imputation = ImputationStrategy.KNearestNeighbors, NearestNeighbors = 2 }).Transform(table);

        Column(matrix, "y")[7].Should().BeApproximately(70, 1e-9); // neighbours x = 6 and 8
    }

    [Fact]
    public void StandardScalingGivesZeroMeanAndUnitVariance()
    {
        var table = Build(Doubles("x", 2, 4, 4, 4, 5, 5, 7, 9));

        var values = Column(Preprocessor.Fit(table).Transform(table), "x");

        values.Average().Should().BeApproximately(0, 1e-12);
        values.Select(v => v * v).Average().Should().BeApproximately(1, 1e-12);
        values[0].Should().BeApproximately(-1.5, 1e-12); // (2 - 5) / 2
    }

    [Fact]
    public void RobustAndMinMaxScalingUseMedianIqrAndRange()
    {
        var table = Build(Doubles("x", 1, 2, 3, 4, 100));

        var robust = Column(Preprocessor.Fit(table, PreprocessingOptions.Defaults with { Scaling = ScalingMethod.Robust }).Transform(table), "x");
        var minMax = Column(Preprocessor.Fit(table, PreprocessingOptions.Defaults with { Scaling = ScalingMethod.MinMax }).Transform(table), "x");

        robust.Should().Equal(-1, -0.5, 0, 0.5, 48.5); // median 3, IQR 4 - 2
        minMax.Should().Equal(0, 1 / 99.0, 2 / 99.0, 3 / 99.0, 1);
    }

    [Fact]
    public void TextBecomesOneHotOrOrdinalAndUnseenCategoriesAreAllZero()
    {
        var table = Build(Strings("city", "Pune", "Delhi", null, "Pune"));

        var oneHot = Preprocessor.Fit(table, Unscaled);
        var ordinal = Preprocessor.Fit(table, Unscaled with { Encoding = CategoricalEncoding.Ordinal });

        oneHot.Transform(table).Values.Should().Equal(0, 1, 1, 0, 0, 1, 0, 1);
        ordinal.Transform(table).Values.Should().Equal(1, 0, 1, 1);
        oneHot.TransformRow(new Dictionary<string, object?> { ["city"] = "Mumbai" }).Should().Equal(0, 0);
    }

    [Fact]
    public void AboveTheOneHotCapTheInfrequentCategoriesShareAnOtherCell()
    {
        var table = Build(Strings("city", "Pune", "Delhi", "Pune", "Agra", "Pune", "Delhi", "Surat"));

        var capped = Preprocessor.Fit(table, Unscaled with { MaximumOneHotCategories = 3 });

        capped.OutputColumnNames.Should().Equal(["city=Delhi", "city=Pune", "city=(other)"], "the two most frequent keep their cells, within a cap of three");
        capped.Transform(table).Values.Should().Equal(0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1);
        capped.TransformRow(new Dictionary<string, object?> { ["city"] = "Mumbai" }).Should().Equal(0, 0, 0);
        capped.State.Columns.Single().Categories.Should().BeEquivalentTo(["Agra", "Delhi", "Pune", "Surat"], "every category stays known, so a request naming a rare one is still valid");
        var reloaded = Preprocessor.FromJson(capped.ToJson());
        reloaded.TransformRow(new Dictionary<string, object?> { ["city"] = "Surat" }).Should().Equal(0, 0, 1);
    }

    [Fact]
    public void BooleansBecomeZeroOrOne()
    {
        var table = Build(Booleans("has_demat", true, false, true));

        Preprocessor.Fit(table, Unscaled).Transform(table).Values.Should().Equal(1, 0, 1);
    }

    [Fact]
    public void FixedAndQuantileBinsReplaceTheValueByItsBin()
    {
        var table = Build(Doubles("age", 18, 25, 35, 45, 60, 75), Doubles("income", 1, 2, 3, 4, 5, 6));
        var options = Unscaled with
        {
            FixedBins = new Dictionary<string, IReadOnlyList<double>> { ["age"] = [30, 45, 60] },
            QuantileBins = new Dictionary<string, int> { ["income"] = 2 },
        };

        var matrix = Preprocessor.Fit(table, options).Transform(table);

        Column(matrix, "age (bin)").Should().Equal(0, 0, 1, 2, 3, 3);
        Column(matrix, "income (bin)").Should().Equal(0, 0, 0, 1, 1, 1);
    }

    [Fact]
    public void DatesBecomeYearsBeforeTheReferenceDateNotTheWallClock()
    {
        var table = Build(Dates("opened", new DateOnly(2000, 1, 1), new DateOnly(2010, 1, 1), null));

        var byDefault = Preprocessor.Fit(table, Unscaled);
        var given = Preprocessor.Fit(table, Unscaled with { ReferenceDate = new DateOnly(2020, 1, 1) });

        byDefault.State.ReferenceDate.Should().Be(new DateOnly(2010, 1, 1));
        Column(byDefault.Transform(table), "opened (years)").Should().Equal([3653 / 365.25, 0, 3653 / 365.25 / 2], (a, b) => Math.Abs(a - b) < 1e-12);
        Column(given.Transform(table), "opened (years)")[0].Should().BeApproximately(7305 / 365.25, 1e-12);
    }

    [Fact]
    public void SkewedNonNegativeColumnsGetLog1pAutomaticallyOrWhenListed()
    {
        var skewed = new double?[] { 1, 2, 3, 5, 8, 1000, 50000 };
        var symmetric = new double?[] { -3, -2, -1, 0, 1, 2, 3 };
        var table = Build(Doubles("networth", skewed), Doubles("score", symmetric));

        var auto = Preprocessor.Fit(table, Unscaled with { Log = LogTransform.Auto });
        var listed = Preprocessor.Fit(table, Unscaled with { Log = LogTransform.Listed, LogColumns = ["networth"] });
        var negative = () => Preprocessor.Fit(table, Unscaled with { Log = LogTransform.Listed, LogColumns = ["score"] });

        auto.OutputColumnNames.Should().Equal("networth (log1p)", "score");
        Column(listed.Transform(table), "networth (log1p)")[5].Should().BeApproximately(Math.Log(1001), 1e-12);
        negative.Should().Throw<PreprocessingException>().WithMessage("*'score'*negative*");
    }

    [Fact]
    public void PcaReportsDescendingExplainedVarianceRatios()
    {
        var random = new Random(5);
        var xs = Enumerable.Range(0, 200).Select(_ => (double?)random.NextDouble()).ToArray();
        var table = Build(
            Doubles("a", xs),
            Doubles("b", xs.Select(x => (2 * x) + (0.01 * random.NextDouble())).ToArray()),
            Doubles("c", xs.Select(_ => (double?)random.NextDouble()).ToArray()));

        var pipeline = Preprocessor.Fit(table, PreprocessingOptions.Defaults with { PrincipalComponents = 2 });
        var matrix = pipeline.Transform(table);

        matrix.Columns.Should().Be(2);
        matrix.ColumnNames.Should().Equal("pc1", "pc2");
        pipeline.ExplainedVarianceRatio.Should().BeInDescendingOrder();
        pipeline.ExplainedVarianceRatio[0].Should().BeInRange(0.6, 0.7); // a and b are one direction of three
        pipeline.ExplainedVarianceRatio.Sum().Should().BeLessThanOrEqualTo(1 + 1e-12);
        Column(matrix, "pc1").Average().Should().BeApproximately(0, 1e-9);
    }
}
