using SegBench.Data;
using SegBench.Generator.Engine;
using SegBench.Generator.Randomness;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Columns;

/// <summary>
/// Fills one output column for a batch of rows. Every value is a pure function of the row's
/// stream key, its segment and latent vector, and the columns this one depends on; a generator
/// draws only from its own stream, keyed by its column name.
/// </summary>
public abstract class ColumnGenerator
{
    // StreamKey's half of every row's stream key, computed once.
    private readonly ulong _streamSalt;

    /// <summary>Keys every generator accepts besides its own.</summary>
    public static readonly IReadOnlyList<string> CommonKeys = ["type", "description", "missing", "when", "hidden"];

    /// <summary>Creates a generator for a column.</summary>
    protected ColumnGenerator(ColumnSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        Name = spec.Name;
        StreamKey = Randomness.StreamKey.Hash(spec.Name);
        _streamSalt = Randomness.StreamKey.Salt(StreamKey);
        var hidden = spec.Node.Entries().FirstOrDefault(e => e.Key == "hidden").Value;
        IsHidden = hidden is not null && hidden.Boolean();
    }

    /// <summary>
    /// True for a column that is generated (so others can use it, and segments can shift it) but not
    /// written: a latent driver such as a card's purchase propensity.
    /// </summary>
    public bool IsHidden { get; }

    /// <summary>The column's spec.</summary>
    public ColumnSpec Spec { get; }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The key of this column's random stream within a row.</summary>
    public ulong StreamKey { get; }

    /// <summary>The output type.</summary>
    public abstract ColumnType Type { get; }

    /// <summary>What the column means downstream (identifiers and text are not features).</summary>
    public virtual ColumnRole Role => ColumnRole.Feature;

    /// <summary>
    /// True when <see cref="Fill"/> appends an empty value, without drawing one, for each row marked
    /// in <see cref="BatchState.AbsentRows"/>: rows the column's <c>when</c> or <c>missing</c> rule
    /// blanks anyway. The plan marks them before the fill only when no other column reads this one.
    /// </summary>
    public virtual bool SkipsAbsentRows => false;

    /// <summary>Columns whose filled values this one reads.</summary>
    public virtual IEnumerable<string> Dependencies => [];

    /// <summary>For a child table's column: the parent-table columns it reads, which the parent batch must therefore fill.</summary>
    public virtual IEnumerable<string> ParentDependencies => [];

    /// <summary>Resolves references to other columns once all generators exist.</summary>
    public virtual void Bind(IReadOnlyDictionary<string, ColumnGenerator> generators)
    {
    }

    /// <summary>Appends one value per row of the batch to <paramref name="target"/>.</summary>
    public abstract void Fill(BatchState batch, Column target);

    /// <summary>This column's stream for a row.</summary>
    protected RowRandom StreamFor(ulong rowKey) => RowRandom.ForSalted(rowKey, _streamSalt);

    /// <summary>Finds a referenced generator or fails at <paramref name="node"/> with a suggestion.</summary>
    protected static T Resolve<T>(IReadOnlyDictionary<string, ColumnGenerator> generators, SchemaNode node, string what)
        where T : ColumnGenerator
    {
        var name = node.Text();
        if (!generators.TryGetValue(name, out var generator))
        {
            var suggestion = SchemaNode.Suggest(name, generators.Keys);
            throw node.Error($"column '{name}' does not exist{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")}");
        }

        return generator as T ?? throw node.Error($"column '{name}' cannot serve as {what}; it is a '{generator.Spec.Kind}' column.");
    }
}
