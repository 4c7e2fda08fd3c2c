namespace SegBench.Data.Formats.Inference;

/// <summary>The types a column's values seen so far all fit.</summary>
[Flags]
internal enum TypeCandidates
{
    /// <summary>Only text fits.</summary>
    None = 0,

    /// <summary>Whole numbers in the range of a long.</summary>
    Int64 = 1,

    /// <summary>Numbers.</summary>
    Double = 2,

    /// <summary>true or false.</summary>
    Boolean = 4,

    /// <summary>Dates.</summary>
    Date = 8,

    /// <summary>A column that has seen no value yet.</summary>
    All = Int64 | Double | Boolean | Date,
}

/// <summary>
/// Narrows the type of one column as values are observed. The lattice only ever widens the
/// resulting type (Boolean, Int64 → Double → String; Date → String), so observing more rows can
/// change an inferred Int64 into a Double but never the other way.
/// </summary>
internal struct ColumnInference
{
    private TypeCandidates _candidates;

    /// <summary>Starts with every type possible.</summary>
    public ColumnInference() => _candidates = TypeCandidates.All;

    /// <summary>True once a non-empty value was seen.</summary>
    public bool SawValue { get; private set; }

    /// <summary>True when no further value can change the result (it is already String).</summary>
    public readonly bool IsSettled => SawValue && _candidates == TypeCandidates.None;

    /// <summary>Narrows the candidates to those that fit a value.</summary>
    public void Observe(CellValue cell)
    {
        if (cell.Kind == CellKind.Empty || _candidates == TypeCandidates.None)
        {
            SawValue |= cell.Kind != CellKind.Empty;
            return;
        }

        SawValue = true;
        _candidates &= Fits(cell, _candidates);
    }

    /// <summary>
    /// The narrowest type every observed value fits; String for a column with no values, since
    /// nothing says it holds numbers.
    /// </summary>
    public readonly ColumnType Resolve()
    {
        if (!SawValue)
        {
            return ColumnType.String;
        }

        if ((_candidates & TypeCandidates.Boolean) != 0)
        {
            return ColumnType.Boolean;
        }

        if ((_candidates & TypeCandidates.Int64) != 0)
        {
            return ColumnType.Int64;
        }

        if ((_candidates & TypeCandidates.Double) != 0)
        {
            return ColumnType.Double;
        }

        return (_candidates & TypeCandidates.Date) != 0 ? ColumnType.Date : ColumnType.String;
    }

    private static TypeCandidates Fits(CellValue cell, TypeCandidates remaining)
    {
        switch (cell.Kind)
        {
            case CellKind.Number:
                return ValueText.IsInt64(cell.Number) ? TypeCandidates.Int64 | TypeCandidates.Double : TypeCandidates.Double;
            case CellKind.Boolean:
                return TypeCandidates.Boolean;
            case CellKind.DateTime:
                return ValueText.IsDate(cell.DateTime) ? TypeCandidates.Date : TypeCandidates.None;
            case CellKind.Text:
                break;
            default:
                return remaining;
        }

        // Parse only for the types still in play: a column that has gone Double never tries
        // booleans or dates again.
        var text = cell.Text;
        var fits = TypeCandidates.None;
        if ((remaining & TypeCandidates.Int64) != 0 && ValueText.TryParseInt64(text, out _))
        {
            fits |= TypeCandidates.Int64 | TypeCandidates.Double;
        }
        else if ((remaining & TypeCandidates.Double) != 0 && ValueText.TryParseDouble(text, out _))
        {
            fits |= TypeCandidates.Double;
        }

        if ((remaining & TypeCandidates.Boolean) != 0 && ValueText.TryParseBoolean(text, out _))
        {
            fits |= TypeCandidates.Boolean;
        }

        if ((remaining & TypeCandidates.Date) != 0 && ValueText.TryParseDate(text, out _))
        {
            fits |= TypeCandidates.Date;
        }

        return fits;
    }
}
