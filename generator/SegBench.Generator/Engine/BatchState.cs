using SegBench.Data;

namespace SegBench.Generator.Engine;

/// <summary>
/// Everything known about the rows of one batch while its columns are filled: each row's stream
/// key, its segment, its latent vector, and the columns filled so far. Reused across batches by
/// one worker, so steady-state generation allocates nothing per row.
/// </summary>
public sealed class BatchState
{
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

    internal void Reset(long firstRow, int count)
    {
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
