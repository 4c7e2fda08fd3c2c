using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SegBench.Cli.Output;
using SegBench.Generator.Engine;

namespace SegBench.Cli.Commands;

/// <summary>
/// <c>segbench manifest merge</c> combines the shard manifests of a dataset folder;
/// <c>segbench manifest verify</c> checks its files against the sizes and checksums listed.
/// </summary>
internal static class ManifestCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(ConsoleStreams console)
    {
        var command = new DocumentedCommand(
            "manifest",
            "Work with dataset manifests.",
            "segbench manifest merge data",
            "segbench manifest verify data");
        var directory = new Argument<string>("directory") { Description = "The dataset folder the shards were written into.", HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on stdout." };
        var merge = new DocumentedCommand(
            "merge",
            "Merge the shard manifests under DIR/_manifests into DIR/manifest.json and print its summary. Shards merge their own manifests as they finish; run this once all of them are done, to be sure the manifest lists every shard. Refuses shards of different runs (schema, seed, format, shard count).",
            "segbench generate --rows 10000000 --shard 0/2 --out data",
            "segbench generate --rows 10000000 --shard 1/2 --out data",
            "segbench manifest merge data")
        {
            directory, json,
        };
        merge.SetAction(parsed => SegBenchCommandLine.Guard(console, () =>
        {
            var folder = parsed.GetValue(directory)!;
            var merged = DatasetGenerator.MergeShardManifests(folder);
            var path = Path.Combine(folder, "manifest.json");
            var missing = Enumerable.Range(0, merged.ShardCount).Except(merged.Shards).ToArray();
            if (missing.Length > 0)
            {
                console.Error.WriteLine($"segbench: warning: {merged.ShardCount - merged.Shards.Count} of {merged.ShardCount} shards have no manifest yet (missing: {string.Join(", ", missing)}).");
            }

            if (parsed.GetValue(json))
            {
                JsonOutput.Write(console.Output, Json(merged, path));
            }
            else
            {
                WriteSummary(console.Output, merged, path);
            }

            return ExitCodes.Ok;
        }));
        command.Subcommands.Add(merge);
        command.Subcommands.Add(CreateVerify(console));
        return command;
    }

    private static DocumentedCommand CreateVerify(ConsoleStreams console)
    {
        var directory = new Argument<string>("directory") { Description = "The dataset folder holding manifest.json.", HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object on stdout." };
        var verify = new DocumentedCommand(
            "verify",
            "Check every file DIR/manifest.json lists: that it exists, has the listed size, and has the listed checksum (xxh128 or sha256, as the manifest names it). Prints one line per file; exits 1 if any file fails.",
            "segbench manifest verify data",
            "segbench manifest verify data --json")
        {
            directory, json,
        };
        verify.SetAction(parsed => SegBenchCommandLine.Guard(console, () =>
        {
            var folder = parsed.GetValue(directory)!;
            var path = Path.Combine(folder, "manifest.json");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path}: no manifest (is {folder} a dataset folder written by 'segbench generate'?).");
            }

            var checks = new List<FileCheck>();
            foreach (var check in ManifestVerification.Verify(Manifest.Load(path), folder))
            {
                checks.Add(check);
                if (!parsed.GetValue(json))
                {
                    console.Output.WriteLine(check.Status == FileCheckStatus.Ok
                        ? $"ok      {check.File.Path}"
                        : $"FAILED  {check.File.Path}: {check.Detail}");
                }
            }

            var failed = checks.Count(c => c.Status != FileCheckStatus.Ok);
            if (parsed.GetValue(json))
            {
                var files = new JsonArray([.. checks.Select(c => (JsonNode)new JsonObject
                {
                    ["path"] = c.File.Path,
                    ["status"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(c.Status.ToString()),
                    ["detail"] = c.Detail,
                })]);
                var summary = new JsonObject { ["manifest"] = path, ["files"] = files, ["failed"] = failed, ["ok"] = failed == 0 };
                JsonOutput.Write(console.Output, summary);
            }
            else
            {
                console.Output.WriteLine(failed == 0
                    ? $"all {checks.Count} files match {path}"
                    : $"{failed} of {checks.Count} files do not match {path}");
            }

            return failed == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        }));
        return verify;
    }

    private static JsonObject Json(Manifest merged, string path)
    {
        var tables = new JsonObject();
        foreach (var table in merged.Tables)
        {
            var entry = new JsonObject { ["rows"] = table.Rows, ["files"] = table.Files.Count };
            if (table.Difficulty is { } difficulty)
            {
                entry["bayes_accuracy"] = difficulty.BayesAccuracy;
                entry["bayes_ari"] = difficulty.BayesAri;
            }

            tables[table.Name] = entry;
        }

        return new JsonObject
        {
            ["manifest"] = path,
            ["schema"] = merged.Schema,
            ["seed"] = merged.Seed,
            ["shard_count"] = merged.ShardCount,
            ["shards"] = new JsonArray([.. merged.Shards.Select(s => (JsonNode)s)]),
            ["complete"] = merged.Shards.Count == merged.ShardCount,
            ["rows"] = merged.Tables.Sum(t => t.Rows),
            ["files"] = new JsonArray([.. merged.Tables.SelectMany(t => t.Files).Select(f => (JsonNode)f.Path)]),
            ["tables"] = tables,
        };
    }

    private static void WriteSummary(TextWriter output, Manifest merged, string path)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {merged.Shards.Count} of {merged.ShardCount} shards of {merged.Schema} (seed {merged.Seed}) into {path}"));
        var tables = new TextTable("table", "rows", "files", "bayes accuracy", "bayes ARI") { RightAligned = { 1, 2, 3, 4 } };
        foreach (var table in merged.Tables)
        {
            tables.Add(
                table.Name,
                table.Rows.ToString("N0", CultureInfo.InvariantCulture),
                table.Files.Count.ToString(CultureInfo.InvariantCulture),
                table.Difficulty?.BayesAccuracy.ToString("F4", CultureInfo.InvariantCulture) ?? "-",
                table.Difficulty?.BayesAri.ToString("F4", CultureInfo.InvariantCulture) ?? "-");
        }

        tables.WriteTo(output);
    }
}
