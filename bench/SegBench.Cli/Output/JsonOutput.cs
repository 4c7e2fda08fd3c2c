using System.Text.Json;
using System.Text.Json.Nodes;

namespace SegBench.Cli.Output;

/// <summary>How the commands print <c>--json</c> results: one indented JSON value per line of output.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="value"/> as indented JSON and a line break.</summary>
    public static void Write(TextWriter output, JsonNode value) => output.WriteLine(value.ToJsonString(Indented));
}
