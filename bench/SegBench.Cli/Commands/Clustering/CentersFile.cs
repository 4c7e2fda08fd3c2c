using System.Globalization;

namespace SegBench.Cli.Commands.Clustering;

/// <summary>
/// Initial k-means centers from a CSV: one row per cluster, one column per feature of the model's
/// feature space (after preprocessing: scaled, encoded, and projected when <c>--pca</c> is set).
/// A header row is optional; when its names are the feature names, columns are matched by name.
/// </summary>
internal static class CentersFile
{
    /// <summary>Reads the centers, row-major; every problem is an <see cref="InvalidDataException"/> naming the file and row.</summary>
    public static double[] Read(string path, IReadOnlyList<string> featureNames, out int rows)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"--init {path}: the centers file does not exist.");
        }

        var lines = File.ReadAllLines(path).Where(line => line.Trim().Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new InvalidDataException($"--init {path}: the centers file is empty; it needs one row per cluster.");
        }

        var width = featureNames.Count;
        var order = Enumerable.Range(0, width).ToArray();
        var first = Split(lines[0]);
        var firstLine = 1;
        if (!first.All(cell => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || IsNaN(cell)))
        {
            // A header: match by name when it names the features, else by position.
            firstLine = 2;
            if (first.Length == width && first.All(featureNames.Contains))
            {
                order = featureNames.Select(name => Array.IndexOf(first, name)).ToArray();
            }

            lines.RemoveAt(0);
            if (lines.Count == 0)
            {
                throw new InvalidDataException($"--init {path}: the centers file has a header but no centers.");
            }
        }

        var values = new double[lines.Count * width];
        for (var r = 0; r < lines.Count; r++)
        {
            var cells = Split(lines[r]);
            if (cells.Length != width)
            {
                throw new InvalidDataException($"--init {path}: row {r + firstLine} has {cells.Length} values, but the model's feature space has {width} columns ({string.Join(", ", featureNames)}); centers are given after preprocessing.");
            }

            for (var c = 0; c < width; c++)
            {
                var cell = cells[order[c]];
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw new InvalidDataException($"--init {path}: row {r + firstLine}, column {order[c] + 1} ('{featureNames[c]}'): '{cell}' is not a finite number; every center needs a value in every column.");
                }

                values[(r * width) + c] = value;
            }
        }

        rows = lines.Count;
        return values;
    }

    private static string[] Split(string line) => line.Split(',').Select(cell => cell.Trim().Trim('"')).ToArray();

    private static bool IsNaN(string cell) => cell.Length == 0 || cell.Equals("nan", StringComparison.OrdinalIgnoreCase);
}
