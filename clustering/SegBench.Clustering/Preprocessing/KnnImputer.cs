namespace SegBench.Clustering.Preprocessing;

/// <summary>
/// k-nearest-neighbour imputation over numeric columns, after scikit-learn's KNNImputer: the
/// distance to each complete reference row is the nan-Euclidean distance over the columns the
/// row has (scaled by each column's spread), and a missing value becomes the mean of its k
/// nearest reference rows. The reference is a seeded sample of at most
/// <see cref="PreprocessingOptions.MaximumReferenceRows"/> complete rows, which bounds memory
/// and the saved pipeline's size: O(r·p) memory and O(r·p) time per incomplete row.
/// </summary>
internal static class KnnImputer
{
    public static KnnReference? Fit(double[] encoded, int rows, int width, bool[] numericCells, PreprocessingOptions options)
    {
        var columns = Enumerable.Range(0, width).Where(j => numericCells[j]).ToArray();
        var complete = new List<int>();
        for (var row = 0; row < rows; row++)
        {
            var ok = true;
            foreach (var j in columns)
            {
                ok &= !double.IsNaN(encoded[(row * width) + j]);
            }

            if (ok)
            {
                complete.Add(row);
            }
        }

        if (complete.Count == 0 || columns.Length == 0)
        {
            return null;
        }

        var chosen = complete.ToArray();
        if (chosen.Length > options.MaximumReferenceRows)
        {
            var random = new Random(unchecked((int)(options.Seed ^ (options.Seed >> 32))));
            for (var i = 0; i < options.MaximumReferenceRows; i++)
            {
                var j = random.Next(i, chosen.Length);
                (chosen[i], chosen[j]) = (chosen[j], chosen[i]);
            }

            chosen = chosen[..options.MaximumReferenceRows];
            Array.Sort(chosen);
        }

        var reference = new double[chosen.Length * columns.Length];
        for (var i = 0; i < chosen.Length; i++)
        {
            for (var j = 0; j < columns.Length; j++)
            {
                reference[(i * columns.Length) + j] = encoded[(chosen[i] * width) + columns[j]];
            }
        }

        var scales = new double[columns.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            double sum = 0, squares = 0;
            for (var i = 0; i < chosen.Length; i++)
            {
                var value = reference[(i * columns.Length) + j];
                sum += value;
                squares += value * value;
            }

            var mean = sum / chosen.Length;
            var spread = Math.Sqrt(Math.Max(0, (squares / chosen.Length) - (mean * mean)));
            scales[j] = spread > 0 ? spread : 1.0;
        }

        return new KnnReference(columns, reference, scales, Math.Min(options.NearestNeighbors, chosen.Length));
    }

    public static void Impute(KnnReference knn, Span<double> encoded)
    {
        var columns = knn.Columns;
        var width = columns.Count;
        var referenceRows = knn.Rows.Count / width;
        var present = 0;
        foreach (var j in columns)
        {
            present += double.IsNaN(encoded[j]) ? 0 : 1;
        }

        if (present == width)
        {
            return;
        }

        // The k nearest so far, sorted by distance; ties keep the lower reference index.
        var k = Math.Min(knn.Neighbors, referenceRows);
        Span<double> nearestDistance = k <= 64 ? stackalloc double[k] : new double[k];
        Span<int> nearestRow = k <= 64 ? stackalloc int[k] : new int[k];
        nearestDistance.Fill(double.PositiveInfinity);
        nearestRow.Fill(-1);
        for (var i = 0; i < referenceRows; i++)
        {
            double squares = 0;
            for (var j = 0; j < width; j++)
            {
                var value = encoded[columns[j]];
                if (!double.IsNaN(value))
                {
                    var difference = (value - knn.Rows[(i * width) + j]) / knn.Scales[j];
                    squares += difference * difference;
                }
            }

            // nan-Euclidean: scale up by the share of coordinates present. With none present every
            // reference row is equally near, and the lowest indices are taken.
            var distance = present == 0 ? 0 : Math.Sqrt(squares * width / present);
            if (distance >= nearestDistance[k - 1])
            {
                continue;
            }

            var slot = k - 1;
            while (slot > 0 && nearestDistance[slot - 1] > distance)
            {
                nearestDistance[slot] = nearestDistance[slot - 1];
                nearestRow[slot] = nearestRow[slot - 1];
                slot--;
            }

            nearestDistance[slot] = distance;
            nearestRow[slot] = i;
        }

        for (var j = 0; j < width; j++)
        {
            if (!double.IsNaN(encoded[columns[j]]))
            {
                continue;
            }

            double sum = 0;
            for (var n = 0; n < k; n++)
            {
                sum += knn.Rows[(nearestRow[n] * width) + j];
            }

            encoded[columns[j]] = sum / k;
        }
    }
}
