using System.Text;

namespace SegBench.Cli.Output;

/// <summary>A plain, column-aligned text table: stable output that pipes and tests can read.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Columns whose cells are right-aligned (numbers).</summary>
    public HashSet<int> RightAligned { get; } = [];

    /// <summary>Adds a row.</summary>
    public TextTable Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    /// <summary>Writes the table, each line indented by <paramref name="indent"/>.</summary>
    public void WriteTo(TextWriter writer, string indent = "  ")
    {
        var widths = headers.Select((h, i) => _rows.Select(r => i < r.Length ? r[i].Length : 0).Append(h.Length).Max()).ToArray();
        foreach (var row in _rows.Prepend(headers))
        {
            var line = new StringBuilder(indent);
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = i < row.Length ? row[i] : string.Empty;
                line.Append(RightAligned.Contains(i) ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
                line.Append(i < widths.Length - 1 ? "  " : string.Empty);
            }

            writer.WriteLine(line.ToString().TrimEnd());
        }
    }
}
