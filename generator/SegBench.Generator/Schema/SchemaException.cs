namespace SegBench.Generator.Schema;

/// <summary>Where in a schema file something is: 1-based line and column.</summary>
/// <param name="File">The schema file's path as given.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record SourceLocation(string File, long Line, long Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>A schema that cannot be used. The message starts with <c>file:line:column:</c>.</summary>
public sealed class SchemaException : Exception
{
    /// <summary>Creates the error at a location.</summary>
    public SchemaException(SourceLocation location, string problem, Exception? inner = null)
        : base($"{location}: {problem}", inner)
    {
        Location = location;
        Problem = problem;
    }

    /// <summary>Where.</summary>
    public SourceLocation Location { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
