using System.Diagnostics;
using System.Globalization;
using SegBench.Data;
using SegBench.Data.Formats.Csv;
using SegBench.Generator.Engine;
using SegBench.Generator.Randomness;

namespace SegBench.Benchmarks.Generator;

/// <summary>
/// Plain timed runs for <c>bench/generator-throughput.sh</c>, dispatched before BenchmarkSwitcher:
/// <list type="bullet">
/// <item><c>throughput --rows N --threads T --out DIR [--batch-rows B] [--keep]</c>: <see cref="DatasetGenerator.Run"/>, as <c>segbench generate</c> runs it.</item>
/// <item><c>baseline --rows N --out DIR [--keep]</c>: the Bogus + CsvHelper loop to a file.</item>
/// <item><c>profile --rows N [--rounds R]</c>: where the nanoseconds of one row go, stage by stage and column by column, on one thread.</item>
/// </list>
/// Each prints one <c>key=value</c> line per result (rows/s is rows over the wall time of the call, excluding start-up and schema compilation).
/// </summary>
public static class GeneratorCommands
{
    /// <summary>Runs a generator command, or returns null when <paramref name="args"/> names none (then BenchmarkSwitcher runs).</summary>
    public static int? TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] is not ("throughput" or "baseline" or "profile"))
        {
            return null;
        }

        try
        {
            var options = Parse(args.AsSpan(1));
            return args[0] switch
            {
                "throughput" => Throughput(options),
                "baseline" => Baseline(options),
                _ => Profile(options),
            };
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine($"{args[0]}: {error.Message}");
            return 2;
        }
    }

    private static int Throughput(Dictionary<string, string> options)
    {
        var rows = Long(options, "rows", 1_000_000);
        var threads = (int)Long(options, "threads", Environment.ProcessorCount);
        var batchRows = (int)Long(options, "batch-rows", GenerateOptions.Defaults.BatchRows);
        var directory = options.GetValueOrDefault("out") ?? GeneratorFixture.TemporaryDirectory("throughput");
        var plan = GeneratorFixture.Plan();
        var stopwatch = Stopwatch.StartNew();
        var result = DatasetGenerator.Run(plan, new GenerateOptions
        {
            OutputDirectory = directory,
            Rows = rows,
            Threads = threads,
            BatchRows = batchRows,
            Tables = [GeneratorFixture.Table],
        });
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var bytes = result.Manifest.Tables.Sum(t => t.Files.Where(f => f.Kind == "data").Sum(f => f.Bytes));
        Report("segbench", rows, threads, seconds, bytes);
        Clean(options, directory);
        return 0;
    }

    private static int Baseline(Dictionary<string, string> options)
    {
        var rows = (int)Long(options, "rows", 200_000);
        var directory = options.GetValueOrDefault("out") ?? GeneratorFixture.TemporaryDirectory("baseline");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "bogus-customers.csv");
        var stopwatch = Stopwatch.StartNew();
        BogusBaseline.WriteCsv(path, rows, GeneratorFixture.Seed);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        Report("baseline", rows, 1, seconds, new FileInfo(path).Length);
        Clean(options, directory);
        return 0;
    }

    // GC figures cover the whole process (start-up included): allocation and collections show
    // whether the steady state really allocates nothing per row.
    private static void Report(string name, long rows, int threads, double seconds, long bytes) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result={name} rows={rows} threads={threads} seconds={seconds:F3} rows_per_s={rows / seconds:F0} data_bytes={bytes} mb_per_s={bytes / seconds / 1e6:F1} alloc_mb={GC.GetTotalAllocatedBytes() / 1e6:F0} gc={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} gc_pause_ms={GC.GetTotalPauseDuration().TotalMilliseconds:F0}"));

    private static void Clean(Dictionary<string, string> options, string directory)
    {
        if (!options.ContainsKey("keep"))
        {
            GeneratorFixture.DeleteDirectory(directory);
        }
    }

    private const string Rest = "missingness + rest of Generate (Generate - keys - latent - fills)";

    /// <summary>
    /// Times each stage of generating and writing a batch, on one thread, in the engine's batch
    /// size: row keys and segments, latent vectors, each column's Fill, missingness, truth, CSV
    /// encoding (per column), SHA-256, and the file write. Rounds repeat the whole row range; the
    /// median round is reported, after a first round that warms up the JIT.
    /// </summary>
    private static int Profile(Dictionary<string, string> options)
    {
        var rows = (int)Long(options, "rows", 200_000);
        var rounds = (int)Long(options, "rounds", 5);
        var batchRows = GenerateOptions.Defaults.BatchRows;
        var table = GeneratorFixture.Customers();
        var state = table.CreateState();
        var generators = table.Generators;
        var columnSchemas = Enumerable.Range(0, generators.Count).Select(i => new TableSchema([table.DataSchema[i]])).ToArray();
        var width = table.Segments.LatentCount;
        var innovations = new double[batchRows * width];
        var latent = new double[batchRows * width];
        var segments = new int[batchRows];
        var keys = new ulong[batchRows];
        var stages = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var order = new List<string>();
        var scratchFile = Path.Combine(Path.GetTempPath(), $"segbench-profile-{Environment.ProcessId}.csv");

        void Add(string stage, double seconds, Dictionary<string, double> round)
        {
            round[stage] = round.GetValueOrDefault(stage) + seconds;
            if (!order.Contains(stage))
            {
                order.Add(stage);
            }
        }

        for (var roundIndex = 0; roundIndex <= rounds; roundIndex++)
        {
            var round = new Dictionary<string, double>(StringComparer.Ordinal);
            // The engine's writers (pooled encode buffers, SHA-256 on append), never committed.
            using var dataWriter = new CsvTableWriter(scratchFile, table.DataSchema);
            using var truthWriter = new CsvTableWriter(scratchFile + ".truth", table.TruthSchema);
            for (var first = 0; first < rows; first += batchRows)
            {
                var count = Math.Min(batchRows, rows - first);
                var clock = new Lapper();

                // 1. What Generate does per row before any column: the row key and the segment draw ...
                for (var r = 0; r < count; r++)
                {
                    var key = StreamKey.ForRow(table.TableKey, first + r);
                    segments[r] = table.Segments.DrawSegment(key, table.Segments.Cumulative);
                }

                var keysAndSegments = Lap(clock);
                Add("row keys + segment draw", keysAndSegments, round);

                // ... then the latent vectors (one inverse-CDF normal per latent column, then L·e).
                for (var r = 0; r < count; r++)
                {
                    keys[r] = StreamKey.ForRow(table.TableKey, first + r);
                }

                table.Segments.FillLatent(keys.AsSpan(0, count), segments.AsSpan(0, count), innovations.AsSpan(0, count * width), latent.AsSpan(0, count * width));

                var latentVectors = Lap(clock);
                Add($"latent vector ({width} normals + Cholesky)", latentVectors, round);

                // 2. The whole of Generate, as the engine calls it.
                table.Generate(state, first, count);
                var generate = Lap(clock);
                Add("Generate (total, for reference)", generate, round);

                // 3. Each column's Fill again, alone, its dependencies already in the batch. The
                // nulls that missingness set are cleared with the column, so it is re-applied below.
                var fills = 0.0;
                foreach (var generator in generators)
                {
                    var column = state.Columns[generator.Name];
                    column.Clear();
                    clock.Restart();
                    generator.Fill(state, column);
                    var seconds = Lap(clock);
                    fills += seconds;
                    Add($"fill {generator.Name} ({generator.Spec.Kind})", seconds, round);
                }

                table.Generate(state, first, count);
                clock.Restart();

                // 4. The truth: Bayes-optimal segment per row, then its CSV.
                var truth = ColumnBatch.CreateEmpty(table.TruthSchema, count, first);
                table.FillTruth(state, truth, new long[table.Segments.Count * table.Segments.Count]);
                Add("truth: FillTruth (Bayes-optimal segment)", Lap(clock), round);
                var truthEncoded = truthWriter.Encode(truth);
                Add("truth: CSV encode", Lap(clock), round);

                // 5. The data CSV, whole batch (as the engine does), then per column for the split.
                var dataEncoded = dataWriter.Encode(table.Output(state));
                Add("data: CSV encode (whole batch)", Lap(clock), round);
                for (var i = 0; i < generators.Count; i++)
                {
                    var single = new ColumnBatch(columnSchemas[i], [state.Columns.Columns[i]]);
                    clock.Restart();
                    _ = CsvTableWriter.EncodeRows(single);
                    Add($"encode {generators[i].Name} ({generators[i].Type})", Lap(clock), round);
                }

                // 6. What the writer thread does: SHA-256 and the write itself (page cache, no fsync).
                clock.Restart();
                dataWriter.Append(dataEncoded);
                truthWriter.Append(truthEncoded);
                Add("append: SHA-256 + file write of data + truth", Lap(clock), round);
                Add(Rest, Math.Max(0, generate - fills - keysAndSegments - latentVectors), round);
            }

            if (roundIndex > 0)
            {
                foreach (var (stage, seconds) in round)
                {
                    if (!stages.TryGetValue(stage, out var list))
                    {
                        stages[stage] = list = [];
                    }

                    list.Add(seconds);
                }
            }
        }

        var median = stages.ToDictionary(s => s.Key, s => Median(s.Value), StringComparer.Ordinal);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"profile rows={rows} rounds={rounds} batch_rows={batchRows} (median round, one thread, {(ThreadCpuClock.IsCpuTime ? "thread CPU time: time spent descheduled by other load is excluded" : "wall time")})"));
        Console.WriteLine($"{"stage",-72} {"ns/row",9} {"share",7}");
        var total = median.Where(s => !s.Key.StartsWith("Generate", StringComparison.Ordinal) && !s.Key.StartsWith("fill ", StringComparison.Ordinal) && !s.Key.StartsWith("encode ", StringComparison.Ordinal)).Sum(s => s.Value)
            + median.Where(s => s.Key.StartsWith("fill ", StringComparison.Ordinal)).Sum(s => s.Value);
        foreach (var stage in order)
        {
            var seconds = median[stage];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage,-72} {seconds * 1e9 / rows,9:F1} {seconds / total,7:P1}"));
        }

        var fillSum = median.Where(s => s.Key.StartsWith("fill ", StringComparison.Ordinal)).Sum(s => s.Value);
        var encodeSum = median.Where(s => s.Key.StartsWith("encode ", StringComparison.Ordinal)).Sum(s => s.Value);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"all fills (sum of the fill lines)",-72} {fillSum * 1e9 / rows,9:F1} {fillSum / total,7:P1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"per-column encodes (sum; the whole-batch line is what the engine pays)",-72} {encodeSum * 1e9 / rows,9:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"total per row (stages 1, fills, rest, truth, encode, hash, write)",-72} {total * 1e9 / rows,9:F1} => {rows / total:F0} rows/s on one thread"));
        return 0;
    }

    private static double Lap(Lapper lapper) => lapper.Lap();

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static long Long(Dictionary<string, string> options, string name, long fallback) =>
        options.TryGetValue(name, out var text)
            ? long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new ArgumentException($"--{name} must be a positive whole number, not '{text}'.")
            : fallback;

    private static Dictionary<string, string> Parse(ReadOnlySpan<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected '{args[i]}'; options look like --rows 1000000.");
            }

            var name = args[i][2..];
            if (name == "keep")
            {
                options[name] = "true";
            }
            else if (i + 1 < args.Length)
            {
                options[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"--{name} needs a value.");
            }
        }

        return options;
    }

    /// <summary>Laps of the thread CPU clock.</summary>
    private sealed class Lapper
    {
        private double _start = ThreadCpuClock.Now();

        public void Restart() => _start = ThreadCpuClock.Now();

        public double Lap()
        {
            var now = ThreadCpuClock.Now();
            var seconds = now - _start;
            _start = now;
            return seconds;
        }
    }
}
