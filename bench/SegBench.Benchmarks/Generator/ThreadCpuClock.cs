using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SegBench.Benchmarks.Generator;

/// <summary>
/// The CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), so a stage's cost
/// excludes the time the thread spent descheduled while other processes (compilers, other
/// benchmarks) used the cores. Falls back to the wall clock elsewhere, which says so.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3;

    /// <summary>True when the thread CPU clock is in use (else the wall clock).</summary>
    public static bool IsCpuTime { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    /// <summary>Seconds of CPU time the thread has used, or wall seconds without the CPU clock.</summary>
    public static double Now() => IsCpuTime && TryRead(out var seconds) ? seconds : Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;

    private static bool TryRead(out double seconds)
    {
        try
        {
            if (NativeMethods.clock_gettime(ThreadCpuTimeId, out var time) == 0)
            {
                seconds = time.Seconds + (time.Nanoseconds * 1e-9);
                return true;
            }
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }

        seconds = 0;
        return false;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static partial class NativeMethods
    {
        [DllImport("libc", EntryPoint = "clock_gettime")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int clock_gettime(int clock, out TimeSpec time);
    }
}
