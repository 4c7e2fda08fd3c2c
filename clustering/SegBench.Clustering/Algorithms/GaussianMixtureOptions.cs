namespace SegBench.Clustering.Algorithms;

/// <summary>The shape of each component's covariance.</summary>
public enum CovarianceType
{
    /// <summary>A full d × d covariance per component.</summary>
    Full,

    /// <summary>A diagonal covariance (independent features) per component.</summary>
    Diagonal,
}

/// <summary>Settings of <see cref="GaussianMixture"/>. Names and defaults follow scikit-learn's <c>GaussianMixture</c>.</summary>
public sealed record GaussianMixtureOptions
{
    /// <summary>The defaults: 1 component, full covariance, 100 iterations, tolerance 1e-3, regularisation 1e-6.</summary>
    public static GaussianMixtureOptions Defaults { get; } = new();

    /// <summary>The number of mixture components.</summary>
    public int NumberOfClusters { get; init; } = 1;

    /// <summary>Full or diagonal covariances.</summary>
    public CovarianceType CovarianceType { get; init; } = CovarianceType.Full;

    /// <summary>The most EM iterations per initialisation.</summary>
    public int MaximumIterations { get; init; } = 100;

    /// <summary>Stop when the mean log-likelihood improves by less than this.</summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>Added to each covariance's diagonal so it stays positive definite (scikit-learn's reg_covar).</summary>
    public double CovarianceRegularization { get; init; } = 1e-6;

    /// <summary>Initialisations (each from its own k-means); the one with the best lower bound is kept.</summary>
    public int NumberOfInitializations { get; init; } = 1;

    /// <summary>Restarts of the k-means that starts each initialisation (1, as scikit-learn's GaussianMixture).</summary>
    public int KMeansInitializations { get; init; } = 1;

    /// <summary>The seed of the k-means initialisation.</summary>
    public int Seed { get; init; }

    /// <summary>Threads to use at most; null means all cores. Results do not depend on it.</summary>
    public int? MaximumDegreeOfParallelism { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (NumberOfClusters < 1)
        {
            throw OptionsGuard.Invalid(nameof(NumberOfClusters), $"NumberOfClusters must be at least 1, not {NumberOfClusters}.");
        }

        if (MaximumIterations < 1)
        {
            throw OptionsGuard.Invalid(nameof(MaximumIterations), $"MaximumIterations must be at least 1, not {MaximumIterations}.");
        }

        if (!(Tolerance >= 0) || double.IsInfinity(Tolerance))
        {
            throw OptionsGuard.Invalid(nameof(Tolerance), $"Tolerance must be finite and non-negative, not {Tolerance}.");
        }

        if (!(CovarianceRegularization >= 0) || double.IsInfinity(CovarianceRegularization))
        {
            throw OptionsGuard.Invalid(nameof(CovarianceRegularization), $"CovarianceRegularization must be finite and non-negative, not {CovarianceRegularization}.");
        }

        if (KMeansInitializations < 1)
        {
            throw OptionsGuard.Invalid(nameof(KMeansInitializations), $"KMeansInitializations must be at least 1, not {KMeansInitializations}.");
        }

        if (NumberOfInitializations < 1)
        {
            throw OptionsGuard.Invalid(nameof(NumberOfInitializations), $"NumberOfInitializations must be at least 1, not {NumberOfInitializations}.");
        }

        if (MaximumDegreeOfParallelism is < 1)
        {
            throw OptionsGuard.Invalid(nameof(MaximumDegreeOfParallelism), $"MaximumDegreeOfParallelism must be at least 1 when set, not {MaximumDegreeOfParallelism}.");
        }
    }

    /// <summary>Validates the settings against data of <paramref name="rows"/> rows.</summary>
    public void Validate(int rows)
    {
        Validate();
        if (NumberOfClusters > rows)
        {
            throw OptionsGuard.Invalid(nameof(NumberOfClusters), $"NumberOfClusters ({NumberOfClusters}) must not exceed the number of rows ({rows}).");
        }
    }
}
