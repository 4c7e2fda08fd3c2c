using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SegBench.Clustering.Tests.Metrics.Fixtures;

/// <summary>
/// Finds and reads the committed golden files. The test project does not copy them to its
/// output, so they are found by walking up from the test binaries to the repository's
/// tests/SegBench.Clustering.Tests folder (or, failing that, beside this source file).
/// </summary>
internal static class GoldenFixture
{
    private const string MetricsFolder = "Metrics/Fixtures";

    public static JsonDocument Load(string fileName, string folder = MetricsFolder) => JsonDocument.Parse(File.ReadAllBytes(PathOf(fileName, folder)));

    public static string PathOf(string fileName, string folder = MetricsFolder, [CallerFilePath] string sourceFile = "")
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests/SegBench.Clustering.Tests", folder, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var testsRoot = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(sourceFile))) ?? ".";
        var besideSource = Path.Combine(testsRoot, folder, fileName);
        return File.Exists(besideSource)
            ? besideSource
            : throw new FileNotFoundException($"Golden file {fileName} not found above {AppContext.BaseDirectory} or beside {sourceFile}.");
    }
}

/// <summary>The 64-bit LCG labelings that make_metrics_golden.py regenerates (lcg_labels there).</summary>
internal static class GoldenLabels
{
    public static (int[] Truth, int[] Predicted) Lcg(ulong seed, int n, int trueClusters, int predictedClusters, int agreePercent)
    {
        var state = seed;
        var truth = new int[n];
        var predicted = new int[n];
        for (var i = 0; i < n; i++)
        {
            state = unchecked((state * 6364136223846793005UL) + 1442695040888963407UL);
            var t = (int)((state >> 33) % (ulong)trueClusters);
            state = unchecked((state * 6364136223846793005UL) + 1442695040888963407UL);
            int p;
            if ((state >> 33) % 100 < (ulong)agreePercent)
            {
                p = ((t * 7) + 3) % predictedClusters;
            }
            else
            {
                state = unchecked((state * 6364136223846793005UL) + 1442695040888963407UL);
                p = (int)((state >> 33) % (ulong)predictedClusters);
            }

            truth[i] = t;
            predicted[i] = p;
        }

        return (truth, predicted);
    }
}
