using System.Runtime.CompilerServices;
using System.Text;

namespace SegBench.Generator.Randomness;

/// <summary>
/// Counter-based stream keys. Every random value is drawn from a stream whose key is a pure
/// function of (seed, table, row, column), so a value never depends on threads, batches, shards
/// or what else the schema declares.
/// </summary>
public static class StreamKey
{
    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mix with full avalanche.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    /// <summary>Combines a parent key with a child value into a new key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong parent, ulong child) => CombineSalted(parent, Salt(child));

    /// <summary>
    /// The half of <see cref="Combine"/> that depends only on the child: a column combines its one
    /// key with every row's, so it computes this once instead of once per row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Salt(ulong child) => Mix(child + 0x632BE59BD9B4E019UL);

    /// <summary><see cref="Combine"/>(parent, child), given <see cref="Salt"/>(child).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CombineSalted(ulong parent, ulong salt) => Mix(parent ^ salt);

    /// <summary>A stable 64-bit hash of a name (FNV-1a over UTF-8, then mixed).</summary>
    public static ulong Hash(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return Mix(hash);
    }

    /// <summary>The key of a table within a dataset seed.</summary>
    public static ulong ForTable(ulong seed, string table) => Combine(Mix(seed), Hash(table));

    /// <summary>The key of one row of a table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ForRow(ulong tableKey, long row) => Combine(tableKey, (ulong)row);
}
