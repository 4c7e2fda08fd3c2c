using System.Runtime.CompilerServices;

namespace SegBench.Generator.Randomness;

/// <summary>
/// A tiny SplitMix64 generator on the stack: the stream of one (row, column) pair. Creating one
/// costs nothing, so each value can have its own independent stream.
/// </summary>
public struct RowRandom
{
    private ulong _state;

    /// <summary>Starts the stream with a key.</summary>
    public RowRandom(ulong key) => _state = key;

    /// <summary>Starts the stream of one column (<paramref name="columnKey"/>) within a row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RowRandom For(ulong rowKey, ulong columnKey) => new(StreamKey.Combine(rowKey, columnKey));

    /// <summary><see cref="For"/>(rowKey, columnKey), given <see cref="StreamKey.Salt"/>(columnKey) computed once for the column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RowRandom ForSalted(ulong rowKey, ulong columnSalt) => new(StreamKey.CombineSalted(rowKey, columnSalt));

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double in the open interval (0, 1), never exactly 0 or 1, safe for inverse CDFs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenUnit() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>) without modulo bias (Lemire).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int exclusiveMax) => (int)NextUInt64((ulong)exclusiveMax);

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>).</summary>
    public ulong NextUInt64(ulong exclusiveMax)
    {
        var product = Math.BigMul(NextUInt64(), exclusiveMax, out var low);
        if (low < exclusiveMax)
        {
            var threshold = (0 - exclusiveMax) % exclusiveMax;
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64(), exclusiveMax, out low);
            }
        }

        return product;
    }

    /// <summary>A standard normal draw (inverse CDF of one uniform, so one draw per value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextStandardNormal() => NormalMath.InverseCdf(NextOpenUnit());
}
