using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SegBench.Cli.Tests.Serve;

/// <summary>An unusable model or address stops <c>segbench serve</c> before it binds; SIGTERM stops it cleanly.</summary>
[Collection(ServeCollection.Name)]
public sealed partial class StartupTests(ServeFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string, string> BadModels => new()
    {
        // case, file content (null: no file), what the message says
        { "missing", "", "model file not found." },
        { "corrupt", "{ \"kind\": \"segbench-model\", \"format_version\": 1, \"model\": ", "not valid JSON" },
        { "not a model", "{ \"hello\": 1 }", "not a SegBench model" },
        { "wrong version", "{ \"kind\": \"segbench-model\", \"format_version\": 99 }", "model format version 99 is not supported" },
        { "broken section", "{ \"kind\": \"segbench-model\", \"format_version\": 1, \"preprocessing\": {}, \"model\": {}, \"profile\": {} }", "the model file is corrupt" },
    };

    [Theory]
    [MemberData(nameof(BadModels))]
    public void AnUnusableModelFailsStartupWithOneLine(string name, string content, string message)
    {
        var path = _folder["model.json"];
        if (name != "missing")
        {
            File.WriteAllText(path, content);
        }

        var result = Cli.Run("serve", "--model", path, "--urls", "http://127.0.0.1:0");

        result.ExitCode.Should().Be(ExitCodes.Failure, result.Error);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"segbench: {path}: ").And.Contain(message);
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task AWrongVersionModelFailsTheRealProgramBeforeItBinds()
    {
        var json = JsonNode.Parse(File.ReadAllText(fixture.KMeansPath))!;
        json["format_version"] = 2;
        var path = _folder.Write("model.json", json.ToJsonString());

        var result = await Cli.RunProcessAsync("serve", "--model", path, "--urls", "http://127.0.0.1:0");

        result.ExitCode.Should().Be(ExitCodes.Failure, result.Error);
        result.ErrorLines.Should().Equal($"segbench: {path}: model format version 2 is not supported; this SegBench reads version 1. Refit the model with this version.");
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", "refusing to listen beyond loopback")]
    [InlineData("http://*:5080", "refusing to listen beyond loopback")]
    [InlineData("http://192.0.2.1:5080", "refusing to listen beyond loopback")]
    [InlineData("https://127.0.0.1:5080", "expected http://HOST:PORT")]
    [InlineData("http://example.com:5080", "give an IP address or localhost")]
    public void ANonLoopbackOrBadAddressIsAUsageError(string urls, string message)
    {
        var result = Cli.Run("serve", "--model", fixture.KMeansPath, "--urls", urls);

        result.ExitCode.Should().Be(ExitCodes.Usage, result.Error);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"segbench: --urls ").And.Contain(message);
    }

    [Fact]
    public void AnAddressInUseFailsStartupWithOneLine()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        // Should it bind after all, the token stops it rather than hanging the test.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var result = Cli.Run(["serve", "--model", fixture.KMeansPath, "--urls", $"http://127.0.0.1:{port}"], timeout.Token);

        result.ExitCode.Should().Be(ExitCodes.Failure, result.Error);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith("segbench: ").And.Contain($"127.0.0.1:{port}").And.NotContain("   at ");
    }

    [Theory]
    [InlineData("--max-batch", "0")]
    [InlineData("--max-body-bytes", "ten")]
    [InlineData("--log", "verbose")]
    public void ABadLimitIsAUsageError(string option, string value)
    {
        var result = Cli.Run("serve", "--model", fixture.KMeansPath, option, value);

        result.ExitCode.Should().Be(ExitCodes.Usage, result.Error);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"segbench: {option} {value}:");
    }

    [Fact]
    public async Task SigtermLetsTheInFlightRequestFinishAndExitsZero()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var process = Cli.Start("serve", "--model", fixture.KMeansPath, "--urls", "http://127.0.0.1:0");
        var output = process.StandardOutput.ReadToEndAsync();
        string? line;
        do
        {
            line = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        while (line is not null && !line.Contains("listening on", StringComparison.Ordinal));

        line.Should().NotBeNull("the server says where it listens");
        var address = Listening().Match(line!).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);

        // A large batch is under way when the signal arrives; it must still be answered.
        var batch = new JsonObject { ["customers"] = new JsonArray([.. Enumerable.Range(0, 1000).Select(r => (JsonNode)fixture.CustomerJson(r))]) };
        var inFlight = client.PostAsync("/v1/assign", ServeFixture.Json(batch));
        await Task.Delay(5);
        using (var kill = Process.Start("/bin/kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var response = await inFlight;
        var rest = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        process.ExitCode.Should().Be(ExitCodes.Ok, rest);
        rest.Should().Contain("segbench serve: stopped.").And.NotContain("   at ");
        (await output).Should().BeEmpty();
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
