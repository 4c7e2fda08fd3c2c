namespace SegBench.Data.Formats;

/// <summary>An append-only stream that checksums what passes through it, so checksums cost no second read.</summary>
internal sealed class HashingStream(Stream inner, ChecksumAlgorithm algorithm) : AppendOnlyStream
{
    private readonly Checksum _checksum = new(algorithm);

    public string FinishChecksum() => _checksum.Finish();

    public override void Flush() => inner.Flush();

    protected override void Append(ReadOnlySpan<byte> buffer)
    {
        _checksum.Append(buffer);
        inner.Write(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _checksum.Dispose();
        }

        base.Dispose(disposing);
    }
}
