using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using SegBench.Cli.Output;
using SegBench.Data.Formats;
using SegBench.Data.Formats.Parquet;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Cli.Commands;

/// <summary><c>segbench generate</c>: writes a seeded dataset, its truth files and its manifest.</summary>
internal static class GenerateCommand
{
    /// <summary>The schema used when <c>--schema</c> is not given.</summary>
    public const string DefaultSchema = "indian-bank-customers";

    /// <summary>Builds the command.</summary>
    public static Command Create(SchemaCatalog catalog, ConsoleStreams console, CancellationToken cancellationToken)
    {
        var schema = new Option<string>("--schema", "-s")
        {
            Description = "A schema file, or the name of a shipped schema (see 'segbench schema list').",
            DefaultValueFactory = _ => DefaultSchema,
            HelpName = "PATH|NAME",
        };
        var rows = new Option<long?>("--rows", "-n")
        {
            Description = "Rows of each root table. Default: the count the schema declares.",
            CustomParser = r => OptionParsers.Integer(r, "--rows", 0, long.MaxValue, "the row count"),
            HelpName = "N",
        };
        var seed = new Option<ulong?>("--seed")
        {
            Description = "The seed; the same seed gives the same bytes. Default: the schema's seed.",
            CustomParser = OptionParsers.Seed,
            HelpName = "S",
        };
        var format = new Option<TableFormat?>("--format", "-f")
        {
            Description = "The file format: csv or parquet. Default: csv.",
            CustomParser = OptionParsers.Format,
            HelpName = "csv|parquet",
        };
        var compression = new Option<ParquetCompression?>("--compression")
        {
            Description = "Page compression of Parquet output: snappy, gzip (smaller, slower to write) or none. Default: snappy.",
            CustomParser = OptionParsers.Compression,
            HelpName = "snappy|gzip|none",
        };
        var checksum = new Option<ChecksumAlgorithm?>("--checksum")
        {
            Description = "The checksum the manifest records for each file: xxh128 (fast; check with 'segbench manifest verify' or xxh128sum) or sha256 (for sha256sum). Default: xxh128.",
            CustomParser = OptionParsers.Checksum,
            HelpName = "xxh128|sha256",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "The dataset folder to write into (created if missing).",
            Required = true,
            HelpName = "DIR",
        };
        var threads = new Option<int?>("--threads", "-t")
        {
            Description = "Worker threads, 1 to 256. The output does not depend on it. Default: one per core.",
            CustomParser = r => (int?)OptionParsers.Integer(r, "--threads", 1, 256, "the thread count"),
            HelpName = "T",
        };
        var shard = new Option<Shard?>("--shard")
        {
            Description = "Write only shard I of N (0 ≤ I < N) as part-NNNNN files; the shards, concatenated in order, equal the whole dataset.",
            CustomParser = OptionParsers.Shard,
            HelpName = "I/N",
        };
        var separation = new Option<double?>("--separation")
        {
            Description = "How far apart the planted segments sit, overriding the schema's (greater than 0, at most 1000).",
            CustomParser = OptionParsers.Separation,
            HelpName = "X",
        };
        var tables = new Option<string[]>("--table")
        {
            Description = "Generate only this table; repeat for several. Default: every table.",
            HelpName = "T",
        };
        var batchRows = new Option<int>("--batch-rows")
        {
            Description = "Rows per batch of CSV output, 1 to 1,048,576 (Parquet batches are its 16,384-row pages). The output does not depend on it.",
            CustomParser = r => (int)(OptionParsers.Integer(r, "--batch-rows", 1, 1_048_576, "the batch size") ?? 1),
            DefaultValueFactory = _ => GenerateOptions.Defaults.BatchRows,
            HelpName = "N",
        };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on stdout." };

        var command = new DocumentedCommand(
            "generate",
            "Generate a seeded dataset: a data and a truth file per table, and manifest.json. Progress goes to stderr, the summary to stdout; files appear only when complete. Exit codes: 0 ok, 1 failure, 2 usage error, 130 SIGINT, 143 SIGTERM.",
            "segbench generate --out data",
            "segbench generate --schema indian-bank-customers --rows 1000000 --seed 7 --out data --json",
            "segbench generate --schema credit-card-usage --format parquet --compression gzip --out data",
            "segbench generate --schema my-bank.yaml --rows 10000000 --shard 0/4 --out data",
            "segbench manifest merge data")
        {
            schema, rows, seed, format, compression, checksum, output, threads, shard, separation, tables, batchRows, json,
        };
        command.SetAction(parsed => SegBenchCommandLine.Guard(console, () =>
        {
            var outputDirectory = parsed.GetValue(output)!;
            if (File.Exists(outputDirectory))
            {
                throw new IOException($"--out {outputDirectory}: is a file; give a folder to write the dataset into.");
            }

            var path = catalog.Resolve(parsed.GetValue(schema)!);
            var plan = DatasetPlan.Compile(SchemaCatalog.Load(path), parsed.GetValue(seed), parsed.GetValue(separation));
            var selected = parsed.GetValue(tables) ?? [];
            foreach (var name in selected)
            {
                if (!plan.Tables.Any(t => t.Name == name))
                {
                    throw new UsageException($"--table {name}: schema '{plan.Schema.Name}' has no such table; it has: {string.Join(", ", plan.Tables.Select(t => t.Name))}.");
                }
            }

            var fileFormat = parsed.GetValue(format) ?? GenerateOptions.Defaults.Format;
            if (parsed.GetValue(compression) is not null && fileFormat != TableFormat.Parquet)
            {
                throw new UsageException("--compression applies to Parquet output only; add --format parquet, or drop --compression (CSV is written uncompressed).");
            }

            var options = new GenerateOptions
            {
                OutputDirectory = outputDirectory,
                Format = fileFormat,
                Compression = parsed.GetValue(compression) ?? GenerateOptions.Defaults.Compression,
                Checksum = parsed.GetValue(checksum) ?? GenerateOptions.Defaults.Checksum,
                Rows = parsed.GetValue(rows),
                Threads = parsed.GetValue(threads) ?? Math.Clamp(GenerateOptions.Defaults.Threads, 1, 256),
                BatchRows = parsed.GetValue(batchRows),
                Shard = parsed.GetValue(shard),
                Tables = selected.Length == 0 ? null : selected.Distinct(StringComparer.Ordinal).ToArray(),
            };
            // The engine renames every file into place only once all tables are written.
            var result = console.ErrorIsTerminal
                ? TerminalProgress.Run(console.Error, progress => DatasetGenerator.Run(plan, options, progress, cancellationToken))
                : DatasetGenerator.Run(plan, options, new PlainProgress(console.Error), cancellationToken);

            if (parsed.GetValue(json))
            {
                JsonOutput.Write(console.Output, Json(result, options));
            }
            else
            {
                WriteSummary(console.Output, result, options);
            }

            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>The <c>--json</c> summary.</summary>
    internal static JsonObject Json(GenerateResult result, GenerateOptions options)
    {
        var tables = new JsonObject();
        foreach (var table in result.Manifest.Tables)
        {
            var entry = new JsonObject { ["rows"] = table.Rows };
            if (table.Difficulty is { } difficulty)
            {
                entry["bayes_accuracy"] = difficulty.BayesAccuracy;
                entry["bayes_ari"] = difficulty.BayesAri;
            }

            tables[table.Name] = entry;
        }

        var summary = new JsonObject
        {
            ["schema"] = result.Manifest.Schema,
            ["seed"] = result.Manifest.Seed,
            ["rows"] = result.Rows,
            ["seconds"] = Math.Round(result.Seconds, 3),
            ["rows_per_second"] = Math.Round(Rate(result)),
            ["directory"] = options.OutputDirectory,
            ["files"] = new JsonArray([.. result.Manifest.Tables.SelectMany(t => t.Files).Select(f => (JsonNode)f.Path)]),
            ["manifest"] = result.ManifestPath,
            ["tables"] = tables,
        };
        if (options.Shard is { } shard)
        {
            summary["shard"] = shard.ToString();
            summary["shard_manifest"] = Path.Combine(options.OutputDirectory, DatasetGenerator.ShardManifestFolder, $"part-{shard.Index:00000}.json");
        }

        return summary;
    }

    private static void WriteSummary(TextWriter output, GenerateResult result, GenerateOptions options)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {result.Rows:N0} rows in {result.Seconds:F2} s ({Rate(result):N0} rows/s) into {options.OutputDirectory}{(options.Shard is { } shard ? $" (shard {shard})" : "")}"));
        var files = new TextTable("file", "rows", "bytes") { RightAligned = { 1, 2 } };
        foreach (var file in result.Manifest.Tables.SelectMany(t => t.Files))
        {
            files.Add(file.Path, file.Rows.ToString("N0", CultureInfo.InvariantCulture), file.Bytes.ToString("N0", CultureInfo.InvariantCulture));
        }

        files.WriteTo(output);
        foreach (var table in result.Manifest.Tables.Where(t => t.Difficulty is not null))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Bayes ceiling for {table.Name}: accuracy {table.Difficulty!.BayesAccuracy:F4}, ARI {table.Difficulty.BayesAri:F4} ({table.Segments.Count} segments)"));
        }

        output.WriteLine($"manifest: {result.ManifestPath}");
    }

    private static double Rate(GenerateResult result) => result.Seconds > 0 ? result.Rows / result.Seconds : 0;
}
