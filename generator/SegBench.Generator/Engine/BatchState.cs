using SegBench.Data;

namespace SegBench.Generator.Engine;

/// <summary>
/// Everything known about the rows of one batch while its columns are filled: each row's stream
/// key, its segment, its latent vector, and the columns filled so far. Reused across batches by
/// one worker, so steady-state generation allocates nothing per row.
/// </summary>
public sealed class BatchState
{
    private readonly Dictionary<object, object> _scratch = new(ReferenceEqualityComparer.Instance);

    internal BatchState(TablePlan plan)
    {
        Plan = plan;
        Columns = ColumnBatch.CreateEmpty(plan.WorkingSchema);
        CategoryIndexes = new int[plan.Segments.CategoricalCount][];
        for (var i = 0; i < CategoryIndexes.Length; i++)
        {
            CategoryIndexes[i] = [];
        }
    }

    /// <summary>The table being generated.</summary>
    public TablePlan Plan { get; }

    /// <summary>The table row index of the first row.</summary>
    public long FirstRow { get; private set; }

    /// <summary>The number of rows.</summary>
    public int Count { get; private set; }

    /// <summary>The stream key of each row.</summary>
    public ulong[] RowKeys { get; private set; } = [];

    /// <summary>The unique ordinal each row's identifiers are built from (the row index for a root table).</summary>
    public long[] Ordinals { get; private set; } = [];

    /// <summary>The generating segment of each row, or -1 for an outlier.</summary>
    public int[] Segments { get; private set; } = [];

    /// <summary>The latent standard normals e (before correlation and shift), row-major.</summary>
    public double[] Innovations { get; private set; } = [];

    /// <summary>The latent values z = shift + L e, row-major; numeric columns read them.</summary>
    public double[] Latent { get; private set; } = [];

    /// <summary>Per segment-dependent categorical column, the index of the value drawn for each row.</summary>
    public int[][] CategoryIndexes { get; }

    /// <summary>Every column (hidden ones too); a generator may read the columns it depends on.</summary>
    public ColumnBatch Columns { get; }

    /// <summary>For a child table: the parent row (in the parent's batch) of each row.</summary>
    public int[] ParentIndexes { get; private set; } = [];

    /// <summary>For a child table: the parent's batch state.</summary>
    public BatchState? Parent { get; internal set; }

    /// <summary>For a child table: each row's position among its parent's children.</summary>
    public int[] ChildOrdinals { get; private set; } = [];

    /// <summary>
    /// While a column whose generator <see cref="Columns.ColumnGenerator.SkipsAbsentRows"/> is filled:
    /// the rows its presence rule will blank, or null when it has none.
    /// </summary>
    public bool[]? AbsentRows { get; internal set; }

    /// <summary>The worker's truth batch for this table, reused across batches (created on first use).</summary>
    internal ColumnBatch? TruthBatch { get; set; }

    /// <summary>Changes whenever the rows change, so a per-row cache knows when it is stale.</summary>
    public long Version { get; private set; }

    /// <summary>
    /// A scratch object owned by <paramref name="owner"/> (a generator), created on first use and
    /// kept with this state, so values several columns derive per row are computed once per batch.
    /// </summary>
    public T Scratch<T>(object owner)
        where T : class, new()
    {
        if (!_scratch.TryGetValue(owner, out var value))
        {
            value = new T();
            _scratch.Add(owner, value);
        }

        return (T)value;
    }

    internal void Reset(long firstRow, int count)
    {
        Version++;
        FirstRow = firstRow;
        Count = count;
        var latentWidth = Plan.Segments.LatentCount;
        if (RowKeys.Length < count)
        {
            var capacity = Math.Max(count, RowKeys.Length * 2);
            RowKeys = new ulong[capacity];
            Ordinals = new long[capacity];
            Segments = new int[capacity];
            ParentIndexes = new int[capacity];
            ChildOrdinals = new int[capacity];
            Innovations = new double[capacity * latentWidth];
            Latent = new double[capacity * latentWidth];
            for (var i = 0; i < CategoryIndexes.Length; i++)
            {
                CategoryIndexes[i] = new int[capacity];
            }
        }

        Columns.Clear();
        Columns.FirstRow = firstRow;
    }
}
