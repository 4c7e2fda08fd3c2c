using System.Runtime;

namespace SegBench.Cli;

/// <summary>
/// .NET's multi-core JIT for the command line: each command records which methods it compiled,
/// and the next run of that command compiles them on a second core while the first one parses the
/// arguments and the schema, instead of each method waiting for the JIT at its first call (1M
/// customers, 2 threads: 1.43 -> 1.27 s of wall time). The profiles live in the user's cache
/// folder; they change how soon code is compiled, never what it computes. Where no cache folder is
/// writable, or <c>SEGBENCH_JIT_PROFILE=0</c>, runs simply go without.
/// </summary>
internal static class JitProfile
{
    /// <summary>Starts recording, and replaying any earlier recording, for the command in <paramref name="args"/>.</summary>
    public static void Start(string[] args)
    {
        if (Environment.GetEnvironmentVariable("SEGBENCH_JIT_PROFILE") == "0" || Folder() is not { } folder)
        {
            return;
        }

        // One profile per command: generate and serve compile different code.
        var command = args.Length > 0 && args[0].Length <= 32 && args[0].All(c => c is >= 'a' and <= 'z' or '-') ? args[0] : "segbench";
        try
        {
            Directory.CreateDirectory(folder);
            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile($"{command}.jitprofile");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A read-only or missing home: only the head start is lost.
        }
    }

    // $XDG_CACHE_HOME/segbench, else ~/.cache/segbench (the XDG default), else the local application data folder.
    private static string? Folder()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache) || !Path.IsPathFullyQualified(cache))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            cache = OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache");
        }

        return string.IsNullOrEmpty(cache) ? null : Path.Combine(cache, "segbench", "jit");
    }
}
