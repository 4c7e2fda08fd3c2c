namespace SegBench.Generator.Randomness;

/// <summary>
/// A keyed bijection on [0, N): a balanced Feistel network over the smallest even bit width that
/// covers N, with cycle walking. Identifiers built from <c>Permute(row)</c> are unique by
/// construction, across shards too, with no lookup set and no collisions.
/// </summary>
/// <remarks>Black and Rogaway, "Ciphers with Arbitrary Finite Domains" (CT-RSA 2002). Expected cost: fewer than four Feistel evaluations.</remarks>
public sealed class KeyedPermutation
{
    private const int Rounds = 6;
    private readonly ulong _domain;
    private readonly int _halfBits;
    private readonly ulong _halfMask;
    private readonly ulong[] _roundKeys = new ulong[Rounds];

    /// <summary>Creates the permutation of [0, <paramref name="domain"/>) for a key.</summary>
    public KeyedPermutation(ulong domain, ulong key)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(domain, 2UL);
        _domain = domain;
        var bits = 64 - ulong.LeadingZeroCount(domain - 1);
        _halfBits = (int)((bits + 1) / 2);
        _halfMask = (1UL << _halfBits) - 1;
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

    private ulong Encrypt(ulong value)
    {
        var left = value >> _halfBits;
        var right = value & _halfMask;
        for (var i = 0; i < Rounds; i++)
        {
            var next = left ^ (StreamKey.Combine(_roundKeys[i], right) & _halfMask);
            left = right;
            right = next;
        }

        return (left << _halfBits) | right;
    }
}
