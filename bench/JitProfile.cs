using System.Runtime;

namespace SegBench;

/// <summary>
/// .NET's multi-core JIT for the programs that run the generator (the command line, and the
/// benchmarks that measure it, so they run as it runs): each command records which methods it compiled,
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

        // One profile per program and command: generate and serve compile different code.
        var program = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "segbench";
        var command = args is [{ Length: > 0 and <= 32 } first, ..] && first[0] is >= 'a' and <= 'z' && first.All(c => c is >= 'a' and <= 'z' or '-') ? first : "default";
        try
        {
            Directory.CreateDirectory(folder);
            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile($"{program}-{command}.jitprofile");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A read-only or missing home: only the head start is lost.
        }
    }

    // segbench/jit under $XDG_CACHE_HOME, else under ~/.cache (the XDG default); on Windows, under
    // the local application data folder. Null without a home to put it in.
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
