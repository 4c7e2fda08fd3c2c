using SegBench.Data;
using SegBench.Data.Formats;
using SegBench.Data.Formats.Parquet;

namespace SegBench.Data.Tests.Parquet;

/// <summary>
/// Encode may write a page PLAIN without its dictionary trial when it guesses that the page's
/// column chunk will have fallen back to PLAIN by the time the page is appended. These tests
/// encode and append in orders that make the guesses right, wrong and absent, and check that the
/// file never depends on them.
/// </summary>
public sealed class ParquetEncodeOrderTests : IDisposable
{
    private const int PageRows = 100;
    private const int Batches = 100;

    private static readonly TableSchema Schema = new([
        new ColumnField("amount", ColumnType.Double),
        new ColumnField("code", ColumnType.String),
        new ColumnField("count", ColumnType.Int32),
        new ColumnField("city", ColumnType.String),
    ]);

    // Groups of 20 pages; a chunk's dictionary holds at most 120 values.
    private static readonly ParquetWriterOptions Options = new()
    {
        PageMaximumRows = PageRows,
        RowGroupMaximumRows = 20 * PageRows,
        DictionaryMaximumCardinality = 120,
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("segbench-parquet-order-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void EncodingEveryBatchBeforeAppendingAnyMakesNoGuesses()
    {
        var (_, kept, again) = Write("all-first", EncodeAllFirst);

        kept.Should().Be(0);
        again.Should().Be(0);
    }

    [Fact]
    public void EncodingEachBatchJustBeforeItsAppendGuessesRightAndGivesTheSameBytes()
    {
        var (reference, _, _) = Write("all-first", EncodeAllFirst);

        var (bytes, kept, again) = Write("interleaved", (encode, append) =>
        {
            for (var i = 0; i < Batches; i++)
            {
                append(encode(i));
            }
        });

        // amount falls back at every group's first page and code at its third, so most of their pages skip the trial.
        kept.Should().BeGreaterThan(Batches);
        again.Should().BeLessThan(kept / 4);
        bytes.Should().Equal(reference);
    }

    [Fact]
    public void PagesEncodedFarAheadLandInLaterGroupsAndAreEncodedAgainToTheSameBytes()
    {
        var (reference, _, _) = Write("all-first", EncodeAllFirst);

        // At the 15th page of each group, the third page of the next group is encoded too, with
        // few pages in flight, as when earlier batches are still being generated: it is guessed to
        // land where code's chunk has fallen back, but lands where code's chunk is about to.
        var (bytes, kept, again) = Write("far-ahead", (encode, append) =>
        {
            var encoded = new EncodedBatch?[Batches];
            for (var i = 0; i < Batches; i++)
            {
                encoded[i] ??= encode(i);
                if (i % 20 == 14 && i + 8 < Batches)
                {
                    encoded[i + 8] = encode(i + 8);
                }

                append(encoded[i]!);
            }
        });

        kept.Should().BeGreaterThan(0);
        again.Should().BeGreaterThan(0);
        bytes.Should().Equal(reference);
        ParquetTestData.ShouldEqual(ParquetTestData.Read(Path.Combine(_directory, "far-ahead.parquet")), Enumerable.Range(0, Batches).Select(MakeBatch).ToList());
    }

    [Fact]
    public void ParallelEncodingAheadOfAppendsGivesTheSameBytes()
    {
        var (reference, _, _) = Write("all-first", EncodeAllFirst);

        var (bytes, _, _) = Write("parallel", (encode, append) =>
        {
            // Up to six batches in flight on the thread pool, appended in order as the generator does.
            var inFlight = new Queue<Task<EncodedBatch>>();
            for (var i = 0; i < Batches; i++)
            {
                var index = i;
                inFlight.Enqueue(Task.Run(() => encode(index)));
                if (inFlight.Count == 6)
                {
                    append(inFlight.Dequeue().GetAwaiter().GetResult());
                }
            }

            while (inFlight.Count > 0)
            {
                append(inFlight.Dequeue().GetAwaiter().GetResult());
            }
        });

        bytes.Should().Equal(reference);
    }

    [Fact]
    public void RowGroupsEndAtTheSameRowsWhateverTheCodecAndDictionarySetting()
    {
        // Groups are sized by the PLAIN bytes of their values, which no encoding choice changes.
        var batches = Enumerable.Range(0, 30).Select(MakeBatch).ToArray();
        var groupRows = new List<List<long>>();
        foreach (var (compression, dictionary) in new[] { (ParquetCompression.Snappy, true), (ParquetCompression.Gzip, true), (ParquetCompression.Uncompressed, false) })
        {
            var path = Path.Combine(_directory, $"bytes-{compression}-{dictionary}.parquet");
            ParquetTestData.Write(path, Schema, Options with { RowGroupMaximumBytes = 9_000, RowGroupMaximumRows = 1 << 20, Compression = compression, UseDictionary = dictionary }, batches);
            using var reader = new ParquetTableReader(path);
            groupRows.Add(reader.Metadata.RowGroups.Select(g => g.RowCount).ToList());
        }

        groupRows[0].Should().Equal(ExpectedGroupRows(batches, 9_000)).And.HaveCountGreaterThan(5);
        groupRows[1].Should().Equal(groupRows[0]);
        groupRows[2].Should().Equal(groupRows[0]);
    }

    // Each batch is one page. A group ends before a page that would take it past the limit, or
    // once it reaches the limit; a page's bytes are its non-null values' PLAIN bytes.
    private static List<long> ExpectedGroupRows(IEnumerable<ColumnBatch> pages, long limit)
    {
        var groups = new List<long>();
        long rows = 0;
        long bytes = 0;
        foreach (var page in pages)
        {
            long pageBytes = 0;
            foreach (var column in page.Columns)
            {
                for (var r = 0; r < page.RowCount; r++)
                {
                    pageBytes += column.IsNull(r) ? 0 : column switch
                    {
                        DoubleColumn => 8,
                        StringColumn text => 4 + text.GetBytes(r).Length,
                        _ => 4,
                    };
                }
            }

            if (rows > 0 && bytes + pageBytes > limit)
            {
                groups.Add(rows);
                (rows, bytes) = (0, 0);
            }

            rows += page.RowCount;
            bytes += pageBytes;
            if (bytes >= limit)
            {
                groups.Add(rows);
                (rows, bytes) = (0, 0);
            }
        }

        if (rows > 0)
        {
            groups.Add(rows);
        }

        return groups;
    }

    private static void EncodeAllFirst(Func<int, EncodedBatch> encode, Action<EncodedBatch> append)
    {
        var encoded = Enumerable.Range(0, Batches).Select(encode).ToList();
        encoded.ForEach(append);
    }

    // One page per batch. amount is too varied for a dictionary on every page; code brings 50 new
    // values a page, so a group's chunk outgrows its dictionary at its third page; count and city
    // repeat a few values. About one value in 11 is null.
    private static ColumnBatch MakeBatch(int index)
    {
        var random = new Random(index);
        var batch = ColumnBatch.CreateEmpty(Schema, PageRows);
        var amount = (DoubleColumn)batch.Columns[0];
        var code = (StringColumn)batch.Columns[1];
        var count = (Int32Column)batch.Columns[2];
        var city = (StringColumn)batch.Columns[3];
        for (var r = 0; r < PageRows; r++)
        {
            amount.Append(Math.Round(random.NextDouble() * 1e6, 2));
            code.Append($"code-{(index * 50) + (r % 50)}");
            count.Append(random.Next(5));
            city.Append(random.Next(2) == 0 ? "Pune" : "Nagpur");
        }

        ParquetTestData.MarkNulls(Enumerable.Range(0, PageRows).Where(r => (r + index) % 11 == 0)
            .SelectMany(r => batch.Columns.Select(column => (column, r))));
        return batch;
    }

    // Writes the batches in the order the schedule encodes and appends them; the file's bytes, and
    // how many pages skipped their trial and were kept, or were encoded again.
    private (byte[] Bytes, int Kept, int EncodedAgain) Write(string name, Action<Func<int, EncodedBatch>, Action<EncodedBatch>> schedule)
    {
        var path = Path.Combine(_directory, $"{name}.parquet");
        var batches = Enumerable.Range(0, Batches).Select(MakeBatch).ToArray();
        using var writer = new ParquetTableWriter(path, Schema, Options);
        schedule(i => writer.Encode(batches[i]), writer.Append);
        writer.Commit();
        return (File.ReadAllBytes(path), writer.SpeculativePagesKept, writer.PagesEncodedAgain);
    }
}
