using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using SegBench.Cli.Commands.Clustering;
using SegBench.Cli.Output;
using SegBench.Clustering.Metrics;
using SegBench.Clustering.Preprocessing;
using SegBench.Data.Formats;

namespace SegBench.Cli.Commands;

/// <summary><c>segbench score</c>: external (and optionally internal) scores of any clustering against the truth.</summary>
internal static class ScoreCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleStreams console)
    {
        var truth = new Option<string>("--truth", "-t") { Description = "The reference labels, e.g. customers.truth.csv from 'segbench generate'.", Required = true, HelpName = "FILE" };
        var pred = new Option<string>("--pred", "-p") { Description = "The predicted labels: assignments.csv from 'segbench cluster', or any tool's key,cluster file (CSV, TSV, XLSX, Parquet).", Required = true, HelpName = "FILE" };
        var truthColumn = new Option<string>("--truth-column") { Description = "The label column of --truth.", DefaultValueFactory = _ => "segment", HelpName = "COL" };
        var predColumn = new Option<string>("--pred-column") { Description = "The label column of --pred.", DefaultValueFactory = _ => "cluster", HelpName = "COL" };
        var key = new Option<string>("--key") { Description = "The column that joins the files (rows are matched by key, never by order). Default: the first column of --truth, when --pred has it too.", HelpName = "COL" };
        var data = new Option<string>("--data") { Description = "The clustered data: adds silhouette, Davies-Bouldin and Calinski-Harabasz on its numeric feature columns (recommended preprocessing), joined by key.", HelpName = "FILE" };
        var seed = new Option<int>("--seed") { Description = $"The seed of the silhouette sample above {InternalScores.SampleLimit:N0} rows.", CustomParser = r => (int)(OptionParsers.Integer(r, "--seed", 0, int.MaxValue, "the seed") ?? 0), DefaultValueFactory = _ => ClusterCommand.DefaultSeed, HelpName = "S" };
        var json = new Option<bool>("--json") { Description = "Print the scores as one JSON object on stdout." };
        var command = new DocumentedCommand(
            "score",
            "Score a clustering against reference labels: ARI, AMI, NMI, Fowlkes-Mallows, homogeneity, completeness, V-measure, best-match accuracy and NCA. Works on a clustering made by any tool. Rows are joined by key; a key in one file and not the other is an error. Every label is an ordinary label: truth -1 (the planted outliers) is one more class, and a predicted -1 (noise) one more cluster, as in scikit-learn. Exit codes: 0 ok, 1 failure (missing file, column or keys), 2 usage error.",
            "segbench score --truth data/customers.truth.csv --pred run/assignments.csv",
            "segbench score --truth data/customers.truth.csv --pred sklearn.csv --key customer_id --pred-column cluster --json",
            "segbench score --truth data/customers.truth.csv --pred run/assignments.csv --data data/customers.csv")
        {
            truth, pred, truthColumn, predColumn, key, data, seed, json,
        };
        command.SetAction(parsed => SegBenchCommandLine.Guard(console, () =>
        {
            var truthTable = KeyedTable.Read(parsed.GetValue(truth)!);
            var predTable = KeyedTable.Read(parsed.GetValue(pred)!);
            var keyName = parsed.GetValue(key);
            if (keyName is null)
            {
                keyName = truthTable.FirstColumn;
                if (!predTable.Has(keyName))
                {
                    throw new UsageException($"--pred {predTable.Path} has no column '{keyName}' (the first column of --truth); give the key column with --key.");
                }
            }

            truthTable.Require(keyName, "--key");
            predTable.Require(keyName, "--key");
            var truthLabelColumn = parsed.GetValue(truthColumn)!;
            var predLabelColumn = parsed.GetValue(predColumn)!;
            truthTable.Require(truthLabelColumn, "--truth-column");
            predTable.Require(predLabelColumn, "--pred-column");
            truthTable = truthTable.WithTextKey(keyName);
            predTable = predTable.WithTextKey(keyName);

            var truthIndex = truthTable.Index(keyName);
            var predIndex = predTable.Index(keyName);
            var predRowOf = KeyedTable.Join(truthTable, truthIndex, predTable, predIndex, keyName);
            var truthLabels = truthTable.Labels(truthLabelColumn, out var truthClasses);
            var predLabelsByRow = predTable.Labels(predLabelColumn, out var predClusters);
            var predLabels = new int[truthLabels.Length];
            for (var row = 0; row < predLabels.Length; row++)
            {
                predLabels[row] = predLabelsByRow[predRowOf[row]];
            }

            var scores = ExternalMetrics.Compute(truthLabels, predLabels);
            var summary = new JsonObject
            {
                ["truth"] = truthTable.Path,
                ["pred"] = predTable.Path,
                ["key"] = keyName,
                ["rows"] = truthLabels.Length,
                ["truth_labels"] = truthClasses,
                ["pred_labels"] = predClusters,
                ["ari"] = InternalScores.Finite(scores.AdjustedRandIndex),
                ["ami"] = InternalScores.Finite(scores.AdjustedMutualInformation),
                ["nmi"] = InternalScores.Finite(scores.NormalizedMutualInformation),
                ["fmi"] = InternalScores.Finite(scores.FowlkesMallows),
                ["homogeneity"] = InternalScores.Finite(scores.Homogeneity),
                ["completeness"] = InternalScores.Finite(scores.Completeness),
                ["v_measure"] = InternalScores.Finite(scores.VMeasure),
                ["accuracy"] = InternalScores.Finite(scores.BestMatchAccuracy),
                ["nca"] = InternalScores.Finite(scores.NormalizedClusteringAccuracy),
            };
            if (parsed.GetValue(data) is { } dataPath)
            {
                var internalScores = Internal(dataPath, keyName, predTable, predIndex, predLabelsByRow, (ulong)parsed.GetValue(seed));
                summary["data"] = dataPath;
                internalScores.AddTo(summary);
            }

            if (parsed.GetValue(json))
            {
                JsonOutput.Write(console.Output, summary);
            }
            else
            {
                WriteSummary(console.Output, summary);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    // The internal indices need the features of each predicted row: the data file's rows, matched by key.
    private static InternalScores Internal(string dataPath, string keyName, KeyedTable predTable, Dictionary<string, int> predIndex, int[] predLabelsByRow, ulong seed)
    {
        var input = InputTable.Read(dataPath, null, null).RequireRows();
        if (input.Table.Schema.IndexOf(keyName) < 0)
        {
            throw new DataFileException(dataPath, $"there is no key column '{keyName}' to join the predictions on; the columns are: {input.ColumnList}");
        }

        var dataKeyed = KeyedTable.FromTable(dataPath, input.Table);
        var dataIndex = dataKeyed.Index(keyName);
        var predRowOf = KeyedTable.Join(dataKeyed, dataIndex, predTable, predIndex, keyName);
        var labels = new int[input.Table.RowCount];
        for (var row = 0; row < labels.Length; row++)
        {
            labels[row] = predLabelsByRow[predRowOf[row]];
        }

        var options = PreprocessingOptions.Recommended with { Exclude = [keyName] };
        var features = ClusteringErrors.Translate(dataPath, () => Preprocessor.Fit(input.Table, options).Transform(input.Table));
        return InternalScores.Compute(features, labels, seed);
    }

    private static void WriteSummary(TextWriter output, JsonObject summary)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scored {(int)summary["rows"]!:N0} rows of {(string?)summary["pred"]} against {(string?)summary["truth"]} (joined on {(string?)summary["key"]}; {(int)summary["truth_labels"]!} true labels, {(int)summary["pred_labels"]!} predicted)"));
        var table = new TextTable("metric", "value") { RightAligned = { 1 } };
        string[] names = ["ari", "ami", "nmi", "fmi", "homogeneity", "completeness", "v_measure", "accuracy", "nca", "silhouette", "davies_bouldin", "calinski_harabasz"];
        foreach (var name in names)
        {
            if (summary.ContainsKey(name))
            {
                table.Add(name, InternalScores.Show((double?)summary[name]));
            }
        }

        table.WriteTo(output);
    }
}
