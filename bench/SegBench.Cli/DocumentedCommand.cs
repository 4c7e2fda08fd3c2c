using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace SegBench.Cli;

/// <summary>A command whose <c>--help</c> ends with worked examples.</summary>
internal sealed class DocumentedCommand(string name, string description, params string[] examples) : Command(name, description)
{
    /// <summary>Example command lines, shown after the options in <c>--help</c>.</summary>
    public IReadOnlyList<string> Examples { get; } = examples;
}

/// <summary>The standard help, followed by the command's examples.</summary>
internal sealed class HelpWithExamples(HelpAction standard, IReadOnlyList<string> rootExamples) : SynchronousCommandLineAction
{
    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        standard.Invoke(parseResult);
        var examples = parseResult.CommandResult.Command switch
        {
            DocumentedCommand documented => documented.Examples,
            RootCommand => rootExamples,
            _ => [],
        };
        if (examples.Count > 0)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var example in examples)
            {
                output.WriteLine($"  {example}");
            }

            output.WriteLine();
        }

        return ExitCodes.Ok;
    }
}
