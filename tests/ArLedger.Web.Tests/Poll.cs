namespace ArLedger.Web.Tests;

/// <summary>Follows a run the way a page's script does: asking again, a moment apart, until the answer says it ended.</summary>
public static class Poll
{
    /// <summary>How long the app gets between two asks: short, as each ask is one request the app answers from one row.</summary>
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Asks again until the answer meets the condition and returns that answer; fails the test with the last answer
    /// when it still does not after <paramref name="within"/> (three minutes unless told, generous for a loaded machine).
    /// </summary>
    public static async Task<T> Until<T>(Func<Task<T>> ask, Func<T, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var answer = await ask();
            if (done(answer))
                return answer;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The condition was still not met after {within ?? TimeSpan.FromMinutes(3)}; the last answer was {answer}.");
            await Task.Delay(Interval);
        }
    }
}
