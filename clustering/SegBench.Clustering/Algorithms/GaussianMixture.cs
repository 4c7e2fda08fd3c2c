namespace SegBench.Clustering.Algorithms;

/// <summary>
/// A Gaussian mixture fitted by expectation–maximisation, as scikit-learn's <c>GaussianMixture</c>
/// with <c>init_params="kmeans"</c>: responsibilities start one-hot from a k-means fit, covariances get
/// <see cref="GaussianMixtureOptions.CovarianceRegularization"/> on the diagonal, and EM stops when the
/// mean log-likelihood changes by less than the tolerance. A final E-step makes labels match the model.
/// </summary>
/// <remarks>
/// Dempster, Laird and Rubin, "Maximum likelihood from incomplete data via the EM algorithm" (1977).
/// Each iteration is O(n·k·d²) time for full covariances (O(n·k·d) diagonal) and O(n·k) memory for the
/// responsibilities. Chunk partial sums combine in order, so results do not depend on the thread count.
/// </remarks>
public sealed class GaussianMixture : IClusterer
{
    /// <summary>The algorithm's name.</summary>
    public const string AlgorithmName = "gmm";

    private const double MachineEpsilon = 2.220446049250313e-16;
    private readonly GaussianMixtureOptions _options;

    /// <summary>Creates the estimator with validated settings (defaults if null).</summary>
    public GaussianMixture(GaussianMixtureOptions? options = null)
    {
        _options = options ?? GaussianMixtureOptions.Defaults;
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => AlgorithmName;

    /// <inheritdoc />
    public ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        _options.Validate(data.Rows);
        DenseMath.RequireFinite(data, nameof(data));
        var parallel = ChunkedParallel.Options(_options.MaximumDegreeOfParallelism, cancellationToken);
        int n = data.Rows, d = data.Columns, k = _options.NumberOfClusters;

        GaussianMixtureModel? best = null;
        var bestIterations = 0;
        var responsibilities = new double[n * k];
        for (var run = 0; run < _options.NumberOfInitializations; run++)
        {
            var kmeans = new KMeans(new KMeansOptions
            {
                NumberOfClusters = k,
                NumberOfInitializations = _options.KMeansInitializations,
                Seed = Seeds.Derive(_options.Seed, run),
                MaximumDegreeOfParallelism = _options.MaximumDegreeOfParallelism,
            }).Fit(data, cancellationToken);
            Array.Clear(responsibilities);
            for (var i = 0; i < n; i++)
            {
                responsibilities[i * k + kmeans.Labels[i]] = 1;
            }

            var model = MaximisationStep(data, responsibilities, k, parallel, normaliseBySum: false, double.NaN);
            var lowerBound = double.NegativeInfinity;
            var iteration = 1;
            for (; iteration <= _options.MaximumIterations; iteration++)
            {
                var previous = lowerBound;
                lowerBound = ExpectationStep(data, model, responsibilities, parallel);
                model = MaximisationStep(data, responsibilities, k, parallel, normaliseBySum: true, lowerBound);
                if (Math.Abs(lowerBound - previous) < _options.Tolerance)
                {
                    break;
                }
            }

            iteration = Math.Min(iteration, _options.MaximumIterations);
            if (best is null || lowerBound > best.LowerBound)
            {
                best = model;
                bestIterations = iteration;
            }
        }

        ExpectationStep(data, best!, responsibilities, parallel);
        var labels = new int[n];
        var inertia = 0.0;
        for (var i = 0; i < n; i++)
        {
            var label = 0;
            for (var c = 1; c < k; c++)
            {
                if (responsibilities[i * k + c] > responsibilities[i * k + label])
                {
                    label = c;
                }
            }

            labels[i] = label;
            inertia += DenseMath.SquaredDistance(data.Row(i), best!.Mean(label));
        }

        return new ClusteringResult(labels, k, best!, bestIterations, inertia);
    }

    /// <summary>Writes log-responsibilities and returns the mean log-likelihood.</summary>
    private static double ExpectationStep(FeatureMatrix data, GaussianMixtureModel model, double[] logResponsibilities, ParallelOptions parallel)
    {
        var k = model.NumberOfClusters;
        var partial = new double[ChunkedParallel.ChunkCount(data.Rows)];
        ChunkedParallel.For(data.Rows, parallel, (chunk, start, end) =>
        {
            var sum = 0.0;
            for (var i = start; i < end; i++)
            {
                sum += model.LogResponsibilities(data.Row(i), logResponsibilities.AsSpan(i * k, k));
            }

            partial[chunk] = sum;
        });
        var total = 0.0;
        foreach (var value in partial)
        {
            total += value;
        }

        return total / data.Rows;
    }

    /// <summary>
    /// Weights, means and covariances from responsibilities (scikit-learn's _estimate_gaussian_parameters).
    /// <paramref name="responsibilities"/> holds log-responsibilities when <paramref name="normaliseBySum"/>
    /// (an EM step) and plain ones otherwise (the k-means start).
    /// </summary>
    private GaussianMixtureModel MaximisationStep(FeatureMatrix data, double[] responsibilities, int k, ParallelOptions parallel, bool normaliseBySum, double lowerBound)
    {
        int n = data.Rows, d = data.Columns;
        var full = _options.CovarianceType == CovarianceType.Full;
        var perComponent = full ? d * d : d;
        var chunks = ChunkedParallel.ChunkCount(n);
        var partialWeights = new double[chunks * k];
        var partialMeans = new double[chunks * k * d];
        var isLog = normaliseBySum;
        ChunkedParallel.For(n, parallel, (chunk, start, end) =>
        {
            var weights = partialWeights.AsSpan(chunk * k, k);
            var sums = partialMeans.AsSpan(chunk * k * d, k * d);
            for (var i = start; i < end; i++)
            {
                var row = data.Row(i);
                for (var c = 0; c < k; c++)
                {
                    var r = isLog ? Math.Exp(responsibilities[i * k + c]) : responsibilities[i * k + c];
                    weights[c] += r;
                    for (var j = 0; j < d; j++)
                    {
                        sums[c * d + j] += r * row[j];
                    }
                }
            }
        });

        var nk = new double[k];
        var means = new double[k * d];
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            DenseMath.AddTo(partialWeights.AsSpan(chunk * k, k), nk);
            DenseMath.AddTo(partialMeans.AsSpan(chunk * k * d, k * d), means);
        }

        for (var c = 0; c < k; c++)
        {
            nk[c] += 10 * MachineEpsilon; // as scikit-learn, so an empty component does not divide by zero
            for (var j = 0; j < d; j++)
            {
                means[c * d + j] /= nk[c];
            }
        }

        var partialCovariances = new double[chunks * k * perComponent];
        ChunkedParallel.For(n, parallel, (chunk, start, end) =>
        {
            var sums = partialCovariances.AsSpan(chunk * k * perComponent, k * perComponent);
            Span<double> deviation = d <= 128 ? stackalloc double[d] : new double[d];
            for (var i = start; i < end; i++)
            {
                var row = data.Row(i);
                for (var c = 0; c < k; c++)
                {
                    var r = isLog ? Math.Exp(responsibilities[i * k + c]) : responsibilities[i * k + c];
                    if (r == 0)
                    {
                        continue;
                    }

                    for (var j = 0; j < d; j++)
                    {
                        deviation[j] = row[j] - means[c * d + j];
                    }

                    var target = sums.Slice(c * perComponent, perComponent);
                    if (full)
                    {
                        for (var j = 0; j < d; j++)
                        {
                            var scaled = r * deviation[j];
                            for (var m = 0; m < d; m++)
                            {
                                target[j * d + m] += scaled * deviation[m];
                            }
                        }
                    }
                    else
                    {
                        for (var j = 0; j < d; j++)
                        {
                            target[j] += r * deviation[j] * deviation[j];
                        }
                    }
                }
            }
        });

        var covariances = new double[k * perComponent];
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            DenseMath.AddTo(partialCovariances.AsSpan(chunk * k * perComponent, k * perComponent), covariances);
        }

        var total = 0.0;
        for (var c = 0; c < k; c++)
        {
            total += nk[c];
            for (var p = 0; p < perComponent; p++)
            {
                covariances[c * perComponent + p] /= nk[c];
            }

            for (var j = 0; j < d; j++)
            {
                covariances[c * perComponent + (full ? j * d + j : j)] += _options.CovarianceRegularization;
            }
        }

        var divisor = normaliseBySum ? total : n;
        var mixing = new double[k];
        for (var c = 0; c < k; c++)
        {
            mixing[c] = nk[c] / divisor;
        }

        return new GaussianMixtureModel(mixing, means, covariances, _options.CovarianceType, d, lowerBound);
    }
}
