namespace ArLedger.Testing;

/// <summary>
/// Where the tests' clocks start. Every service takes TimeProvider, and the tests hand them a FakeTimeProvider
/// they set and move, so no test waits for real time.
/// </summary>
public static class TestTime
{
    /// <summary>A Monday morning in March 2026; a test that lives at another time starts its clock there.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 16, 9, 0, 0, TimeSpan.Zero);

    extension(TimeProvider clock)
    {
        /// <summary>The company's business date on the clock (Paris), as the app's calendar reads it.</summary>
        public DateOnly Today => clock.Calendar.Today;

        /// <summary>The company's calendar over this clock, in the default zone, for services that read "today".</summary>
        public BusinessCalendar Calendar => new(clock);
    }
}
