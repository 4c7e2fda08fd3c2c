using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SegBench.Benchmarks.Tests;

/// <summary>
/// Runs every benchmark once (Job.Dry, in process, the first parameter case of each method), so a
/// broken benchmark fails CI. Timings are not looked at.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    public static TheoryData<string> Suites()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(Program).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void EverySuiteRunsOnce(string suite)
    {
        var type = typeof(Program).Assembly.GetType(suite)!;
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
            .AddLogger(NullLogger.Instance)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile);
        var info = BenchmarkConverter.TypeToBenchmarks(type, config);
        var firstCases = info.BenchmarksCases.GroupBy(c => c.Descriptor.WorkloadMethod.Name).Select(g => g.First()).ToArray();
        firstCases.Should().NotBeEmpty();

        var summary = BenchmarkRunner.Run(new BenchmarkRunInfo(firstCases, type, info.Config));

        summary.HasCriticalValidationErrors.Should().BeFalse(string.Join("; ", summary.ValidationErrors.Select(e => e.Message)));
        summary.Reports.Should().HaveCount(firstCases.Length);
        summary.Reports.Should().OnlyContain(r => r.Success, $"every benchmark of {suite} must run");
    }
}
