using System.Runtime.CompilerServices;

namespace SegBench.Generator.Randomness;

/// <summary>
/// A keyed bijection on [0, N). The domain is split as a × b with a = ⌈√N⌉ and b = ⌈N / a⌉, and
/// an alternating-radix Feistel network (the FF1/FFX construction: L ← (L + F(R)) mod a, then
/// R ← (R + F(L)) mod b) permutes [0, a·b); values at or beyond N cycle-walk, which is rare
/// because a·b − N &lt; a. Identifiers built from <c>Permute(ordinal)</c> are therefore unique by
/// construction, across shards too, with no lookup set.
/// </summary>
/// <remarks>
/// Bellare, Rogaway and Spies, "The FFX Mode of Operation for Format-Preserving Encryption" (2010);
/// Black and Rogaway, "Ciphers with Arbitrary Finite Domains" (2002) for cycle walking.
/// Cost: one division, then eight rounds of one 64-bit mix and one multiply each. The goal is uniqueness and scrambling, not secrecy.
/// </remarks>
public sealed class KeyedPermutation
{
    private const int Rounds = 8;
    private readonly ulong _domain;
    private readonly ulong _left;
    private readonly ulong _right;
    private readonly ulong[] _roundKeys = new ulong[Rounds];

    /// <summary>Creates the permutation of [0, <paramref name="domain"/>) for a key.</summary>
    public KeyedPermutation(ulong domain, ulong key)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(domain, 2UL);
        _domain = domain;
        _left = (ulong)Math.Ceiling(Math.Sqrt(domain));
        while (_left * _left < domain)
        {
            _left++;
        }

        _right = (domain + _left - 1) / _left;
        for (var i = 0; i < Rounds; i++)
        {
            _roundKeys[i] = StreamKey.Combine(key, (ulong)i);
        }
    }

    /// <summary>The size of the domain.</summary>
    public ulong Domain => _domain;

    /// <summary>Maps <paramref name="value"/> (below <see cref="Domain"/>) to its unique image.</summary>
    public ulong Permute(ulong value)
    {
        if (value >= _domain)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"{value} is outside the identifier space of {_domain} values.");
        }

        do
        {
            value = Encrypt(value);
        }
        while (value >= _domain);

        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Encrypt(ulong value)
    {
        var left = value / _right;
        var right = value - (left * _right);
        for (var i = 0; i < Rounds; i += 2)
        {
            left = AddModulo(left, Reduce(StreamKey.Mix(_roundKeys[i] ^ right), _left), _left);
            right = AddModulo(right, Reduce(StreamKey.Mix(_roundKeys[i + 1] ^ left), _right), _right);
        }

        return (left * _right) + right;
    }

    // Lemire's multiply-high reduction of 64 random bits into [0, range): no division.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Reduce(ulong random, ulong range) => Math.BigMul(random, range, out _);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddModulo(ulong value, ulong addend, ulong range)
    {
        var sum = value + addend;
        return sum >= range ? sum - range : sum;
    }
}
