namespace SegBench.Clustering.Selection;

/// <summary>
/// A fitted model with a likelihood, which can report its Bayesian information criterion
/// (Schwarz, 1978): −2·log L + (free parameters)·ln n, lower is better. Mixture models such as
/// the GMM implement it so that <see cref="KSelector"/> can draw a BIC curve.
/// </summary>
public interface IHasBic
{
    /// <summary>The BIC of the model on <paramref name="data"/> (normally the data it was fitted on).</summary>
    double BayesianInformationCriterion(FeatureMatrix data);
}
