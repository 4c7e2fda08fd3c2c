using SegBench.Data;

namespace SegBench.Clustering.Tests.Preprocessing;

/// <summary>Small tables built column by column for the preprocessing tests.</summary>
internal static class TestTables
{
    public static Table Build(params (ColumnField Field, Column Column)[] columns) =>
        new(new TableSchema(columns.Select(c => c.Field)), columns.Select(c => c.Column).ToArray());

    public static (ColumnField, Column) Doubles(string name, params double?[] values)
    {
        var column = new DoubleColumn();
        foreach (var value in values)
        {
            if (value is { } v)
            {
                column.Append(v);
            }
            else
            {
                column.AppendNull();
            }
        }

        return (new ColumnField(name, ColumnType.Double), column);
    }

    public static (ColumnField, Column) Ints(string name, params int[] values)
    {
        var column = new Int32Column();
        foreach (var value in values)
        {
            column.Append(value);
        }

        return (new ColumnField(name, ColumnType.Int32), column);
    }

    public static (ColumnField, Column) Strings(string name, ColumnRole role, params string?[] values)
    {
        var column = new StringColumn();
        foreach (var value in values)
        {
            column.Append(value);
        }

        return (new ColumnField(name, ColumnType.String, role), column);
    }

    public static (ColumnField, Column) Strings(string name, params string?[] values) => Strings(name, ColumnRole.Feature, values);

    public static (ColumnField, Column) Booleans(string name, params bool[] values)
    {
        var column = new BooleanColumn();
        foreach (var value in values)
        {
            column.Append(value);
        }

        return (new ColumnField(name, ColumnType.Boolean), column);
    }

    public static (ColumnField, Column) Dates(string name, params DateOnly?[] values)
    {
        var column = new DateColumn();
        foreach (var value in values)
        {
            if (value is { } date)
            {
                column.Append(date);
            }
            else
            {
                column.AppendNull();
            }
        }

        return (new ColumnField(name, ColumnType.Date), column);
    }

    public static double[] Column(FeatureMatrix matrix, string name)
    {
        var index = matrix.ColumnNames.ToList().IndexOf(name);
        index.Should().BeGreaterThanOrEqualTo(0, $"column '{name}' should be among {string.Join(", ", matrix.ColumnNames)}");
        return Enumerable.Range(0, matrix.Rows).Select(row => matrix.Row(row)[index]).ToArray();
    }
}
