namespace SegBench.Clustering.Algorithms;

/// <summary>
/// A static k-d tree for fixed-radius queries (Bentley 1975). Points are copied in tree order so a
/// leaf's points are contiguous; each node keeps its bounding box for pruning. O(n·d) memory,
/// O(n log n) build.
/// </summary>
internal sealed class KdTree
{
    private const int LeafSize = 24;
    private readonly double[] _points;     // tree order, row-major
    private readonly int[] _original;      // tree position → original row
    private readonly List<int> _buildStart = [];
    private readonly List<int> _buildEnd = [];
    private readonly List<int> _buildLeft = [];
    private readonly List<int> _buildRight = [];
    private readonly List<double> _buildBoxes = [];
    private readonly int[] _start;
    private readonly int[] _end;
    private readonly int[] _left;  // −1 for a leaf
    private readonly int[] _right;
    private readonly double[] _boxes; // per node: d minima then d maxima
    private readonly int _dimensions;

    public KdTree(ReadOnlySpan<double> values, int rows, int dimensions)
    {
        _dimensions = dimensions;
        _original = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            _original[i] = i;
        }

        var source = values.ToArray();
        if (rows > 0)
        {
            Build(source, 0, rows);
        }

        _start = [.. _buildStart];
        _end = [.. _buildEnd];
        _left = [.. _buildLeft];
        _right = [.. _buildRight];
        _boxes = [.. _buildBoxes];
        _points = new double[rows * dimensions];
        for (var i = 0; i < rows; i++)
        {
            source.AsSpan(_original[i] * dimensions, dimensions).CopyTo(_points.AsSpan(i * dimensions));
        }
    }

    public int Count => _original.Length;

    /// <summary>How many points lie within √<paramref name="radiusSquared"/> of <paramref name="query"/>, counting at most to <paramref name="stopAt"/>.</summary>
    public int CountWithin(ReadOnlySpan<double> query, double radiusSquared, int stopAt)
    {
        var counter = new Counter { StopAt = stopAt };
        Visit(query, radiusSquared, ref counter);
        return counter.Count;
    }

    /// <summary>Adds the original row of every point within the radius to <paramref name="result"/> (cleared first).</summary>
    public void Within(ReadOnlySpan<double> query, double radiusSquared, List<int> result)
    {
        result.Clear();
        var collector = new Collector { Result = result };
        Visit(query, radiusSquared, ref collector);
    }

    /// <summary>Calls the visitor for each point within the radius until it returns true.</summary>
    public void Visit<TVisitor>(ReadOnlySpan<double> query, double radiusSquared, ref TVisitor visitor)
        where TVisitor : struct, IKdVisitor
    {
        if (Count == 0)
        {
            return;
        }

        var d = _dimensions;
        Span<int> stack = stackalloc int[128];
        var top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            var node = stack[--top];
            var boxDistance = 0.0;
            for (var j = 0; j < d; j++)
            {
                var low = _boxes[node * 2 * d + j];
                var high = _boxes[node * 2 * d + d + j];
                var q = query[j];
                var gap = q < low ? low - q : q > high ? q - high : 0;
                boxDistance += gap * gap;
            }

            if (boxDistance > radiusSquared)
            {
                continue;
            }

            if (_left[node] < 0)
            {
                for (var p = _start[node]; p < _end[node]; p++)
                {
                    var distance = DenseMath.SquaredDistance(query, _points.AsSpan(p * d, d));
                    if (distance <= radiusSquared && visitor.Found(_original[p], distance))
                    {
                        return;
                    }
                }

                continue;
            }

            stack[top++] = _right[node];
            stack[top++] = _left[node];
        }
    }

    private int Build(double[] source, int start, int end)
    {
        var d = _dimensions;
        var node = _buildStart.Count;
        _buildStart.Add(start);
        _buildEnd.Add(end);
        _buildLeft.Add(-1);
        _buildRight.Add(-1);
        var boxStart = _buildBoxes.Count;
        for (var j = 0; j < 2 * d; j++)
        {
            _buildBoxes.Add(j < d ? double.PositiveInfinity : double.NegativeInfinity);
        }

        for (var p = start; p < end; p++)
        {
            var row = source.AsSpan(_original[p] * d, d);
            for (var j = 0; j < d; j++)
            {
                _buildBoxes[boxStart + j] = Math.Min(_buildBoxes[boxStart + j], row[j]);
                _buildBoxes[boxStart + d + j] = Math.Max(_buildBoxes[boxStart + d + j], row[j]);
            }
        }

        if (end - start <= LeafSize)
        {
            return node;
        }

        var split = 0;
        var widest = -1.0;
        for (var j = 0; j < d; j++)
        {
            var spread = _buildBoxes[boxStart + d + j] - _buildBoxes[boxStart + j];
            if (spread > widest)
            {
                widest = spread;
                split = j;
            }
        }

        if (widest <= 0)
        {
            return node; // all points equal: a (large) leaf
        }

        var middle = (start + end) >>> 1;
        Select(source, start, end - 1, middle, split);
        var left = Build(source, start, middle);
        var right = Build(source, middle, end);
        _buildLeft[node] = left;
        _buildRight[node] = right;
        return node;
    }

    /// <summary>Quickselect on <c>_original[low..high]</c> by coordinate <paramref name="dimension"/> so position <paramref name="k"/> holds its order statistic.</summary>
    private void Select(double[] source, int low, int high, int k, int dimension)
    {
        var d = _dimensions;
        double Key(int position) => source[_original[position] * d + dimension];
        while (low < high)
        {
            var pivot = Key((low + high) >>> 1);
            int i = low, j = high;
            while (i <= j)
            {
                while (Key(i) < pivot)
                {
                    i++;
                }

                while (Key(j) > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (_original[i], _original[j]) = (_original[j], _original[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                high = j;
            }
            else if (k >= i)
            {
                low = i;
            }
            else
            {
                return;
            }
        }
    }
}

/// <summary>Receives the points a <see cref="KdTree"/> query finds.</summary>
internal interface IKdVisitor
{
    /// <summary>Takes one point; returns true to stop the query.</summary>
    bool Found(int row, double squaredDistance);
}

internal struct Counter : IKdVisitor
{
    public int Count;
    public int StopAt;

    public bool Found(int row, double squaredDistance) => ++Count >= StopAt;
}

internal struct Collector : IKdVisitor
{
    public List<int> Result;

    public readonly bool Found(int row, double squaredDistance)
    {
        Result.Add(row);
        return false;
    }
}
