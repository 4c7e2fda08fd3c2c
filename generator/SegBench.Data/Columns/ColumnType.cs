namespace SegBench.Data;

/// <summary>The physical types a SegBench table can hold. Every column is nullable.</summary>
public enum ColumnType
{
    /// <summary>32-bit signed integer.</summary>
    Int32,

    /// <summary>64-bit signed integer.</summary>
    Int64,

    /// <summary>IEEE 754 double.</summary>
    Double,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>UTF-8 text.</summary>
    String,

    /// <summary>A calendar date, stored as days since 1970-01-01 (as Parquet's DATE).</summary>
    Date,
}
