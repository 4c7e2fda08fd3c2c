using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SegBench.Cli.Output;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Cli.Commands;

/// <summary><c>segbench schema validate|list|show</c>.</summary>
internal static class SchemaCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(SchemaCatalog catalog, ConsoleStreams console)
    {
        var command = new DocumentedCommand(
            "schema",
            "Check, list and print dataset schemas.",
            "segbench schema list",
            "segbench schema validate my-bank.yaml",
            "segbench schema show indian-bank-customers --json");
        command.Subcommands.Add(Validate(catalog, console));
        command.Subcommands.Add(List(catalog, console));
        command.Subcommands.Add(Show(catalog, console));
        return command;
    }

    private static Argument<string> SchemaArgument() => new("schema")
    {
        Description = "A schema file, or the name of a shipped schema.",
        HelpName = "PATH|NAME",
    };

    private static Command Validate(SchemaCatalog catalog, ConsoleStreams console)
    {
        var schema = SchemaArgument();
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object on stdout." };
        var command = new DocumentedCommand(
            "validate",
            "Load a schema and compile it for generation, so both syntax and meaning are checked. Prints 'ok: N tables, M columns', or the first error as file:line:column on stderr (exit 1).",
            "segbench schema validate my-bank.yaml",
            "segbench schema validate indian-bank-customers")
        {
            schema, json,
        };
        command.SetAction(parsed => SegBenchCommandLine.Guard(console, () =>
        {
            var path = catalog.Resolve(parsed.GetValue(schema)!);
            var plan = DatasetPlan.Compile(SchemaCatalog.Load(path));
            var columns = plan.Tables.Sum(t => t.Generators.Count);
            if (parsed.GetValue(json))
            {
                var result = new JsonObject { ["ok"] = true, ["schema"] = plan.Schema.Name, ["path"] = path, ["tables"] = plan.Tables.Count, ["columns"] = columns };
                JsonOutput.Write(console.Output, result);
            }
            else
            {
                console.Output.WriteLine($"ok: {Count(plan.Tables.Count, "table")}, {Count(columns, "column")} ({path})");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(SchemaCatalog catalog, ConsoleStreams console)
    {
        var json = new Option<bool>("--json") { Description = "Print the list as one JSON object on stdout." };
        var command = new DocumentedCommand(
            "list",
            "List the shipped schemas: ./schemas, then the program's schemas folder, then the checkout's.",
            "segbench schema list",
            "segbench schema list --json")
        {
            json,
        };
        command.SetAction(parsed => SegBenchCommandLine.Guard(console, () =>
        {
            var entries = catalog.List();
            var items = new JsonArray();
            var table = new TextTable("name", "tables", "description");
            foreach (var entry in entries)
            {
                string[] tables;
                string? problem = null;
                try
                {
                    tables = [.. SchemaCatalog.Load(entry.Path).Tables.Select(t => t.Name)];
                }
                catch (SchemaException error)
                {
                    tables = [];
                    problem = error.Message;
                }

                items.Add(new JsonObject
                {
                    ["name"] = entry.Name,
                    ["path"] = entry.Path,
                    ["description"] = entry.Description,
                    ["tables"] = new JsonArray([.. tables.Select(t => (JsonNode)t)]),
                    ["error"] = problem,
                });
                table.Add(entry.Name, problem is null ? string.Join(", ", tables) : "(invalid)", entry.Description);
            }

            if (parsed.GetValue(json))
            {
                JsonOutput.Write(console.Output, new JsonObject { ["schemas"] = items });
            }
            else if (entries.Count == 0)
            {
                console.Output.WriteLine($"no shipped schemas found (looked in ./schemas, {Path.Combine(AppContext.BaseDirectory, "schemas")}, and the checkout's schemas folder).");
            }
            else
            {
                table.WriteTo(console.Output, indent: string.Empty);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show(SchemaCatalog catalog, ConsoleStreams console)
    {
        var schema = SchemaArgument();
        var json = new Option<bool>("--json") { Description = "Print the resolved schema as one JSON object on stdout." };
        var command = new DocumentedCommand(
            "show",
            "Print a schema as the generator resolves it: tables, columns with their kinds, types and roles, segments with their normalised weights, correlations and outliers.",
            "segbench schema show indian-bank-customers",
            "segbench schema show my-bank.yaml --json")
        {
            schema, json,
        };
        command.SetAction(parsed => SegBenchCommandLine.Guard(console, () =>
        {
            var path = catalog.Resolve(parsed.GetValue(schema)!);
            var plan = DatasetPlan.Compile(SchemaCatalog.Load(path));
            if (parsed.GetValue(json))
            {
                JsonOutput.Write(console.Output, Describe(plan, path));
            }
            else
            {
                WriteText(console.Output, plan, path);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The resolved schema as JSON (snake_case, like the manifest).</summary>
    internal static JsonObject Describe(DatasetPlan plan, string path)
    {
        var tables = new JsonArray();
        foreach (var table in plan.Tables)
        {
            var spec = table.Spec;
            var segments = spec.Segments is null
                ? null
                : new JsonObject
                {
                    ["separation"] = spec.Segments.Separation,
                    ["members"] = new JsonArray([.. table.Segments.Names.Select((name, i) => (JsonNode)new JsonObject { ["name"] = name, ["weight"] = table.Segments.Weights[i] })]),
                };
            tables.Add(new JsonObject
            {
                ["name"] = table.Name,
                ["rows"] = spec.Rows,
                ["key"] = spec.Key,
                ["columns"] = new JsonArray([.. table.Generators.Select(g => (JsonNode)new JsonObject
                {
                    ["name"] = g.Name,
                    ["kind"] = g.Spec.Kind,
                    ["type"] = Snake(g.Type.ToString()),
                    ["role"] = Snake(g.Role.ToString()),
                })]),
                ["segments"] = segments,
                ["correlations"] = new JsonArray([.. spec.Correlations.Select(c => (JsonNode)new JsonObject { ["first"] = c.First, ["second"] = c.Second, ["correlation"] = c.Correlation })]),
                ["outliers"] = spec.Outliers is null ? null : new JsonObject { ["rate"] = spec.Outliers.Rate, ["scale"] = spec.Outliers.Scale },
            });
        }

        return new JsonObject
        {
            ["schema"] = plan.Schema.Name,
            ["version"] = plan.Schema.Version,
            ["path"] = path,
            ["seed"] = plan.Seed,
            ["as_of"] = plan.Schema.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["schema_sha256"] = plan.Schema.ContentHash,
            ["generator_format_version"] = DatasetPlan.GeneratorFormatVersion,
            ["tables"] = tables,
        };
    }

    private static void WriteText(TextWriter output, DatasetPlan plan, string path)
    {
        var schema = plan.Schema;
        output.WriteLine($"schema {schema.Name} (version {schema.Version}) from {path}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {plan.Seed}, as of {schema.AsOf:yyyy-MM-dd}, sha256 {schema.ContentHash}"));
        foreach (var table in plan.Tables)
        {
            var spec = table.Spec;
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"table {table.Name}: {spec.Rows:N0} rows{(spec.Key is null ? "" : $", key {spec.Key}")}"));
            output.WriteLine($"  columns ({table.Generators.Count}):");
            var columns = new TextTable("name", "kind", "type", "role");
            foreach (var generator in table.Generators)
            {
                columns.Add(generator.Name, generator.Spec.Kind, Snake(generator.Type.ToString()), Snake(generator.Role.ToString()));
            }

            columns.WriteTo(output, indent: "    ");
            if (spec.Segments is not null)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  segments ({table.Segments.Count}, separation {spec.Segments.Separation}):"));
                var segments = new TextTable("name", "weight") { RightAligned = { 1 } };
                for (var i = 0; i < table.Segments.Count; i++)
                {
                    segments.Add(table.Segments.Names[i], table.Segments.Weights[i].ToString("F3", CultureInfo.InvariantCulture));
                }

                segments.WriteTo(output, indent: "    ");
            }

            if (spec.Correlations.Count > 0)
            {
                output.WriteLine($"  correlations ({spec.Correlations.Count}):");
                var correlations = new TextTable("first", "second", "correlation") { RightAligned = { 2 } };
                foreach (var correlation in spec.Correlations)
                {
                    correlations.Add(correlation.First, correlation.Second, correlation.Correlation.ToString("F2", CultureInfo.InvariantCulture));
                }

                correlations.WriteTo(output, indent: "    ");
            }

            if (spec.Outliers is { } outliers)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  outliers: rate {outliers.Rate}, scale {outliers.Scale}"));
            }
        }
    }

    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
