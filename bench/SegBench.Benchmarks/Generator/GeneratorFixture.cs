using SegBench.Data;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Benchmarks.Generator;

/// <summary>The shipped schemas compiled with a fixed seed (the customers one unless named), shared by the generator suites and commands.</summary>
public static class GeneratorFixture
{
    /// <summary>The seed of every generator benchmark.</summary>
    public const int Seed = 42;

    /// <summary>The schema the suites generate.</summary>
    public const string SchemaFile = "schemas/indian-bank-customers.yaml";

    /// <summary>The table the suites generate.</summary>
    public const string Table = "customers";

    /// <summary>
    /// The repository root: <c>SEGBENCH_ROOT</c>, else the first folder above the current one or the
    /// binaries (BenchmarkDotNet runs its own build under <c>bin/</c>) that holds the schema.
    /// </summary>
    public static string RepositoryRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SEGBENCH_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, SchemaFile)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new FileNotFoundException($"Cannot find {SchemaFile} above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}; set SEGBENCH_ROOT to the repository root.");
    }

    /// <summary>The compiled plan of a shipped schema (by default the customers one) with the benchmark seed.</summary>
    public static DatasetPlan Plan(string schemaFile = SchemaFile) =>
        DatasetPlan.Compile(SchemaLoader.Load(Path.Combine(RepositoryRoot(), schemaFile)), Seed);

    /// <summary>The customers table of <see cref="Plan"/>.</summary>
    public static TablePlan Customers() => Plan().Table(Table);

    /// <summary>A fresh temporary folder.</summary>
    public static string TemporaryDirectory(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), $"segbench-{purpose}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes a folder made by <see cref="TemporaryDirectory"/>, ignoring failures.</summary>
    public static void DeleteDirectory(string? path)
    {
        if (path is not null && Directory.Exists(path))
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Generates rows [0, rows) in batches of the engine's default size and returns copies of the batches.</summary>
    public static List<ColumnBatch> GenerateBatches(TablePlan table, int rows, int batchRows = GenerateOptions.Defaults.BatchRows)
    {
        var batches = new List<ColumnBatch>();
        for (var first = 0; first < rows; first += batchRows)
        {
            // A fresh state per batch: Generate fills state.Columns in place, so keeping a batch means keeping its state.
            var state = table.CreateState();
            table.Generate(state, first, Math.Min(batchRows, rows - first));
            batches.Add(state.Columns);
        }

        return batches;
    }
}

/// <summary>A write-only sink that only counts bytes, so both sides of a comparison pay for the same (no) I/O.</summary>
public sealed class CountingStream : Stream
{
    /// <summary>Bytes written.</summary>
    public long Written { get; private set; }

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => Written;

    /// <inheritdoc />
    public override long Position
    {
        get => Written;
        set => throw new NotSupportedException();
    }

    /// <summary>Forgets the count.</summary>
    public void Reset() => Written = 0;

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer) => Written += buffer.Length;

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Written += count;

    /// <inheritdoc />
    public override void WriteByte(byte value) => Written++;

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Written += count;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Written += buffer.Length;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();
}
