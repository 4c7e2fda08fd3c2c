using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Columns;

/// <summary>Creates the generator for a column kind.</summary>
public static class ColumnFactory
{
    private static readonly Dictionary<string, Func<ColumnSpec, ColumnGenerator>> Kinds = new(StringComparer.Ordinal)
    {
        ["id"] = spec => new IdGenerator(spec),
        ["person_name"] = spec => new PersonNameGenerator(spec),
        ["pan"] = spec => new PanGenerator(spec),
        ["aadhaar"] = spec => new AadhaarGenerator(spec),
        ["mobile"] = spec => new MobileGenerator(spec),
        ["email"] = spec => new EmailGenerator(spec),
        ["ckyc"] = spec => new DigitsIdentifierGenerator(spec),
        ["crn"] = spec => new DigitsIdentifierGenerator(spec),
        ["demat"] = spec => new DematGenerator(spec),
        ["address"] = spec => new AddressGenerator(spec),
        ["city"] = spec => new LocationPartGenerator(spec),
        ["state"] = spec => new LocationPartGenerator(spec),
        ["state_code"] = spec => new LocationPartGenerator(spec),
        ["gst_state_code"] = spec => new LocationPartGenerator(spec),
        ["pin_code"] = spec => new LocationPartGenerator(spec),
        ["ifsc"] = spec => new IfscGenerator(spec),
        ["branch_code"] = spec => new BranchPartGenerator(spec),
        ["branch_name"] = spec => new BranchPartGenerator(spec),
        ["bank_name"] = spec => new BranchPartGenerator(spec),
        ["int"] = spec => new NumericGenerator(spec),
        ["float"] = spec => new NumericGenerator(spec),
        ["money"] = spec => new NumericGenerator(spec),
        ["date"] = spec => new DateGenerator(spec),
        ["date_of_birth"] = spec => new DateGenerator(spec),
        ["age"] = spec => new AgeGenerator(spec),
        ["categorical"] = spec => new CategoricalGenerator(spec),
        ["bool"] = spec => new CategoricalGenerator(spec),
        ["income_slab"] = spec => new IncomeSlabGenerator(spec),
        ["constant"] = spec => new ConstantGenerator(spec),
        ["linear"] = spec => new LinearGenerator(spec),
        ["card_simulation"] = spec => new Cards.CardSimulationGenerator(spec),
        ["card_usage"] = spec => new Cards.CardUsageGenerator(spec),
    };

    /// <summary>The column kinds a schema may use.</summary>
    public static IReadOnlyCollection<string> KnownKinds => [.. Kinds.Keys, .. ChildKinds.Keys];

    private static readonly Dictionary<string, Func<ColumnSpec, TablePlan?, ColumnGenerator>> ChildKinds = new(StringComparer.Ordinal)
    {
        ["parent_key"] = (spec, parent) => new ParentValueGenerator(spec, parent),
        ["parent_column"] = (spec, parent) => new ParentValueGenerator(spec, parent),
        ["child_index"] = (spec, parent) => new ChildIndexGenerator(spec, parent),
        ["card_statement"] = (spec, parent) => new Cards.CardStatementGenerator(spec, parent),
    };

    /// <summary>Creates and validates the generator of a column spec; <paramref name="parent"/> is the parent table of a child table.</summary>
    public static ColumnGenerator Create(ColumnSpec spec, TablePlan? parent)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (ChildKinds.TryGetValue(spec.Kind, out var createChild))
        {
            return createChild(spec, parent);
        }

        if (!Kinds.TryGetValue(spec.Kind, out var create))
        {
            var typeNode = spec.Node.Entries().First(e => e.Key == "type").Value;
            var suggestion = SchemaNode.Suggest(spec.Kind, KnownKinds);
            throw typeNode.Error($"unknown column type '{spec.Kind}'{(suggestion is null ? "." : $"; did you mean '{suggestion}'?")} Known types: {string.Join(", ", KnownKinds.Order(StringComparer.Ordinal))}.");
        }

        return create(spec);
    }
}
