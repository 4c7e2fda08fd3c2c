namespace SegBench.Clustering.Algorithms;

/// <summary>Builds the exception an options record throws for a bad setting, naming the setting.</summary>
internal static class OptionsGuard
{
    public static ArgumentException Invalid(string setting, string message) => new(message, setting);
}
