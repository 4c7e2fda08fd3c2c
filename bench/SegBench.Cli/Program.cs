namespace SegBench.Cli;

/// <summary>The segbench entry point.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args)
    {
        JitProfile.Start(args);
        return SegBenchCommandLine.Run(args);
    }
}
