using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SegBench.Clustering;
using SegBench.Clustering.Algorithms;

namespace SegBench.Benchmarks.Clustering;

/// <summary>
/// The C# half of bench/sidebyside/kmeans_vs_sklearn.sh: fits on raw float64 files that the Python
/// half wrote, and prints one JSON line of timings and results. Not a BenchmarkDotNet suite: it
/// measures whole fits on a million rows, once per repeat, as scikit-learn is measured.
/// </summary>
/// <remarks>
/// <c>sidebyside kmeans --data X.f64 --rows N --columns D --centers C.f64 --clusters K --iterations I [--repeats R] [--precision single]</c><br/>
/// <c>sidebyside dbscan --data X.f64 --rows N --columns D --eps E --min-samples M --labels-out L.i32 [--repeats R]</c>
/// </remarks>
public static class SideBySide
{
    /// <summary>Runs one comparison; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: sidebyside kmeans|dbscan --data FILE --rows N --columns D ...");
            return 2;
        }

        var options = new Dictionary<string, string>();
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name) => options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");
        int GetInt(string name) => int.Parse(Get(name), CultureInfo.InvariantCulture);
        var repeats = options.ContainsKey("repeats") ? GetInt("repeats") : 3;
        var data = new FeatureMatrix(ReadDoubles(Get("data")), GetInt("rows"), GetInt("columns"));

        switch (args[0])
        {
            case "kmeans":
                {
                    var kmeansOptions = new KMeansOptions
                    {
                        NumberOfClusters = GetInt("clusters"),
                        InitialCenters = ReadDoubles(Get("centers")),
                        MaximumIterations = GetInt("iterations"),
                        Tolerance = 0,
                        Precision = options.TryGetValue("precision", out var precision) && precision == "single" ? KMeansPrecision.Single : KMeansPrecision.Double,
                    };
                    // Warm the JIT on a small slice so tier-1 code is what gets timed.
                    var warm = new FeatureMatrix(data.Values.AsSpan(0, Math.Min(data.Rows, 20_000) * data.Columns).ToArray(), Math.Min(data.Rows, 20_000), data.Columns);
                    for (var w = 0; w < 3; w++)
                    {
                        new KMeans(kmeansOptions).Fit(warm);
                    }

                    var seconds = new List<double>();
                    var cpu = new List<double>();
                    ClusteringResult? result = null;
                    for (var r = 0; r < repeats; r++)
                    {
                        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
                        var watch = Stopwatch.StartNew();
                        result = new KMeans(kmeansOptions).Fit(data);
                        seconds.Add(watch.Elapsed.TotalSeconds);
                        cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds);
                    }

                    Print(new Dictionary<string, object>
                    {
                        ["implementation"] = kmeansOptions.Precision == KMeansPrecision.Single ? "segbench float32" : "segbench",
                        ["algorithm"] = "kmeans",
                        ["seconds"] = seconds,
                        ["cpu_seconds"] = cpu,
                        ["best_seconds"] = seconds.Min(),
                        ["inertia"] = result!.Inertia,
                        ["n_iter"] = result.Iterations,
                        ["threads"] = Environment.ProcessorCount,
                        ["avx512"] = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated,
                        ["peak_working_set_mb"] = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,
                    });
                    return 0;
                }

            case "dbscan":
                {
                    var dbscanOptions = new DbscanOptions
                    {
                        Eps = double.Parse(Get("eps"), CultureInfo.InvariantCulture),
                        MinimumSamples = GetInt("min-samples"),
                    };
                    var seconds = new List<double>();
                    var cpu = new List<double>();
                    ClusteringResult? result = null;
                    for (var r = 0; r < repeats; r++)
                    {
                        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
                        var watch = Stopwatch.StartNew();
                        result = new Dbscan(dbscanOptions).Fit(data);
                        seconds.Add(watch.Elapsed.TotalSeconds);
                        cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds);
                    }

                    using (var output = File.Create(Get("labels-out")))
                    {
                        var bytes = new byte[result!.Labels.Length * sizeof(int)];
                        Buffer.BlockCopy(result.Labels, 0, bytes, 0, bytes.Length);
                        output.Write(bytes);
                    }

                    Print(new Dictionary<string, object>
                    {
                        ["implementation"] = "segbench",
                        ["algorithm"] = "dbscan",
                        ["seconds"] = seconds,
                        ["cpu_seconds"] = cpu,
                        ["best_seconds"] = seconds.Min(),
                        ["clusters"] = result.NumberOfClusters,
                        ["noise"] = result.Labels.Count(label => label < 0),
                        ["peak_working_set_mb"] = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,
                    });
                    return 0;
                }

            default:
                Console.Error.WriteLine($"unknown comparison '{args[0]}': use kmeans or dbscan");
                return 2;
        }
    }

    private static double[] ReadDoubles(string path)
    {
        using var stream = File.OpenRead(path);
        var values = new double[stream.Length / sizeof(double)];
        stream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private static void Print(Dictionary<string, object> values) => Console.WriteLine(JsonSerializer.Serialize(values));
}
