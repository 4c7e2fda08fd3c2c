using System.Diagnostics;

namespace SegBench.Cli.Tests;

/// <summary>A real segbench process stopped by a signal cleans up and exits 128 + the signal number.</summary>
public sealed class SignalTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("INT", ExitCodes.Interrupted)]
    [InlineData("TERM", ExitCodes.Terminated)]
    public async Task SignalAfterTheFirstProgressLineLeavesOnlyPreexistingFiles(string signal, int exitCode)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var data = Directory.CreateDirectory(_folder["data"]).FullName;
        File.WriteAllText(Path.Combine(data, "notes.txt"), "mine");
        string[] arguments = [Cli.ProgramPath, "generate", "--schema", Schemas.Shipped, "--rows", "50000000", "--threads", "1", "--batch-rows", "2000", "--out", data];

        // A shell that runs commands in the background without job control (a CI script run with
        // '&', nohup) starts them with SIGINT ignored, and the CLI rightly keeps what it inherits.
        // The test restores the default, as an interactive terminal has it; GNU env can (Linux).
        using var process = OperatingSystem.IsLinux()
            ? Cli.StartProgram("env", ["--default-signal=INT,TERM", "dotnet", .. arguments])
            : Cli.StartProgram("dotnet", arguments);
        var output = process.StandardOutput.ReadToEndAsync();

        var firstLine = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        firstLine.Should().StartWith("generate: customers ");
        Directory.GetFiles(data, "*.partial", SearchOption.AllDirectories).Should().NotBeEmpty("the run is under way");
        Kill(process.Id, signal);
        var rest = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        process.ExitCode.Should().Be(exitCode, rest);
        rest.Should().Contain("segbench: cancelled; temporary files were removed.");
        (await output).Should().BeEmpty();
        _folder.Files("data").Should().Equal("notes.txt");
    }

    private static void Kill(int pid, string signal)
    {
        using var kill = Process.Start("/bin/kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        kill.ExitCode.Should().Be(0);
    }
}
