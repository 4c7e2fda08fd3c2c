namespace SegBench.Cli;

/// <summary>The exit codes of every segbench command.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command failed: a bad schema, an I/O error, an unsupported format.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong: an unknown flag, a bad value, a missing option.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by SIGINT (Ctrl-C): 128 + 2.</summary>
    public const int Interrupted = 130;

    /// <summary>Terminated by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;
}
