using SegBench.Data;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Tests.Cards;

/// <summary>The cards (and statements) of 20,000 customers of the shipped schema, generated once in memory.</summary>
internal sealed class CardData
{
    public const int Customers = 20_000;

    private static readonly Lazy<CardData> Shared = new(() => new CardData());

    private CardData()
    {
        Plan = DatasetPlan.Compile(SchemaLoader.Load(TestData.ShippedSchema("credit-card-usage")));
        var customers = Plan.Table("customers");
        var cards = Plan.Table("card_usage");
        var statements = Plan.Table("card_statements");
        CustomerState = customers.CreateState();
        customers.Generate(CustomerState, 0, Customers);
        CardState = cards.CreateState();
        cards.GenerateChildren(CardState, CustomerState);
        StatementState = statements.CreateState();
        statements.GenerateChildren(StatementState, CardState);
        Cards = new Table(cards.DataSchema, cards.Output(CardState).Columns);
        Statements = new Table(statements.DataSchema, statements.Output(StatementState).Columns);
    }

    public static CardData Instance => Shared.Value;

    public DatasetPlan Plan { get; }

    public BatchState CustomerState { get; }

    public BatchState CardState { get; }

    public BatchState StatementState { get; }

    public Table Cards { get; }

    public Table Statements { get; }

    /// <summary>CC GENERAL, the calibration reference, kept beside these tests (see Reference/README.md).</summary>
    public static string ReferencePath()
    {
        var path = Path.Combine(TestData.RepositoryRoot, "tests", "SegBench.Generator.Tests", "Cards", "Reference", "cc-general.csv");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The calibration reference {path} is missing.");
    }

    /// <summary>A numeric column as doubles, NaN for a missing value.</summary>
    public static double[] Numbers(Table table, string column)
    {
        var source = table[column];
        var result = new double[table.RowCount];
        for (var r = 0; r < result.Length; r++)
        {
            result[r] = source.IsNull(r) ? double.NaN : source switch
            {
                DoubleColumn d => d[r],
                Int32Column i => i[r],
                Int64Column l => l[r],
                BooleanColumn b => b[r] ? 1 : 0,
                _ => throw new InvalidOperationException($"'{column}' is not numeric."),
            };
        }

        return result;
    }
}
