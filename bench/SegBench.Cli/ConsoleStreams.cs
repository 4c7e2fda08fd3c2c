namespace SegBench.Cli;

/// <summary>
/// Where a command writes: the summary (and nothing else) to <see cref="Output"/>, progress and
/// errors to <see cref="Error"/>. Tests pass their own writers so they never share the process console.
/// </summary>
/// <param name="Output">Standard output: summaries and JSON only.</param>
/// <param name="Error">Standard error: progress lines, warnings and error messages.</param>
/// <param name="ErrorIsTerminal">True when <paramref name="Error"/> is an interactive terminal, so a live progress bar may be drawn.</param>
public sealed record ConsoleStreams(TextWriter Output, TextWriter Error, bool ErrorIsTerminal = false)
{
    /// <summary>The process console.</summary>
    public static ConsoleStreams System => new(Console.Out, Console.Error, !Console.IsErrorRedirected);
}
