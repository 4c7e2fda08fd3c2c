namespace SegBench.Clustering.Algorithms;

/// <summary>
/// Runs work over fixed row chunks. The chunk size is a constant, never derived from the thread
/// count, so per-chunk partial results combined in chunk order are identical on 1 or N threads.
/// </summary>
internal static class ChunkedParallel
{
    /// <summary>Rows per chunk. Fixed: changing it changes floating-point summation order.</summary>
    public const int ChunkRows = 4096;

    public static int ChunkCount(int rows) => (rows + ChunkRows - 1) / ChunkRows;

    public static ParallelOptions Options(int? maximumDegreeOfParallelism, CancellationToken cancellationToken) => new()
    {
        MaxDegreeOfParallelism = maximumDegreeOfParallelism ?? Environment.ProcessorCount,
        CancellationToken = cancellationToken,
    };

    /// <summary>Calls <paramref name="body"/>(chunk, start, end) for every chunk, in parallel.</summary>
    public static void For(int rows, ParallelOptions options, Action<int, int, int> body)
    {
        var chunks = ChunkCount(rows);
        if (chunks == 1 || options.MaxDegreeOfParallelism == 1)
        {
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                body(chunk, chunk * ChunkRows, Math.Min(rows, (chunk + 1) * ChunkRows));
            }

            return;
        }

        Parallel.For(0, chunks, options, chunk => body(chunk, chunk * ChunkRows, Math.Min(rows, (chunk + 1) * ChunkRows)));
    }
}
