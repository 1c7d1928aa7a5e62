namespace ArLedger.Testing;

/// <summary>A clock a test sets and moves; every service takes TimeProvider, so no test waits for real time.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public TestClock() : this(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero)) { }

    public DateTimeOffset Now { get; set; } = now;

    /// <summary>The company's business date now (Paris), as the app's calendar reads it.</summary>
    public DateOnly Today => Calendar.Today;

    /// <summary>The company's calendar over this clock, in the default zone.</summary>
    public BusinessCalendar Calendar => new(this);

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
    public void AdvanceDays(int days) => Now = Now.AddDays(days);

    /// <summary>Services that read "today" take the calendar; tests hand them the clock they move.</summary>
    public static implicit operator BusinessCalendar(TestClock clock) => clock.Calendar;
}
