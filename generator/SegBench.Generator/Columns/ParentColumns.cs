using SegBench.Data;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Columns;

/// <summary>
/// <c>parent_key</c>: the parent row's key (a foreign key), and <c>parent_column</c>: any other
/// parent value. The parent batch is regenerated from its row indexes, never loaded or stored, so
/// every foreign key exists whichever shard or process wrote the parent.
/// </summary>
public sealed class ParentValueGenerator : ColumnGenerator
{
    private readonly int _parentIndex;

    /// <summary>Resolves the parent column.</summary>
    public ParentValueGenerator(ColumnSpec spec, TablePlan? parent)
        : base(spec)
    {
        if (parent is null)
        {
            throw spec.Node.Error($"a '{spec.Kind}' column needs a table with 'parent:'.");
        }

        string column;
        if (spec.Kind == "parent_key")
        {
            spec.Node.Keys(CommonKeys);
            column = parent.KeyColumn ?? throw spec.Node.Error($"parent table '{parent.Name}' declares no 'key' to refer to.");
        }
        else
        {
            var node = spec.Node.Keys([.. CommonKeys, "column"], "column")["column"];
            column = node.Text();
            if (parent.WorkingSchema.IndexOf(column) < 0)
            {
                var suggestion = SchemaNode.Suggest(column, parent.WorkingSchema.Fields.Select(f => f.Name));
                throw node.Error($"parent table '{parent.Name}' has no column '{column}'{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")}");
            }
        }

        ParentColumn = column;
        _parentIndex = parent.WorkingSchema.IndexOf(column);
        Type = parent.WorkingSchema[_parentIndex].Type;
        Role = spec.Kind == "parent_key" ? ColumnRole.Identifier : parent.WorkingSchema[_parentIndex].Role;
    }

    /// <summary>The parent column copied.</summary>
    public string ParentColumn { get; }

    /// <inheritdoc />
    public override ColumnType Type { get; }

    /// <inheritdoc />
    public override IEnumerable<string> ParentDependencies => [ParentColumn];

    /// <inheritdoc />
    public override ColumnRole Role { get; }

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var source = batch.Parent!.Columns.Columns[_parentIndex];
        for (var r = 0; r < batch.Count; r++)
        {
            target.AppendFrom(source, batch.ParentIndexes[r]);
        }
    }
}

/// <summary><c>child_index</c>: a child row's 1-based position among its parent's children (a statement's month).</summary>
public sealed class ChildIndexGenerator : ColumnGenerator
{
    /// <summary>Checks the keys.</summary>
    public ChildIndexGenerator(ColumnSpec spec, TablePlan? parent)
        : base(spec)
    {
        spec.Node.Keys(CommonKeys);
        if (parent is null)
        {
            throw spec.Node.Error("a 'child_index' column needs a table with 'parent:'.");
        }
    }

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.Int32;

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        for (var r = 0; r < batch.Count; r++)
        {
            ((Int32Column)target).Append(batch.ChildOrdinals[r] + 1);
        }
    }
}
