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
/// Cost: one quotient (by a double estimate, corrected), then six rounds of two multiplies each:
/// a multiplicative hash of the keyed half and the reduction into the other half's range. The goal
/// is uniqueness and scrambling, not secrecy: a Feistel network is a bijection whatever its round
/// function, and Luby and Rackoff's bound needs only four rounds of good ones.
/// </remarks>
public sealed class KeyedPermutation
{
    private const int Rounds = 6;
    private readonly ulong _domain;
    private readonly ulong _left;
    private readonly ulong _right;
    private readonly ulong[] _roundKeys = new ulong[Rounds];
    private readonly bool _smallDomain;
    private readonly double _inverseRight;

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
        _smallDomain = domain <= 1UL << 51;
        _inverseRight = 1.0 / _right;
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

    /// <summary>
    /// <see cref="Permute(ulong)"/> of every value, four at a time: the four Feistel chains are
    /// independent, so interleaving them lets the CPU overlap their multiply latencies.
    /// </summary>
    public void Permute(ReadOnlySpan<long> values, Span<ulong> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, values.Length, nameof(destination));
        var i = 0;
        for (; i + 4 <= values.Length; i += 4)
        {
            var v0 = Checked(values[i]);
            var v1 = Checked(values[i + 1]);
            var v2 = Checked(values[i + 2]);
            var v3 = Checked(values[i + 3]);
            Encrypt4(ref v0, ref v1, ref v2, ref v3);
            destination[i] = Walk(v0);
            destination[i + 1] = Walk(v1);
            destination[i + 2] = Walk(v2);
            destination[i + 3] = Walk(v3);
        }

        for (; i < values.Length; i++)
        {
            destination[i] = Permute((ulong)values[i]);
        }
    }

    private ulong Checked(long value) =>
        (ulong)value < _domain ? (ulong)value : throw new ArgumentOutOfRangeException(nameof(value), $"{value} is outside the identifier space of {_domain} values.");

    // Finishes a cycle walk begun by one encryption (rarely needs another).
    private ulong Walk(ulong value)
    {
        while (value >= _domain)
        {
            value = Encrypt(value);
        }

        return value;
    }

    // Encrypt, on four values at once; each chain does exactly what Encrypt does.
    private void Encrypt4(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        var a = _left;
        var b = _right;
        var keys = _roundKeys;
        var (l0, r0) = Split(v0);
        var (l1, r1) = Split(v1);
        var (l2, r2) = Split(v2);
        var (l3, r3) = Split(v3);
        for (var i = 0; i < Rounds; i += 2)
        {
            var k = keys[i];
            l0 = AddModulo(l0, Reduce(Round(k, r0), a), a);
            l1 = AddModulo(l1, Reduce(Round(k, r1), a), a);
            l2 = AddModulo(l2, Reduce(Round(k, r2), a), a);
            l3 = AddModulo(l3, Reduce(Round(k, r3), a), a);
            k = keys[i + 1];
            r0 = AddModulo(r0, Reduce(Round(k, l0), b), b);
            r1 = AddModulo(r1, Reduce(Round(k, l1), b), b);
            r2 = AddModulo(r2, Reduce(Round(k, l2), b), b);
            r3 = AddModulo(r3, Reduce(Round(k, l3), b), b);
        }

        v0 = (l0 * b) + r0;
        v1 = (l1 * b) + r1;
        v2 = (l2 * b) + r2;
        v3 = (l3 * b) + r3;
    }

    // (value / b, value % b). Values below 2^52 convert to double exactly, and the estimate of the
    // quotient is then off by at most one, so one correction makes it exact without a 64-bit
    // division (tens of cycles, barely pipelined).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (ulong Quotient, ulong Remainder) Split(ulong value)
    {
        var b = _right;
        if (!_smallDomain)
        {
            var quotient = value / b;
            return (quotient, value - (quotient * b));
        }

        var estimate = (long)((long)value * _inverseRight);
        var remainder = (long)value - (estimate * (long)b);
        if (remainder < 0)
        {
            estimate--;
            remainder += (long)b;
        }
        else if (remainder >= (long)b)
        {
            estimate++;
            remainder -= (long)b;
        }

        return ((ulong)estimate, (ulong)remainder);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Encrypt(ulong value)
    {
        var (left, right) = Split(value);
        for (var i = 0; i < Rounds; i += 2)
        {
            left = AddModulo(left, Reduce(Round(_roundKeys[i], right), _left), _left);
            right = AddModulo(right, Reduce(Round(_roundKeys[i + 1], left), _right), _right);
        }

        return (left * _right) + right;
    }

    // The round function before reduction: a multiplicative hash of the keyed half, whose high
    // bits (the ones the reduction keeps) depend on every bit of it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Round(ulong key, ulong half) => (key ^ half) * 0x9E3779B97F4A7C15UL;

    // Lemire's multiply-high reduction of 64 random bits into [0, range): no division.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Reduce(ulong random, ulong range) => Math.BigMul(random, range, out _);

    // (value + addend) mod range for value, addend < range < 2^62, without a branch: the
    // comparison is a coin flip, so a branch would be mispredicted every other round.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddModulo(ulong value, ulong addend, ulong range)
    {
        var difference = value + addend - range;
        return difference + (range & (ulong)((long)difference >> 63));
    }
}
