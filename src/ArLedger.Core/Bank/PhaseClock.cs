using System.Diagnostics;
using System.Globalization;

namespace ArLedger.Bank;

/// <summary>
/// How long one phase of an import took: by the wall clock, and in CPU of the app's process (every thread, JIT and GC
/// included), which a busy machine slows less than the wall clock.
/// </summary>
public readonly record struct PhaseTime(long Ms, long CpuMs)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Ms} ms ({CpuMs} ms CPU)");
}

/// <summary>Times the phases of an import one after the other: each <see cref="Next"/> ends one and starts the next.</summary>
sealed class PhaseClock
{
    readonly Stopwatch watch = Stopwatch.StartNew();
    TimeSpan wall;
    TimeSpan cpu = Environment.CpuUsage.TotalTime;

    public PhaseTime Next()
    {
        var (nowWall, nowCpu) = (watch.Elapsed, Environment.CpuUsage.TotalTime);
        var phase = new PhaseTime((long)(nowWall - wall).TotalMilliseconds, (long)(nowCpu - cpu).TotalMilliseconds);
        (wall, cpu) = (nowWall, nowCpu);
        return phase;
    }
}
