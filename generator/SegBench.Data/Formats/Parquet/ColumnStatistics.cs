using System.Buffers.Binary;
using System.Numerics;

namespace SegBench.Data.Formats.Parquet;

/// <summary>
/// Running min, max, null count and NaN count of a column chunk, merged page by page in row
/// order. Integers and dates compare signed, strings compare bytes unsigned (the spec's order
/// for UTF8), booleans false before true, doubles ignore NaN and write -0.0 / +0.0 for a zero
/// minimum / maximum, as parquet.thrift's ColumnOrder asks.
/// </summary>
internal sealed class ColumnStatistics
{
    private readonly ColumnType _type;
    private long _minInteger = long.MaxValue;
    private long _maxInteger = long.MinValue;
    private double _minDouble = double.PositiveInfinity;
    private double _maxDouble = double.NegativeInfinity;
    private byte[]? _minBytes;
    private byte[]? _maxBytes;

    public ColumnStatistics(ColumnType type) => _type = type;

    public long NullCount { get; private set; }

    public long NanCount { get; private set; }

    /// <summary>True once a non-null, non-NaN value was seen.</summary>
    public bool HasMinMax { get; private set; }

    /// <summary>Computes the statistics of rows [start, start + count) of a column.</summary>
    public static ColumnStatistics Compute(Column column, int start, int count)
    {
        var statistics = new ColumnStatistics(column.Type);
        var end = start + count;
        switch (column)
        {
            case StringColumn text:
                var minIndex = -1;
                var maxIndex = -1;
                for (var i = start; i < end; i++)
                {
                    if (text.IsNull(i))
                    {
                        statistics.NullCount++;
                        continue;
                    }

                    // A value above the maximum cannot be below the minimum, so rising values
                    // (keys, identifiers) cost one comparison each, not two.
                    var value = text.GetBytes(i);
                    if (minIndex < 0)
                    {
                        minIndex = maxIndex = i;
                    }
                    else if (value.SequenceCompareTo(text.GetBytes(maxIndex)) > 0)
                    {
                        maxIndex = i;
                    }
                    else if (value.SequenceCompareTo(text.GetBytes(minIndex)) < 0)
                    {
                        minIndex = i;
                    }
                }

                if (minIndex >= 0)
                {
                    statistics._minBytes = text.GetBytes(minIndex).ToArray();
                    statistics._maxBytes = text.GetBytes(maxIndex).ToArray();
                    statistics.HasMinMax = true;
                }

                break;
            case DoubleColumn numbers:
                statistics.AddDoubles(numbers, start, end);
                break;
            case BooleanColumn flags:
                for (var i = start; i < end; i++)
                {
                    if (flags.IsNull(i))
                    {
                        statistics.NullCount++;
                    }
                    else
                    {
                        statistics.AddInteger(flags[i] ? 1 : 0);
                    }
                }

                break;
            case Int64Column integers:
                statistics.AddIntegers(integers, start, end);
                break;
            case PrimitiveColumn<int> integers:
                statistics.AddIntegers(integers, start, end);
                break;
            default:
                throw new NotSupportedException($"Parquet cannot write a {column.Type} column.");
        }

        return statistics;
    }

    /// <summary>Adds another range's statistics (in any order: min and max commute).</summary>
    public void Merge(ColumnStatistics other)
    {
        NullCount += other.NullCount;
        NanCount += other.NanCount;
        if (!other.HasMinMax)
        {
            return;
        }

        switch (_type)
        {
            case ColumnType.String:
                if (!HasMinMax || other._minBytes.AsSpan().SequenceCompareTo(_minBytes) < 0)
                {
                    _minBytes = other._minBytes;
                }

                if (!HasMinMax || other._maxBytes.AsSpan().SequenceCompareTo(_maxBytes) > 0)
                {
                    _maxBytes = other._maxBytes;
                }

                HasMinMax = true;
                break;
            case ColumnType.Double:
                AddDouble(other._minDouble);
                AddDouble(other._maxDouble);
                break;
            default:
                AddInteger(other._minInteger);
                AddInteger(other._maxInteger);
                break;
        }
    }

    /// <summary>The minimum and maximum PLAIN-encoded (strings without length prefix).</summary>
    public (byte[] Min, byte[] Max) EncodeMinMax()
    {
        if (!HasMinMax)
        {
            throw new InvalidOperationException("No value to encode.");
        }

        switch (_type)
        {
            case ColumnType.String:
                return (_minBytes!, _maxBytes!);
            case ColumnType.Double:
                var min = _minDouble == 0 ? -0.0 : _minDouble;
                var max = _maxDouble == 0 ? 0.0 : _maxDouble;
                var minBytes = new byte[8];
                var maxBytes = new byte[8];
                BinaryPrimitives.WriteDoubleLittleEndian(minBytes, min);
                BinaryPrimitives.WriteDoubleLittleEndian(maxBytes, max);
                return (minBytes, maxBytes);
            case ColumnType.Boolean:
                return ([(byte)_minInteger], [(byte)_maxInteger]);
            case ColumnType.Int64:
                var minLong = new byte[8];
                var maxLong = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(minLong, _minInteger);
                BinaryPrimitives.WriteInt64LittleEndian(maxLong, _maxInteger);
                return (minLong, maxLong);
            default:
                var minInt = new byte[4];
                var maxInt = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(minInt, (int)_minInteger);
                BinaryPrimitives.WriteInt32LittleEndian(maxInt, (int)_maxInteger);
                return (minInt, maxInt);
        }
    }

    // The running min and max stay in locals over a page's values and are added once: Math.Min and Math.Max
    // are associative over non-NaN values (-0.0 below +0.0), so the result is the same as adding each value.
    private void AddDoubles(DoubleColumn numbers, int start, int end)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        var any = false;
        for (var i = start; i < end; i++)
        {
            if (numbers.IsNull(i))
            {
                NullCount++;
                continue;
            }

            var value = numbers[i];
            if (double.IsNaN(value))
            {
                NanCount++;
                continue;
            }

            // Plain comparisons: NaN is skipped above, and a zero's sign is set when written, so
            // Math.Min and Math.Max's care for both is not needed in the loop.
            min = value < min ? value : min;
            max = value > max ? value : max;
            any = true;
        }

        if (any)
        {
            AddDouble(min);
            AddDouble(max);
        }
    }

    private void AddIntegers<T>(PrimitiveColumn<T> column, int start, int end)
        where T : unmanaged, IBinaryInteger<T>
    {
        var min = long.MaxValue;
        var max = long.MinValue;
        var any = false;
        for (var i = start; i < end; i++)
        {
            if (column.IsNull(i))
            {
                NullCount++;
                continue;
            }

            var value = long.CreateTruncating(column[i]);
            min = Math.Min(min, value);
            max = Math.Max(max, value);
            any = true;
        }

        if (any)
        {
            AddInteger(min);
            AddInteger(max);
        }
    }

    private void AddInteger(long value)
    {
        _minInteger = Math.Min(_minInteger, value);
        _maxInteger = Math.Max(_maxInteger, value);
        HasMinMax = true;
    }

    private void AddDouble(double value)
    {
        _minDouble = Math.Min(_minDouble, value);
        _maxDouble = Math.Max(_maxDouble, value);
        HasMinMax = true;
    }
}
