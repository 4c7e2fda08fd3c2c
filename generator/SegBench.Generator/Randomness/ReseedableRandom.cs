namespace SegBench.Generator.Randomness;

/// <summary>
/// A <see cref="Random"/> whose state is a SplitMix64 counter that can be reset to any key, so
/// libraries that take a <see cref="Random"/> (MathNet's distributions) draw from SegBench's
/// counter-based streams instead of global state.
/// </summary>
public sealed class ReseedableRandom : Random
{
    private RowRandom _stream;

    /// <summary>Creates a generator on a key.</summary>
    public ReseedableRandom(ulong key) => _stream = new RowRandom(key);

    /// <summary>Restarts the stream at a new key.</summary>
    public void Reseed(ulong key) => _stream = new RowRandom(key);

    /// <inheritdoc />
    public override int Next() => (int)(_stream.NextUInt64() >> 33);

    /// <inheritdoc />
    public override int Next(int maxValue) => maxValue <= 0 ? 0 : _stream.NextInt(maxValue);

    /// <inheritdoc />
    public override int Next(int minValue, int maxValue) =>
        minValue >= maxValue ? minValue : minValue + (int)_stream.NextUInt64((ulong)((long)maxValue - minValue));

    /// <inheritdoc />
    public override double NextDouble() => (_stream.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <inheritdoc />
    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    /// <inheritdoc />
    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)_stream.NextUInt64();
        }
    }

    /// <inheritdoc />
    protected override double Sample() => NextDouble();
}
