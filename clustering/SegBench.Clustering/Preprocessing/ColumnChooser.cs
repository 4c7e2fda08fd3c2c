using SegBench.Data;

namespace SegBench.Clustering.Preprocessing;

/// <summary>
/// Chooses the feature columns of a table: the listed ones; else, when the schema carries roles,
/// the <see cref="ColumnRole.Feature"/> columns; else (every column a Feature, as a CSV read
/// without a schema gives) all columns but those that look like identifiers, names or free text.
/// </summary>
internal static class ColumnChooser
{
    private static readonly HashSet<string> IdentifyingWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "uuid", "guid", "name", "email", "phone", "mobile", "address", "pan", "aadhaar", "adhar", "ifsc",
        "zip", "pin", "pincode", "postcode", "branch", "cif", "no", "number",
    };

    public static (List<(string Name, FeatureKind Kind)> Chosen, List<SkippedColumn> Skipped) Choose(Table table, PreprocessingOptions options)
    {
        var schema = table.Schema;
        var chosen = new List<(string, FeatureKind)>();
        var skipped = new List<SkippedColumn>();
        var excluded = new HashSet<string>(options.Exclude, StringComparer.Ordinal);
        if (options.Features is { } features)
        {
            foreach (var name in features)
            {
                var index = schema.IndexOf(name);
                if (index < 0)
                {
                    throw new PreprocessingException(name, $"Feature column '{name}' is not in the table.");
                }

                if (!excluded.Contains(name))
                {
                    chosen.Add((name, KindOf(schema[index].Type)));
                }
            }

            return (chosen, skipped);
        }

        var rolesGiven = schema.Fields.Any(f => f.Role != ColumnRole.Feature);
        for (var i = 0; i < schema.Count; i++)
        {
            var field = schema[i];
            if (excluded.Contains(field.Name))
            {
                skipped.Add(new SkippedColumn(field.Name, "excluded by the options"));
                continue;
            }

            if (field.Role != ColumnRole.Feature)
            {
                skipped.Add(new SkippedColumn(field.Name, $"{field.Role.ToString().ToLowerInvariant()} role"));
                continue;
            }

            var reason = (rolesGiven ? null : Heuristic(field, table.Columns[i], options)) ?? Policy(field, table.Columns[i], options);
            if (reason is null)
            {
                chosen.Add((field.Name, KindOf(field.Type)));
            }
            else
            {
                skipped.Add(new SkippedColumn(field.Name, reason));
            }
        }

        return (chosen, skipped);
    }

    private static FeatureKind KindOf(ColumnType type) => type switch
    {
        ColumnType.String => FeatureKind.Categorical,
        ColumnType.Boolean => FeatureKind.Boolean,
        ColumnType.Date => FeatureKind.Date,
        _ => FeatureKind.Numeric,
    };

    /// <summary>Why the options leave a feature column out, or null to keep it.</summary>
    private static string? Policy(ColumnField field, Column column, PreprocessingOptions options)
    {
        if (options.NumericOnly && KindOf(field.Type) is FeatureKind.Categorical or FeatureKind.Boolean)
        {
            return "categorical or boolean, and the features are numeric only";
        }

        var missing = column.Count == 0 ? 0 : (double)column.NullCount / column.Count;
        return missing > options.MaximumMissingShare
            ? $"mostly missing ({missing:P0} empty, above the {options.MaximumMissingShare:P0} limit)"
            : null;
    }

    /// <summary>Why a column without a role should be left out, or null to keep it.</summary>
    private static string? Heuristic(ColumnField field, Column column, PreprocessingOptions options)
    {
        if (Words(field.Name).Any(IdentifyingWords.Contains))
        {
            return "the name suggests an identifier or personal detail";
        }

        var present = column.Count - column.NullCount;
        if (present == 0)
        {
            return "no values";
        }

        if (column is not StringColumn text)
        {
            return null;
        }

        var view = new ColumnView(text);

        var distinct = new HashSet<string>(StringComparer.Ordinal);
        long bytes = 0;
        for (var row = 0; row < text.Count; row++)
        {
            if (!view.IsNull(row))
            {
                bytes += text.GetBytes(row).Length;
                distinct.Add(ColumnView.Utf8(text, row));
            }
        }

        if (present >= 20 && distinct.Count >= options.IdentifierDistinctShare * present)
        {
            return "nearly unique text (an identifier)";
        }

        if ((double)bytes / present > options.LongTextBytes)
        {
            return "long free text";
        }

        if (distinct.Count > options.MaximumCategories)
        {
            return $"{distinct.Count} categories, more than {options.MaximumCategories}";
        }

        return null;
    }

    /// <summary>Splits snake_case, kebab-case, spaces and camelCase into lower-case words.</summary>
    private static IEnumerable<string> Words(string name)
    {
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            var boundary = i == name.Length || name[i] is '_' or '-' or ' ' or '.' || (char.IsUpper(name[i]) && char.IsLower(name[i - 1]));
            if (boundary)
            {
                var word = name[start..i].Trim('_', '-', ' ', '.');
                if (word.Length > 0)
                {
                    yield return word;
                }

                start = i;
            }
        }
    }
}
