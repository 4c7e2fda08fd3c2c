using System.Text.Json;

namespace SegBench.Clustering.Algorithms;

/// <summary>
/// A fitted Gaussian mixture: weights, means and covariances, with each covariance's Cholesky factor
/// precomputed. Assigns a row to its most probable component and reports all probabilities. Immutable.
/// </summary>
public sealed class GaussianMixtureModel : IClusterModel, IJsonClusterModel, Selection.IHasBic
{
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);
    private readonly double[] _weights;
    private readonly double[] _means;
    private readonly double[] _covariances;
    private readonly double[] _factors; // full: lower Cholesky factors; diagonal: standard deviations
    private readonly double[] _logDeterminantHalves; // −½·log|Σ| per component
    private readonly double[] _logWeights;

    /// <summary>Creates the model; the arrays are copied.</summary>
    /// <param name="weights">k mixing weights.</param>
    /// <param name="means">k × d means, row-major.</param>
    /// <param name="covariances">k × d × d (full) or k × d (diagonal) covariances.</param>
    /// <param name="covarianceType">Which shape <paramref name="covariances"/> has.</param>
    /// <param name="dimensions">d.</param>
    /// <param name="lowerBound">The mean log-likelihood the fit ended at (NaN if unknown).</param>
    public GaussianMixtureModel(IReadOnlyList<double> weights, IReadOnlyList<double> means, IReadOnlyList<double> covariances,
        CovarianceType covarianceType, int dimensions, double lowerBound = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(covariances);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        var k = weights.Count;
        if (k == 0 || means.Count != k * dimensions)
        {
            throw new ArgumentException($"{k} components of {dimensions} dimensions need {k * dimensions} means, not {means.Count}.", nameof(means));
        }

        var perComponent = covarianceType == CovarianceType.Full ? dimensions * dimensions : dimensions;
        if (covariances.Count != k * perComponent)
        {
            throw new ArgumentException($"{covarianceType} covariances of {k} components need {k * perComponent} values, not {covariances.Count}.", nameof(covariances));
        }

        _weights = [.. weights];
        _means = [.. means];
        _covariances = [.. covariances];
        NumberOfClusters = k;
        Dimensions = dimensions;
        CovarianceType = covarianceType;
        LowerBound = lowerBound;
        _factors = new double[_covariances.Length];
        _logDeterminantHalves = new double[k];
        _logWeights = new double[k];
        for (var c = 0; c < k; c++)
        {
            if (!(_weights[c] > 0))
            {
                throw new ArgumentException($"Weight {c} must be positive, not {_weights[c]}.", nameof(weights));
            }

            _logWeights[c] = Math.Log(_weights[c]);
            _logDeterminantHalves[c] = covarianceType == CovarianceType.Full
                ? Factor(_covariances.AsSpan(c * perComponent, perComponent), _factors.AsSpan(c * perComponent, perComponent), dimensions, c)
                : FactorDiagonal(_covariances.AsSpan(c * perComponent, perComponent), _factors.AsSpan(c * perComponent, perComponent), c);
        }
    }

    /// <inheritdoc />
    public string Algorithm => GaussianMixture.AlgorithmName;

    /// <inheritdoc />
    public int NumberOfClusters { get; }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <summary>Full or diagonal.</summary>
    public CovarianceType CovarianceType { get; }

    /// <summary>The mixing weights.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>The means, row-major k × d.</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>The mean of component <paramref name="cluster"/>.</summary>
    public ReadOnlySpan<double> Mean(int cluster) => _means.AsSpan(cluster * Dimensions, Dimensions);

    /// <summary>The covariances: k × d × d (full) or k × d (diagonal).</summary>
    public IReadOnlyList<double> Covariances => _covariances;

    /// <summary>The mean log-likelihood per row at the end of the fit (scikit-learn's lower_bound_).</summary>
    public double LowerBound { get; }

    /// <summary>The number of free parameters (scikit-learn's _n_parameters).</summary>
    public int NumberOfParameters
    {
        get
        {
            var covarianceParameters = CovarianceType == CovarianceType.Full
                ? NumberOfClusters * Dimensions * (Dimensions + 1) / 2
                : NumberOfClusters * Dimensions;
            return covarianceParameters + NumberOfClusters * Dimensions + NumberOfClusters - 1;
        }
    }

    /// <inheritdoc />
    public Assignment Assign(ReadOnlySpan<double> row)
    {
        if (row.Length != Dimensions)
        {
            throw new ArgumentException($"The model needs rows of {Dimensions} values, not {row.Length}.", nameof(row));
        }

        var probabilities = new double[NumberOfClusters];
        LogResponsibilities(row, probabilities);
        var best = 0;
        for (var c = 0; c < NumberOfClusters; c++)
        {
            if (probabilities[c] > probabilities[best])
            {
                best = c;
            }
        }

        for (var c = 0; c < NumberOfClusters; c++)
        {
            probabilities[c] = Math.Exp(probabilities[c]);
        }

        var distance = Math.Sqrt(DenseMath.SquaredDistance(row, _means.AsSpan(best * Dimensions, Dimensions)));
        return new Assignment(best, distance, probabilities);
    }

    /// <summary>The mean log-likelihood of the rows (scikit-learn's score).</summary>
    public double Score(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var scratch = new double[NumberOfClusters];
        var total = 0.0;
        for (var i = 0; i < data.Rows; i++)
        {
            total += LogResponsibilities(data.Row(i), scratch);
        }

        return total / data.Rows;
    }

    /// <inheritdoc />
    double Selection.IHasBic.BayesianInformationCriterion(FeatureMatrix data) => Bic(data);

    /// <summary>Bayesian information criterion: −2·log L + p·ln n (scikit-learn's bic).</summary>
    public double Bic(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return -2 * Score(data) * data.Rows + NumberOfParameters * Math.Log(data.Rows);
    }

    /// <summary>
    /// Writes log p(c | x) into <paramref name="logResponsibilities"/> and returns log p(x), by
    /// log-sum-exp over the weighted component log-densities.
    /// </summary>
    internal double LogResponsibilities(ReadOnlySpan<double> row, Span<double> logResponsibilities)
    {
        var d = Dimensions;
        var max = double.NegativeInfinity;
        Span<double> scratch = d <= 128 ? stackalloc double[d] : new double[d];
        for (var c = 0; c < NumberOfClusters; c++)
        {
            var mean = _means.AsSpan(c * d, d);
            double mahalanobis;
            if (CovarianceType == CovarianceType.Full)
            {
                // Solve L·z = x − μ; then (x − μ)ᵀΣ⁻¹(x − μ) = ‖z‖².
                var factor = _factors.AsSpan(c * d * d, d * d);
                mahalanobis = 0;
                for (var j = 0; j < d; j++)
                {
                    var value = row[j] - mean[j];
                    for (var m = 0; m < j; m++)
                    {
                        value -= factor[j * d + m] * scratch[m];
                    }

                    scratch[j] = value / factor[j * d + j];
                    mahalanobis += scratch[j] * scratch[j];
                }
            }
            else
            {
                var deviations = _factors.AsSpan(c * d, d);
                mahalanobis = 0;
                for (var j = 0; j < d; j++)
                {
                    var z = (row[j] - mean[j]) / deviations[j];
                    mahalanobis += z * z;
                }
            }

            var value2 = -0.5 * (d * LogTwoPi + mahalanobis) + _logDeterminantHalves[c] + _logWeights[c];
            logResponsibilities[c] = value2;
            max = Math.Max(max, value2);
        }

        var sum = 0.0;
        for (var c = 0; c < NumberOfClusters; c++)
        {
            sum += Math.Exp(logResponsibilities[c] - max);
        }

        var logNormaliser = max + Math.Log(sum);
        for (var c = 0; c < NumberOfClusters; c++)
        {
            logResponsibilities[c] -= logNormaliser;
        }

        return logNormaliser;
    }

    void IJsonClusterModel.WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("covariance_type", CovarianceType == CovarianceType.Full ? "full" : "diag");
        if (double.IsFinite(LowerBound))
        {
            writer.WriteNumber("lower_bound", LowerBound);
        }
        else
        {
            writer.WriteNull("lower_bound");
        }

        JsonArrays.WriteVector(writer, "weights", _weights);
        JsonArrays.WriteMatrix(writer, "means", _means, Dimensions);
        JsonArrays.WriteMatrix(writer, "covariances", _covariances, CovarianceType == CovarianceType.Full ? Dimensions * Dimensions : Dimensions);
    }

    internal static GaussianMixtureModel Read(ModelReader reader)
    {
        var type = reader.String("covariance_type") switch
        {
            "full" => CovarianceType.Full,
            "diag" => CovarianceType.Diagonal,
            var other => throw new ClusterModelFormatException($"The model's covariance_type '{other}' is neither 'full' nor 'diag'."),
        };
        var model = new GaussianMixtureModel(reader.Doubles("weights"), reader.Doubles("means"), reader.Doubles("covariances"), type,
            reader.Int("dimensions"), reader.Property("lower_bound").ValueKind == JsonValueKind.Null ? double.NaN : reader.Double("lower_bound"));
        return model.NumberOfClusters == reader.Int("clusters")
            ? model
            : throw new ClusterModelFormatException("The model's 'clusters' does not match its weights.");
    }

    /// <summary>Cholesky factor L (lower) of one covariance; returns −½·log|Σ| = −Σ log Lⱼⱼ.</summary>
    internal static double Factor(ReadOnlySpan<double> covariance, Span<double> lower, int d, int component)
    {
        lower.Clear();
        var logDeterminantHalf = 0.0;
        for (var j = 0; j < d; j++)
        {
            for (var m = 0; m <= j; m++)
            {
                var sum = covariance[j * d + m];
                for (var p = 0; p < m; p++)
                {
                    sum -= lower[j * d + p] * lower[m * d + p];
                }

                if (m == j)
                {
                    if (!(sum > 0))
                    {
                        throw new ArgumentException(
                            $"The covariance of component {component} is not positive definite; increase CovarianceRegularization.", nameof(covariance));
                    }

                    lower[j * d + j] = Math.Sqrt(sum);
                    logDeterminantHalf -= Math.Log(lower[j * d + j]);
                }
                else
                {
                    lower[j * d + m] = sum / lower[m * d + m];
                }
            }
        }

        return logDeterminantHalf;
    }

    private static double FactorDiagonal(ReadOnlySpan<double> variances, Span<double> deviations, int component)
    {
        var logDeterminantHalf = 0.0;
        for (var j = 0; j < variances.Length; j++)
        {
            if (!(variances[j] > 0))
            {
                throw new ArgumentException(
                    $"The covariance of component {component} is not positive definite; increase CovarianceRegularization.", nameof(variances));
            }

            deviations[j] = Math.Sqrt(variances[j]);
            logDeterminantHalf -= Math.Log(deviations[j]);
        }

        return logDeterminantHalf;
    }
}
