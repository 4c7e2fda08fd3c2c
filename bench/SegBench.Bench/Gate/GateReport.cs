using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SegBench.Bench.Results;

namespace SegBench.Bench.Gate;

/// <summary>The verdict on one compared number.</summary>
public enum GateStatus
{
    /// <summary>Within tolerance of the baseline.</summary>
    Ok,

    /// <summary>Worse than the baseline by more than the tolerance: fails the gate.</summary>
    Regressed,

    /// <summary>Better than the baseline by more than the tolerance: passes, and the baseline is due an update.</summary>
    Improved,

    /// <summary>In the baseline but not in the results: fails the gate.</summary>
    Missing,

    /// <summary>In the results but not in the baseline: reported, not a failure.</summary>
    New,
}

/// <summary>One compared number.</summary>
/// <param name="Dataset">The dataset label.</param>
/// <param name="Algorithm">"algorithm/preprocessing".</param>
/// <param name="Metric">The metric, or "time:STEP" for the timing gate.</param>
/// <param name="Baseline">The baseline value (null for a new row).</param>
/// <param name="Actual">The actual mean across seeds (null when missing).</param>
/// <param name="Delta">Actual − baseline; for a timing row, actual ÷ baseline.</param>
/// <param name="Tolerance">The absolute tolerance; for a timing row, the largest ratio.</param>
/// <param name="Status">The verdict.</param>
public sealed record GateRow(string Dataset, string Algorithm, string Metric, double? Baseline, double? Actual, double? Delta, double Tolerance, GateStatus Status)
{
    /// <summary>Whether this row is a timing row (its delta is a ratio).</summary>
    [JsonIgnore]
    public bool IsTiming => Metric.StartsWith("time:", StringComparison.Ordinal);
}

/// <summary>What <see cref="QualityGate.Compare"/> found: every compared number and the overall verdict.</summary>
/// <param name="Rows">Every row, in baseline order, new rows last.</param>
public sealed record GateReport(IReadOnlyList<GateRow> Rows)
{
    /// <summary>True when nothing regressed and nothing is missing.</summary>
    public bool Passed => Rows.All(row => row.Status is not (GateStatus.Regressed or GateStatus.Missing));

    /// <summary>How many rows have a status.</summary>
    public int Count(GateStatus status) => Rows.Count(row => row.Status == status);

    /// <summary>One line: "PASS: 40 ok, 0 regressed, 2 improved, 0 missing, 0 new."</summary>
    public string Summary =>
        $"{(Passed ? "PASS" : "FAIL")}: {Count(GateStatus.Ok)} ok, {Count(GateStatus.Regressed)} regressed, {Count(GateStatus.Improved)} improved, {Count(GateStatus.Missing)} missing, {Count(GateStatus.New)} new.";

    /// <summary>The report as JSON: the verdict, the counts and every row.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new
        {
            Kind = "segbench-gate",
            Passed,
            Summary,
            Counts = Enum.GetValues<GateStatus>().ToDictionary(status => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString()), Count),
            Rows,
        },
        BenchResults.JsonOptions).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    /// <summary>The report as a plain-text table for a terminal, failures marked, the verdict last.</summary>
    public string ToText()
    {
        string[] headers = ["status", "dataset", "algorithm", "metric", "baseline", "actual", "delta", "tolerance"];
        var cells = Rows.Select(row => new[]
        {
            Status(row.Status),
            row.Dataset,
            row.Algorithm,
            row.Metric,
            Number(row.Baseline, row.IsTiming),
            Number(row.Actual, row.IsTiming),
            row.Delta is not { } delta ? "–" : row.IsTiming ? string.Create(CultureInfo.InvariantCulture, $"×{delta:0.00}") : delta.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture),
            row.IsTiming ? string.Create(CultureInfo.InvariantCulture, $"≤×{row.Tolerance:0.##}") : string.Create(CultureInfo.InvariantCulture, $"±{row.Tolerance:0.####}"),
        }).ToList();
        var widths = headers.Select((header, column) => cells.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();
        var numeric = new[] { false, false, false, false, true, true, true, true };
        var text = new StringBuilder();
        AppendLine(text, headers, widths, numeric);
        text.AppendJoin("  ", widths.Select(width => new string('-', width))).Append('\n');
        foreach (var row in cells)
        {
            AppendLine(text, row, widths, numeric);
        }

        text.Append('\n').Append(Summary).Append('\n');
        if (Count(GateStatus.Improved) > 0)
        {
            text.Append("Some scores improved beyond tolerance: update the baseline (segbench gate --update) to lock them in.\n");
        }

        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, string[] cells, int[] widths, bool[] numeric)
    {
        for (var column = 0; column < cells.Length; column++)
        {
            if (column > 0)
            {
                text.Append("  ");
            }

            text.Append(numeric[column] ? cells[column].PadLeft(widths[column]) : cells[column].PadRight(widths[column]));
        }

        text.Append('\n');
        var end = text.Length - 1;
        while (end > 0 && text[end - 1] == ' ')
        {
            text.Remove(end - 1, 1);
            end--;
        }
    }

    private static string Status(GateStatus status) => status switch
    {
        GateStatus.Ok => "ok",
        GateStatus.Regressed => "REGRESSED",
        GateStatus.Improved => "improved",
        GateStatus.Missing => "MISSING",
        _ => "new",
    };

    private static string Number(double? value, bool seconds) =>
        value is not { } number ? "–" : seconds ? Reports.ReportFormat.Seconds(number) : number.ToString("0.0000", CultureInfo.InvariantCulture);
}
