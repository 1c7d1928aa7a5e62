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
        /// <summary>The UTC date of the clock, the day the services take as today.</summary>
        public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }
}
