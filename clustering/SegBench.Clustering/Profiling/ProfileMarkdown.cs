using System.Globalization;
using System.Text;

namespace SegBench.Clustering.Profiling;

/// <summary>Renders a <see cref="ProfileReport"/> as Markdown (profile.md).</summary>
internal static class ProfileMarkdown
{
    public static string Render(ProfileReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Cluster profiles\n\n{report.Rows:#,0} rows in {report.Clusters.Count} clusters.\n\n");
        text.Append("| cluster | size | share | description |\n|---:|---:|---:|---|\n");
        foreach (var cluster in report.Clusters)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {Name(cluster.Cluster)} | {cluster.Size:#,0} | {Percent(cluster.Share)} | {Escape(cluster.Description)} |\n");
        }

        foreach (var cluster in report.Clusters)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## Cluster {Name(cluster.Cluster)}: {cluster.Size:#,0} rows ({Percent(cluster.Share)})\n\n{Escape(cluster.Description)}\n");
            if (cluster.Numeric.Count > 0)
            {
                text.Append("\n| column | mean | median | overall mean | overall median | z (mean) |\n|---|---:|---:|---:|---:|---:|\n");
                foreach (var column in cluster.Numeric)
                {
                    text.Append(CultureInfo.InvariantCulture, $"| {Escape(column.Column)} | {Profiler.Number(column.Mean)} | {Profiler.Number(column.Median)} | {Profiler.Number(column.OverallMean)} | {Profiler.Number(column.OverallMedian)} | {column.MeanZScore:+0.00;-0.00;0.00} |\n");
                }
            }

            if (cluster.Categorical.Count > 0)
            {
                text.Append("\n| column | category | share | overall | lift |\n|---|---|---:|---:|---:|\n");
                foreach (var column in cluster.Categorical)
                {
                    foreach (var category in column.Top)
                    {
                        text.Append(CultureInfo.InvariantCulture, $"| {Escape(column.Column)} | {Escape(category.Category)} | {Percent(category.Share)} | {Percent(category.OverallShare)} | {category.Lift:0.00} |\n");
                    }
                }
            }
        }

        return text.ToString();
    }

    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Name(int cluster) => cluster == -1 ? "noise (-1)" : cluster.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
