using System.Collections;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using SegBench.Clustering.Preprocessing;

namespace SegBench.Cli.Serve;

/// <summary>One offending field of a request: its JSON path and what is wrong with it.</summary>
internal readonly record struct FieldError(string Field, string Message);

/// <summary>One input column of the model and what its JSON value may be.</summary>
internal sealed class InputColumn
{
    public InputColumn(FittedColumn column)
    {
        Name = column.Name;
        Kind = column.Kind;
        if (column.Kind == FeatureKind.Categorical)
        {
            // The model's own strings, so a valid request passes them on without allocating.
            Categories = (column.Categories ?? []).ToFrozenDictionary(c => c, c => c, StringComparer.Ordinal);
            KnownCategories = string.Join(", ", column.Categories ?? []);
        }

        JsonType = Kind switch
        {
            FeatureKind.Numeric => "number",
            FeatureKind.Boolean => "boolean",
            FeatureKind.Date => "string (yyyy-MM-dd)",
            _ => "string",
        };
    }

    public string Name { get; }

    public FeatureKind Kind { get; }

    /// <summary>The JSON type a value must have, in words.</summary>
    public string JsonType { get; }

    /// <summary>The categories seen in training (categorical columns only).</summary>
    public FrozenDictionary<string, string>? Categories { get; }

    public string? KnownCategories { get; }
}

/// <summary>
/// Checks one customer object against the model's input columns, strictly by JSON type, and fills a
/// reusable <see cref="CustomerRow"/> for <c>SegmentationModel.Assign</c>.
/// </summary>
/// <remarks>
/// Policy: every input column must be present; <c>null</c> means "not known" and is imputed as in
/// training. Numbers must be JSON numbers, booleans JSON true/false, dates "yyyy-MM-dd" strings and
/// categories JSON strings equal (ordinal, case-sensitive) to a category seen in training. An unknown
/// category is rejected with 400 rather than silently encoded as "no known category" (which is what
/// the preprocessing alone would do), because it usually means a typo or a schema drift. Fields the
/// model does not use (the key, names, identifiers) are ignored.
/// </remarks>
internal sealed class CustomerReader
{
    /// <summary>At most this many field errors are reported per request.</summary>
    public const int MaximumErrors = 100;

    private static readonly object True = true;
    private static readonly object False = false;

    public CustomerReader(IReadOnlyList<FittedColumn> columns)
    {
        var inputs = new InputColumn[columns.Count];
        for (var c = 0; c < inputs.Length; c++)
        {
            inputs[c] = new InputColumn(columns[c]);
        }

        Columns = inputs;
        Positions = inputs.Select((column, position) => (column.Name, position)).ToFrozenDictionary(p => p.Name, p => p.position, StringComparer.Ordinal);
    }

    public IReadOnlyList<InputColumn> Columns { get; }

    /// <summary>Column name → position.</summary>
    public FrozenDictionary<string, int> Positions { get; }

    /// <summary>A row to fill; reuse it for one customer after another.</summary>
    public CustomerRow CreateRow() => new(this);

    /// <summary>
    /// Fills <paramref name="row"/> from <paramref name="customer"/>; adds an error per offending
    /// field (named <paramref name="prefix"/> + column) and returns false if there was any.
    /// </summary>
    public bool TryRead(JsonElement customer, string prefix, CustomerRow row, List<FieldError> errors)
    {
        if (customer.ValueKind != JsonValueKind.Object)
        {
            Add(errors, prefix.Length == 0 ? "$" : prefix.TrimEnd('.'), $"must be a JSON object of customer fields, not {Describe(customer.ValueKind)}.");
            return false;
        }

        var ok = true;
        for (var c = 0; c < Columns.Count; c++)
        {
            var column = Columns[c];
            if (!customer.TryGetProperty(column.Name, out var value))
            {
                ok = Add(errors, prefix + column.Name, $"is required: a {column.JsonType}, or null if not known.");
                continue;
            }

            if (value.ValueKind == JsonValueKind.Null)
            {
                row.Values[c] = null;
                continue;
            }

            switch (column.Kind)
            {
                case FeatureKind.Numeric when value.ValueKind == JsonValueKind.Number:
                    if (value.TryGetDouble(out var number) && double.IsFinite(number))
                    {
                        row.Values[c] = number;
                    }
                    else
                    {
                        ok = Add(errors, prefix + column.Name, $"is out of range: {value.GetRawText()}.");
                    }

                    break;
                case FeatureKind.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    row.Values[c] = value.ValueKind == JsonValueKind.True ? True : False;
                    break;
                case FeatureKind.Date when value.ValueKind == JsonValueKind.String:
                    var text = value.GetString()!;
                    if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    {
                        row.Values[c] = text;
                    }
                    else
                    {
                        ok = Add(errors, prefix + column.Name, $"must be a date as yyyy-MM-dd, not '{Shorten(text)}'.");
                    }

                    break;
                case FeatureKind.Categorical when value.ValueKind == JsonValueKind.String:
                    var category = value.GetString()!;
                    if (column.Categories!.TryGetValue(category, out var known))
                    {
                        row.Values[c] = known;
                    }
                    else
                    {
                        ok = Add(errors, prefix + column.Name, $"unknown category '{Shorten(category)}'; the model knows: {column.KnownCategories}.");
                    }

                    break;
                default:
                    ok = Add(errors, prefix + column.Name, $"must be a {column.JsonType} or null, not {Describe(value.ValueKind)}.");
                    break;
            }
        }

        return ok;
    }

    private static bool Add(List<FieldError> errors, string field, string message)
    {
        if (errors.Count < MaximumErrors)
        {
            errors.Add(new FieldError(field, message));
        }

        return false;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Shorten(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 61), "...");
}

/// <summary>
/// One customer as the name → value view <c>SegmentationModel.Assign</c> reads: an array slot per
/// input column, looked up through a frozen name index, so filling it again allocates nothing but
/// boxed numbers.
/// </summary>
internal sealed class CustomerRow(CustomerReader reader) : IReadOnlyDictionary<string, object?>
{
    /// <summary>The value of each input column, in the model's column order.</summary>
    public object?[] Values { get; } = new object?[reader.Columns.Count];

    public int Count => Values.Length;

    /// <summary>True if the row was made for <paramref name="owner"/>'s columns.</summary>
    public bool BelongsTo(CustomerReader owner) => ReferenceEquals(owner, reader);

    public IEnumerable<string> Keys => reader.Columns.Select(c => c.Name);

    IEnumerable<object?> IReadOnlyDictionary<string, object?>.Values => Values;

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => reader.Positions.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (reader.Positions.TryGetValue(key, out var position))
        {
            value = Values[position];
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var c = 0; c < Values.Length; c++)
        {
            yield return new KeyValuePair<string, object?>(reader.Columns[c].Name, Values[c]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
