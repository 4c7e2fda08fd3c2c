namespace SegBench.Clustering.Algorithms;

/// <summary>Settings of <see cref="MiniBatchKMeans"/>. Names and defaults follow scikit-learn's <c>MiniBatchKMeans</c> (1.2).</summary>
public sealed record MiniBatchKMeansOptions
{
    /// <summary>The defaults: k = 8, batches of 1024, 100 passes, no tolerance, 10 steps without improvement, 3 initialisations.</summary>
    public static MiniBatchKMeansOptions Defaults { get; } = new();

    /// <summary>k, the number of clusters.</summary>
    public int NumberOfClusters { get; init; } = 8;

    /// <summary>Rows per mini-batch.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>The most passes over the data (steps = passes × rows / batch size).</summary>
    public int MaximumIterations { get; init; } = 100;

    /// <summary>Stop when the summed squared center change of a step is at most this times the mean feature variance; 0 disables it.</summary>
    public double Tolerance { get; init; }

    /// <summary>Stop after this many steps in a row that do not improve the smoothed batch inertia.</summary>
    public int MaximumNoImprovement { get; init; } = 10;

    /// <summary>Rows sampled for the k-means++ initialisation; null means 3 × BatchSize (at least k).</summary>
    public int? InitializationSize { get; init; }

    /// <summary>k-means++ initialisations tried on the sample; the one with the lowest inertia on it is kept.</summary>
    public int NumberOfInitializations { get; init; } = 3;

    /// <summary>Centers whose accumulated weight falls below this fraction of the largest are moved to random batch points.</summary>
    public double ReassignmentRatio { get; init; } = 0.01;

    /// <summary>The seed of every random draw.</summary>
    public int Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (NumberOfClusters < 1)
        {
            throw OptionsGuard.Invalid(nameof(NumberOfClusters), $"NumberOfClusters must be at least 1, not {NumberOfClusters}.");
        }

        if (BatchSize < 1)
        {
            throw OptionsGuard.Invalid(nameof(BatchSize), $"BatchSize must be at least 1, not {BatchSize}.");
        }

        if (MaximumIterations < 1)
        {
            throw OptionsGuard.Invalid(nameof(MaximumIterations), $"MaximumIterations must be at least 1, not {MaximumIterations}.");
        }

        if (!(Tolerance >= 0) || double.IsInfinity(Tolerance))
        {
            throw OptionsGuard.Invalid(nameof(Tolerance), $"Tolerance must be finite and non-negative, not {Tolerance}.");
        }

        if (MaximumNoImprovement < 1)
        {
            throw OptionsGuard.Invalid(nameof(MaximumNoImprovement), $"MaximumNoImprovement must be at least 1, not {MaximumNoImprovement}.");
        }

        if (InitializationSize is { } size && size < NumberOfClusters)
        {
            throw OptionsGuard.Invalid(nameof(InitializationSize), $"InitializationSize ({size}) must be at least NumberOfClusters ({NumberOfClusters}).");
        }

        if (NumberOfInitializations < 1)
        {
            throw OptionsGuard.Invalid(nameof(NumberOfInitializations), $"NumberOfInitializations must be at least 1, not {NumberOfInitializations}.");
        }

        if (!(ReassignmentRatio >= 0) || ReassignmentRatio > 1)
        {
            throw OptionsGuard.Invalid(nameof(ReassignmentRatio), $"ReassignmentRatio must be in [0, 1], not {ReassignmentRatio}.");
        }
    }
}

/// <summary>What a streamed mini-batch fit produced.</summary>
/// <param name="Model">The centers.</param>
/// <param name="RowsSeen">Rows read from the source, over all passes.</param>
/// <param name="Steps">Mini-batch steps taken.</param>
public sealed record MiniBatchStreamResult(KMeansModel Model, long RowsSeen, int Steps);

/// <summary>
/// Mini-batch k-means, as scikit-learn's <c>MiniBatchKMeans</c>: k-means++ on a sample, then each step
/// moves the centers toward the mean of a random batch with per-center learning rates
/// 1 / (accumulated weight); light centers are reassigned; an exponentially smoothed batch inertia
/// stops the run when it no longer improves. It can also stream batches from a source of chunks larger
/// than memory.
/// </summary>
/// <remarks>
/// Sculley, "Web-scale k-means clustering" (WWW 2010). Each step is O(b·k·d) for batch size b;
/// memory is O(b·d + k·d) beyond the data (streaming: one chunk at a time).
/// </remarks>
public sealed class MiniBatchKMeans : IClusterer
{
    /// <summary>The algorithm's name.</summary>
    public const string AlgorithmName = "minibatch-kmeans";

    private readonly MiniBatchKMeansOptions _options;

    /// <summary>Creates the estimator with validated settings (defaults if null).</summary>
    public MiniBatchKMeans(MiniBatchKMeansOptions? options = null)
    {
        _options = options ?? MiniBatchKMeansOptions.Defaults;
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => AlgorithmName;

    /// <inheritdoc />
    public ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        _options.Validate();
        if (_options.NumberOfClusters > data.Rows)
        {
            throw OptionsGuard.Invalid(nameof(MiniBatchKMeansOptions.NumberOfClusters),
                $"NumberOfClusters ({_options.NumberOfClusters}) must not exceed the number of rows ({data.Rows}).");
        }

        DenseMath.RequireFinite(data, nameof(data));
        int n = data.Rows, d = data.Columns, k = _options.NumberOfClusters;
        var parallel = ChunkedParallel.Options(1, cancellationToken);
        var random = Seeds.Create(_options.Seed, 0);
        var tolerance = 0.0;
        if (_options.Tolerance > 0)
        {
            var variances = DenseMath.ColumnVariances(data.Values, n, d, parallel);
            tolerance = variances.Average() * _options.Tolerance;
        }

        var state = new State(k, d, Math.Min(_options.BatchSize, n), random);
        state.Centers = Initialise(data.Values, n, d, random, parallel);
        var batchSize = Math.Min(_options.BatchSize, n);
        var steps = (int)Math.Min(int.MaxValue, (long)_options.MaximumIterations * n / batchSize);
        var batch = new double[batchSize * d];
        var step = 0;
        for (; step < steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var b = 0; b < batchSize; b++)
            {
                data.Row(random.Next(n)).CopyTo(batch.AsSpan(b * d));
            }

            if (state.Step(batch, batchSize, _options, n, tolerance))
            {
                step++;
                break;
            }
        }

        var model = new KMeansModel(state.Centers, k, d, AlgorithmName);
        var labels = model.Predict(data);
        var inertia = Lloyd.Inertia(data.Values, new double[d], n, d, state.Centers, labels, parallel);
        return new ClusteringResult(labels, k, model, step, inertia);
    }

    /// <summary>
    /// Fits from a source of chunks read one at a time (e.g. the parts of a file larger than memory).
    /// The first chunk seeds k-means++; each chunk is then cut into batches of <see cref="MiniBatchKMeansOptions.BatchSize"/>
    /// rows in a seeded random order. The source is enumerated <paramref name="passes"/> times.
    /// </summary>
    public MiniBatchStreamResult FitStream(IEnumerable<FeatureMatrix> source, int passes = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(passes);
        var random = Seeds.Create(_options.Seed, 0);
        var parallel = ChunkedParallel.Options(1, cancellationToken);
        State? state = null;
        var dimensions = 0;
        long rowsSeen = 0;
        var steps = 0;
        double[] batch = [];
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var chunk in source)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (chunk.Rows == 0)
                {
                    continue;
                }

                DenseMath.RequireFinite(chunk, nameof(source));
                if (state is null)
                {
                    if (_options.NumberOfClusters > chunk.Rows)
                    {
                        throw OptionsGuard.Invalid(nameof(MiniBatchKMeansOptions.NumberOfClusters),
                            $"NumberOfClusters ({_options.NumberOfClusters}) must not exceed the rows of the first chunk ({chunk.Rows}).");
                    }

                    dimensions = chunk.Columns;
                    state = new State(_options.NumberOfClusters, dimensions, _options.BatchSize, random)
                    {
                        Centers = Initialise(chunk.Values, chunk.Rows, dimensions, random, parallel),
                    };
                    batch = new double[_options.BatchSize * dimensions];
                }
                else if (chunk.Columns != dimensions)
                {
                    throw new ArgumentException($"Every chunk must have {dimensions} columns; one has {chunk.Columns}.", nameof(source));
                }

                rowsSeen += chunk.Rows;
                var order = new int[chunk.Rows];
                for (var i = 0; i < order.Length; i++)
                {
                    order[i] = i;
                }

                random.Shuffle(order);
                for (var start = 0; start < order.Length; start += _options.BatchSize)
                {
                    var size = Math.Min(_options.BatchSize, order.Length - start);
                    for (var b = 0; b < size; b++)
                    {
                        chunk.Row(order[start + b]).CopyTo(batch.AsSpan(b * dimensions));
                    }

                    state.Step(batch, size, _options, long.MaxValue, 0);
                    steps++;
                }
            }
        }

        if (state is null)
        {
            throw new ArgumentException("The source held no rows.", nameof(source));
        }

        return new MiniBatchStreamResult(new KMeansModel(state.Centers, _options.NumberOfClusters, dimensions, AlgorithmName), rowsSeen, steps);
    }

    /// <summary>k-means++ on a random sample; the candidate with the lowest inertia on the sample wins.</summary>
    private double[] Initialise(double[] values, int rows, int columns, Random random, ParallelOptions parallel)
    {
        var k = _options.NumberOfClusters;
        var size = Math.Min(rows, Math.Max(k, _options.InitializationSize ?? 3 * _options.BatchSize));
        var sample = new double[size * columns];
        for (var i = 0; i < size; i++)
        {
            values.AsSpan(random.Next(rows) * columns, columns).CopyTo(sample.AsSpan(i * columns));
        }

        double[]? best = null;
        var bestInertia = double.PositiveInfinity;
        var labels = new int[size];
        var distances = new double[size];
        var prepared = new PreparedCenters(k, columns);
        for (var run = 0; run < _options.NumberOfInitializations; run++)
        {
            var centers = KMeansSeeding.PlusPlus(sample, size, columns, k, random, parallel);
            prepared.Load(centers);
            NearestCenterKernel.Assign(sample, size, prepared, new double[columns], labels, distances);
            var inertia = Lloyd.Inertia(sample, new double[columns], size, columns, centers, labels, parallel);
            if (inertia < bestInertia)
            {
                bestInertia = inertia;
                best = centers;
            }
        }

        return best!;
    }

    /// <summary>The moving state of a fit: centers, accumulated weights, and the stopping statistics.</summary>
    private sealed class State(int clusters, int dimensions, int batchSize, Random random)
    {
        private readonly double[] _weights = new double[clusters];
        private readonly double[] _sums = new double[clusters * dimensions];
        private readonly double[] _batchCounts = new double[clusters];
        private readonly int[] _labels = new int[batchSize];
        private readonly double[] _distances = new double[batchSize];
        private readonly double[] _zeros = new double[dimensions];
        private readonly PreparedCenters _prepared = new(clusters, dimensions);
        private double _smoothedInertia = double.NaN;
        private double _bestSmoothedInertia = double.PositiveInfinity;
        private int _noImprovement;
        private int _rowsSinceReassignment;

        public double[] Centers { get; set; } = [];

        /// <summary>One mini-batch step; true when the run should stop.</summary>
        public bool Step(double[] batch, int size, MiniBatchKMeansOptions options, long totalRows, double tolerance)
        {
            _prepared.Load(Centers);
            NearestCenterKernel.Assign(batch, size, _prepared, _zeros, _labels, _distances);
            Array.Clear(_sums);
            Array.Clear(_batchCounts);
            var batchInertia = 0.0;
            for (var i = 0; i < size; i++)
            {
                var label = _labels[i];
                var row = batch.AsSpan(i * dimensions, dimensions);
                batchInertia += DenseMath.SquaredDistance(row, Centers.AsSpan(label * dimensions, dimensions));
                DenseMath.AddTo(row, _sums.AsSpan(label * dimensions, dimensions));
                _batchCounts[label] += 1;
            }

            var shift = 0.0;
            for (var c = 0; c < clusters; c++)
            {
                if (_batchCounts[c] == 0)
                {
                    continue;
                }

                var total = _weights[c] + _batchCounts[c];
                for (var j = 0; j < dimensions; j++)
                {
                    var old = Centers[c * dimensions + j];
                    var updated = (old * _weights[c] + _sums[c * dimensions + j]) / total;
                    shift += (updated - old) * (updated - old);
                    Centers[c * dimensions + j] = updated;
                }

                _weights[c] = total;
            }

            // As scikit-learn: every 10·k rows seen (or as soon as a center has no weight), centers
            // lighter than ReassignmentRatio × the heaviest move to random batch points.
            _rowsSinceReassignment += size;
            var lightest = double.PositiveInfinity;
            var heaviest = 0.0;
            foreach (var weight in _weights)
            {
                lightest = Math.Min(lightest, weight);
                heaviest = Math.Max(heaviest, weight);
            }

            if (options.ReassignmentRatio > 0 && (lightest == 0 || _rowsSinceReassignment >= 10 * clusters))
            {
                var threshold = options.ReassignmentRatio * heaviest;
                var keptMinimum = double.PositiveInfinity;
                for (var c = 0; c < clusters; c++)
                {
                    if (_weights[c] >= threshold)
                    {
                        keptMinimum = Math.Min(keptMinimum, _weights[c]);
                    }
                }

                for (var c = 0; c < clusters; c++)
                {
                    if (_weights[c] < threshold)
                    {
                        batch.AsSpan(random.Next(size) * dimensions, dimensions).CopyTo(Centers.AsSpan(c * dimensions));
                        _weights[c] = keptMinimum;
                    }
                }

                _rowsSinceReassignment = 0;
            }

            if (tolerance > 0 && shift <= tolerance)
            {
                return true;
            }

            batchInertia /= size;
            var alpha = Math.Min(1.0, size * 2.0 / ((double)totalRows + 1));
            _smoothedInertia = double.IsNaN(_smoothedInertia) ? batchInertia : _smoothedInertia * (1 - alpha) + batchInertia * alpha;
            if (_smoothedInertia < _bestSmoothedInertia)
            {
                _bestSmoothedInertia = _smoothedInertia;
                _noImprovement = 0;
            }
            else
            {
                _noImprovement++;
            }

            return totalRows != long.MaxValue && _noImprovement >= options.MaximumNoImprovement;
        }
    }
}
