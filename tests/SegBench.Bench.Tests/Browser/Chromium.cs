using System.Diagnostics;

namespace SegBench.Bench.Tests.Browser;

/// <summary>
/// Runs Debian's headless Chromium on a page from disk, with networking features off and a fresh
/// profile each time. Missing Chromium is a failure with instructions, never a silent skip.
/// </summary>
internal static class Chromium
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static string Path => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static void EnsureInstalled(string? path = null) =>
        File.Exists(path ?? Path).Should().BeTrue(
            $"the browser tests need headless Chromium at {path ?? Path} (set CHROMIUM to use another); install it with 'make browser' (apt-get install -y chromium)");

    /// <summary>Loads the page and returns the DOM after scripts ran.</summary>
    public static string DumpDom(string page) => Run(["--dump-dom", Url(page)]).Output;

    /// <summary>Loads the page in a window of the given size and writes a PNG of it.</summary>
    public static void Screenshot(string page, string png, int width, int height)
    {
        var (_, error) = Run([$"--window-size={width},{height}", "--hide-scrollbars", $"--screenshot={png}", Url(page)]);
        File.Exists(png).Should().BeTrue($"Chromium should have written {png}; it said: {error}");
    }

    private static string Url(string page) => new Uri(System.IO.Path.GetFullPath(page)).AbsoluteUri;

    private static (string Output, string Error) Run(IEnumerable<string> arguments)
    {
        EnsureInstalled();
        var profile = Directory.CreateTempSubdirectory("segbench-chromium-");
        try
        {
            var start = new ProcessStartInfo(Path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--mute-audio", $"--user-data-dir={profile.FullName}",
            }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish within {Timeout.TotalSeconds} s.");
            }

            process.ExitCode.Should().Be(0, $"Chromium should exit cleanly; it said: {error.Result}");
            return (output.Result, error.Result);
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A crashpad helper may still hold the profile for a moment; the temp folder is cleaned later.
            }
        }
    }
}
