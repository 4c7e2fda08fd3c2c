using System.Security.Cryptography;

namespace SegBench.Data.Formats;

/// <summary>An append-only stream that hashes what passes through it, so checksums cost no second read.</summary>
internal sealed class HashingStream(Stream inner) : AppendOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public string FinishHash() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override void Flush() => inner.Flush();

    protected override void Append(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        inner.Write(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
