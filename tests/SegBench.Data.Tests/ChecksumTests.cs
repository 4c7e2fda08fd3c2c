using SegBench.Data.Formats;

namespace SegBench.Data.Tests;

public sealed class ChecksumTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("segbench-checksum-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Expected values printed by the reference tools on these bytes: `xxhsum -H2` (xxHash 0.8.1)
    // and `sha256sum`. The 300,000-byte pattern takes XXH3's long-input path across many blocks.
    [Theory]
    [InlineData("empty", ChecksumAlgorithm.Xxh128, "xxh128:99aa06d3014798d86001c324468d497f")]
    [InlineData("word", ChecksumAlgorithm.Xxh128, "xxh128:8f208cdb93e5fc0bf3280e1af01f6c33")]
    [InlineData("word", ChecksumAlgorithm.Sha256, "sha256:8a739fa141cb911742e872f785743a9187829cdc2f36baaf78c96499a5e8f90c")]
    [InlineData("pattern", ChecksumAlgorithm.Xxh128, "xxh128:e064c65f8982f7b5bd166ac77b8df711")]
    [InlineData("pattern", ChecksumAlgorithm.Sha256, "sha256:b2aa5e3af4c585ab3845f438c284ba8b277ca8c13130a06435e7deaa3c5680d4")]
    public void AFileWrittenInUnevenPiecesHasTheReferenceToolsChecksum(string content, ChecksumAlgorithm algorithm, string expected)
    {
        var bytes = Content(content);
        var path = Path.Combine(_directory, content);
        string? written;
        using (var file = new AtomicFile(path, algorithm))
        {
            // Pieces of 1, 2, 3, ... bytes: the streaming state must carry across any boundary.
            for (int offset = 0, piece = 1; offset < bytes.Length; offset += piece, piece++)
            {
                file.Stream.Write(bytes.AsSpan(offset, Math.Min(piece, bytes.Length - offset)));
            }

            file.Commit();
            written = file.Checksum;
        }

        written.Should().Be(expected);
        Checksum.OfFile(path, algorithm).Should().Be(expected, "reading the file back gives the checksum written");
        Checksum.AlgorithmOf(expected).Should().Be(algorithm);
    }

    [Theory]
    [InlineData("xxh128", ChecksumAlgorithm.Xxh128)]
    [InlineData("SHA256", ChecksumAlgorithm.Sha256)]
    public void NamesParseCaseInsensitively(string name, ChecksumAlgorithm algorithm)
    {
        Checksum.Parse(name).Should().Be(algorithm);
        Checksum.Parse(Checksum.Name(algorithm)).Should().Be(algorithm);
    }

    [Theory]
    [InlineData("md5")]
    [InlineData("")]
    public void UnknownNamesParseToNull(string name) => Checksum.Parse(name).Should().BeNull();

    [Theory]
    [InlineData("8a739fa141cb911742e872f785743a91")]
    [InlineData("md5:8f208cdb93e5fc0bf3280e1af01f6c33")]
    [InlineData(":abc")]
    public void AChecksumWithoutAKnownAlgorithmPrefixIsRefusedByName(string checksum) =>
        FluentActions.Invoking(() => Checksum.AlgorithmOf(checksum)).Should().Throw<FormatException>().WithMessage($"*'{checksum}'*xxh128:<hex>*");

    private static byte[] Content(string name) => name switch
    {
        "empty" => [],
        "word" => "segbench"u8.ToArray(),
        _ => Enumerable.Range(0, 300_000).Select(i => (byte)(((i * 31) + 7) % 251)).ToArray(),
    };
}
