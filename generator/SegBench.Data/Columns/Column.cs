namespace SegBench.Data;

/// <summary>
/// A growable, reusable column of one type with a null flag per value. Columns are filled by one
/// thread and then read by any number; <see cref="Clear"/> keeps the buffers for the next batch.
/// </summary>
public abstract class Column
{
    private bool[] _nulls = [];
    private int _nullCount;

    /// <summary>The physical type of the values.</summary>
    public abstract ColumnType Type { get; }

    /// <summary>The number of values, nulls included.</summary>
    public int Count { get; protected set; }

    /// <summary>The number of null values.</summary>
    public int NullCount => _nullCount;

    /// <summary>True when the value at <paramref name="index"/> is null.</summary>
    public bool IsNull(int index) => _nullCount != 0 && (uint)index < (uint)_nulls.Length && _nulls[index];

    /// <summary>Empties the column and keeps its buffers.</summary>
    public void Clear()
    {
        if (_nullCount != 0)
        {
            Array.Clear(_nulls);
        }

        _nullCount = 0;
        Count = 0;
        ClearValues();
    }

    /// <summary>Appends a null (the value slot holds the type's default).</summary>
    public void AppendNull()
    {
        AppendDefault();
        SetNull(Count - 1);
    }

    /// <summary>Marks an existing value as null, as missingness injection does after the fact.</summary>
    public void SetNull(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        if (_nulls.Length < Count)
        {
            Array.Resize(ref _nulls, Math.Max(Count, _nulls.Length * 2));
        }

        if (!_nulls[index])
        {
            _nulls[index] = true;
            _nullCount++;
        }
    }

    /// <summary>Creates an empty column of a type.</summary>
    public static Column Create(ColumnType type, int capacity = 0) => type switch
    {
        ColumnType.Int32 => new Int32Column(capacity),
        ColumnType.Int64 => new Int64Column(capacity),
        ColumnType.Double => new DoubleColumn(capacity),
        ColumnType.Boolean => new BooleanColumn(capacity),
        ColumnType.String => new StringColumn(capacity),
        ColumnType.Date => new DateColumn(capacity),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type."),
    };

    /// <summary>Appends one value copied from another column of the same type (null stays null).</summary>
    public abstract void AppendFrom(Column source, int index);

    /// <summary>Appends rows [start, start + count) of another column of the same type, in one copy (nulls stay null).</summary>
    public void AppendRange(Column source, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Type != Type)
        {
            throw new ArgumentException($"Cannot append {source.Type} values to a {Type} column.", nameof(source));
        }

        source.CheckRows(start, count, "the source's");

        var first = Count;
        AppendValuesFrom(source, start, count);
        if (source._nullCount != 0)
        {
            for (var i = 0; i < count; i++)
            {
                if (source.IsNull(start + i))
                {
                    SetNull(first + i);
                }
            }
        }
    }

    /// <summary>Throws unless rows [start, start + count) are all in the column, which the message calls <paramref name="whose"/>.</summary>
    private protected void CheckRows(int start, int count, string whose)
    {
        if ((uint)start > (uint)Count || (uint)count > (uint)(Count - start))
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Rows {start}..{start + count} are outside {whose} {Count}.");
        }
    }

    /// <summary>Appends the values (null slots included, as they are) of rows [start, start + count) of a column of this type.</summary>
    protected abstract void AppendValuesFrom(Column source, int start, int count);

    /// <summary>Appends the type's default value.</summary>
    protected abstract void AppendDefault();

    /// <summary>Lets subclasses reset their value buffers.</summary>
    protected virtual void ClearValues()
    {
    }
}

/// <summary>A column of fixed-size values held in one contiguous array.</summary>
/// <typeparam name="T">The value type.</typeparam>
public abstract class PrimitiveColumn<T> : Column
    where T : unmanaged
{
    private T[] _values;

    /// <summary>Creates an empty column.</summary>
    protected PrimitiveColumn(int capacity) => _values = capacity > 0 ? new T[capacity] : [];

    /// <summary>The values; slots of null values hold the default.</summary>
    public ReadOnlySpan<T> Values => _values.AsSpan(0, Count);

    /// <summary>The value at an index (the default for a null).</summary>
    public T this[int index] => _values[index];

    /// <summary>Appends a value.</summary>
    public void Append(T value)
    {
        if (Count == _values.Length)
        {
            Array.Resize(ref _values, Math.Max(16, _values.Length * 2));
        }

        _values[Count++] = value;
    }

    /// <summary>
    /// Appends <paramref name="count"/> values and returns their slots, for the caller to fill in
    /// one loop; until then they hold whatever the buffer held.
    /// </summary>
    public Span<T> AppendValues(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_values.Length - Count < count)
        {
            Array.Resize(ref _values, Math.Max(Math.Max(16, _values.Length * 2), Count + count));
        }

        var slots = _values.AsSpan(Count, count);
        Count += count;
        return slots;
    }

    /// <summary>Replaces a value in place (outlier injection, derived columns).</summary>
    public void Set(int index, T value)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        _values[index] = value;
    }

    /// <inheritdoc />
    public override void AppendFrom(Column source, int index)
    {
        var typed = (PrimitiveColumn<T>)source;
        if (typed.IsNull(index))
        {
            AppendNull();
        }
        else
        {
            Append(typed[index]);
        }
    }

    /// <inheritdoc />
    protected override void AppendValuesFrom(Column source, int start, int count) =>
        ((PrimitiveColumn<T>)source).Values.Slice(start, count).CopyTo(AppendValues(count));

    /// <inheritdoc />
    protected override void AppendDefault() => Append(default);
}

/// <summary>32-bit integers.</summary>
public sealed class Int32Column(int capacity = 0) : PrimitiveColumn<int>(capacity)
{
    /// <inheritdoc />
    public override ColumnType Type => ColumnType.Int32;
}

/// <summary>64-bit integers.</summary>
public sealed class Int64Column(int capacity = 0) : PrimitiveColumn<long>(capacity)
{
    /// <inheritdoc />
    public override ColumnType Type => ColumnType.Int64;
}

/// <summary>Doubles.</summary>
public sealed class DoubleColumn(int capacity = 0) : PrimitiveColumn<double>(capacity)
{
    /// <inheritdoc />
    public override ColumnType Type => ColumnType.Double;
}

/// <summary>Booleans.</summary>
public sealed class BooleanColumn(int capacity = 0) : PrimitiveColumn<bool>(capacity)
{
    /// <inheritdoc />
    public override ColumnType Type => ColumnType.Boolean;
}

/// <summary>Dates as days since 1970-01-01, the Parquet DATE representation.</summary>
public sealed class DateColumn(int capacity = 0) : PrimitiveColumn<int>(capacity)
{
    /// <summary>Day number of 1970-01-01 in <see cref="DateOnly.DayNumber"/> terms.</summary>
    public static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.Date;

    /// <summary>Appends a calendar date.</summary>
    public void Append(DateOnly date) => Append(date.DayNumber - UnixEpochDayNumber);

    /// <summary>The date at an index.</summary>
    public DateOnly GetDate(int index) => DateOnly.FromDayNumber(this[index] + UnixEpochDayNumber);
}
