namespace ArLedger.Testing;

/// <summary>A clock a test sets and moves; every service takes TimeProvider, so no test waits for real time.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public TestClock() : this(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero)) { }

    public DateTimeOffset Now { get; set; } = now;
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
    public void AdvanceDays(int days) => Now = Now.AddDays(days);
}
