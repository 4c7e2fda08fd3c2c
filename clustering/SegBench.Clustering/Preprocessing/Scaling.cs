namespace SegBench.Clustering.Preprocessing;

/// <summary>Learns per-column centers and scales; a zero spread scales by 1 (as scikit-learn).</summary>
internal static class Scaling
{
    public static (double[] Centers, double[] Scales) Fit(double[] values, int rows, int width, ScalingMethod method, bool[]? scalable)
    {
        var centers = new double[width];
        var scales = new double[width];
        Array.Fill(scales, 1.0);
        if (method == ScalingMethod.None || rows == 0)
        {
            return (centers, scales);
        }

        var column = new double[rows];
        for (var j = 0; j < width; j++)
        {
            if (scalable is not null && !scalable[j])
            {
                continue;
            }

            for (var row = 0; row < rows; row++)
            {
                column[row] = values[(row * width) + j];
            }

            double center, spread;
            switch (method)
            {
                case ScalingMethod.Robust:
                    var sorted = ColumnFitting.Sorted(column);
                    center = ColumnFitting.Quantile(sorted, 0.5);
                    spread = ColumnFitting.Quantile(sorted, 0.75) - ColumnFitting.Quantile(sorted, 0.25);
                    break;
                case ScalingMethod.MinMax:
                    center = column.Min();
                    spread = column.Max() - center;
                    break;
                default:
                    center = ColumnFitting.Mean(column);
                    double squares = 0;
                    foreach (var value in column)
                    {
                        squares += (value - center) * (value - center);
                    }

                    spread = Math.Sqrt(squares / rows);
                    break;
            }

            centers[j] = center;
            scales[j] = spread > 0 && double.IsFinite(spread) ? spread : 1.0;
        }

        return (centers, scales);
    }
}
