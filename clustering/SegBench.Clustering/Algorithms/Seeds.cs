namespace SegBench.Clustering.Algorithms;

/// <summary>
/// Derives independent child seeds from a user seed, so that each restart or sub-step draws from its
/// own stream without any global random state.
/// </summary>
internal static class Seeds
{
    /// <summary>A child seed of <paramref name="seed"/> for stream <paramref name="stream"/> (SplitMix64 finaliser).</summary>
    public static int Derive(int seed, int stream)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32) ^ (uint)stream;
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }

    /// <summary>A generator for stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public static Random Create(int seed, int stream) => new(Derive(seed, stream));
}
