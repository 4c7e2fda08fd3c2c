using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using SegBench.Cli.Commands.Clustering;
using SegBench.Cli.Output;
using SegBench.Clustering.Pipeline;
using SegBench.Clustering.Profiling;

namespace SegBench.Cli.Commands;

/// <summary><c>segbench profile</c>: assigns a table's rows with a saved model and profiles the segments.</summary>
internal static class ProfileCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleStreams console)
    {
        var input = new Option<string>("--input", "-i") { Description = "The table to profile: .csv, .tsv, .xlsx or .parquet, with the columns the model was fitted on.", Required = true, HelpName = "FILE" };
        var model = new Option<string>("--model", "-m") { Description = "A model.json written by 'segbench cluster'.", Required = true, HelpName = "FILE" };
        var output = new Option<string>("--out", "-o") { Description = "A folder to write profile.json and profile.md into. Default: print the profile only.", HelpName = "DIR" };
        var sheet = new Option<string>("--sheet") { Description = "XLSX: the sheet to read. Default: the first.", HelpName = "NAME" };
        var manifest = new Option<string>("--manifest") { Description = "A dataset manifest.json giving the column types and roles. Default: the manifest beside the input, if it lists the file.", HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print the summary, with the whole profile, as one JSON object on stdout." };
        var command = new DocumentedCommand(
            "profile",
            "Assign every row of a table to a segment with a saved model, and profile the segments of that table: size, share, numeric medians against the whole, top categories, and a one-line description. Without --json the profile is printed as Markdown. Exit codes: 0 ok, 1 failure (missing file or column, unusable model), 2 usage error.",
            "segbench profile --input data/customers.csv --model run/model.json",
            "segbench profile --input new-customers.xlsx --sheet March --model run/model.json --out march",
            "segbench profile --input data/customers.parquet --model run/model.json --json")
        {
            input, model, output, sheet, manifest, json,
        };
        command.SetAction(parsed => SegBenchCommandLine.Guard(console, () =>
        {
            var outputDirectory = parsed.GetValue(output);
            if (outputDirectory is not null)
            {
                OutputFiles.CheckDirectory(outputDirectory);
            }

            var modelPath = parsed.GetValue(model)!;
            var segmentation = ClusteringErrors.Translate(modelPath, () => SegmentationModel.Load(modelPath));
            var path = parsed.GetValue(input)!;
            var data = InputTable.Read(path, parsed.GetValue(manifest), parsed.GetValue(sheet)).RequireRows();
            var labels = ClusteringErrors.Translate(path, () => segmentation.Assign(data.Table));
            var profile = ClusteringErrors.Translate(path, () => Profiler.Profile(data.Table, labels));

            var written = new List<string>();
            if (outputDirectory is not null)
            {
                using var files = new OutputFiles(outputDirectory);
                files.AddProfile(profile);
                files.Commit();
                written.AddRange(files.Paths);
            }

            if (parsed.GetValue(json))
            {
                var summary = new JsonObject
                {
                    ["input"] = path,
                    ["model"] = modelPath,
                    ["rows"] = data.Table.RowCount,
                    ["k"] = segmentation.Clusters.NumberOfClusters,
                    ["files"] = new JsonArray([.. written.Select(p => (JsonNode)p)]),
                    ["profile"] = JsonNode.Parse(profile.ToJson()),
                };
                JsonOutput.Write(console.Output, summary);
            }
            else if (outputDirectory is null)
            {
                console.Output.Write(profile.ToMarkdown());
            }
            else
            {
                console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"profiled {data.Table.RowCount:N0} rows of {path} with {modelPath} (k = {segmentation.Clusters.NumberOfClusters})"));
                WriteClusters(console.Output, profile);
                console.Output.WriteLine("files:");
                foreach (var file in written)
                {
                    console.Output.WriteLine($"  {file}");
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The clusters as a table: id, size, share, description.</summary>
    internal static void WriteClusters(TextWriter output, ProfileReport profile)
    {
        var table = new TextTable("cluster", "size", "share", "description") { RightAligned = { 0, 1, 2 } };
        foreach (var cluster in profile.Clusters)
        {
            table.Add(
                cluster.Cluster.ToString(CultureInfo.InvariantCulture),
                cluster.Size.ToString("N0", CultureInfo.InvariantCulture),
                cluster.Share.ToString("P1", CultureInfo.InvariantCulture),
                cluster.Description);
        }

        table.WriteTo(output);
    }
}
