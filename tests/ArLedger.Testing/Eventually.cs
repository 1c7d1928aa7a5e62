namespace ArLedger.Testing;

/// <summary>
/// The one way tests wait for something another process or thread does: ask again, a moment apart, until the
/// answer says so, and fail the test naming what was awaited when it still does not after the deadline (generous,
/// for a loaded machine). Time the app itself measures is driven with FakeTimeProvider instead.
/// </summary>
public static class Eventually
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    static readonly TimeSpan Default = TimeSpan.FromMinutes(5);

    /// <summary>Asks until the answer meets the condition and returns that answer.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> ask, Func<T, bool> done, string what, TimeSpan? within = null)
    {
        var limit = within ?? Default;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var answer = await ask();
            if (done(answer))
                return answer;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Still waiting for {what} after {limit}; the last answer was {answer}.");
            await Task.Delay(Interval);
        }
    }

    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null) =>
        UntilAsync(condition, ok => ok, what, within);

    public static Task<T> UntilAsync<T>(Func<T> ask, Func<T, bool> done, string what, TimeSpan? within = null) =>
        UntilAsync(() => Task.FromResult(ask()), done, what, within);
}
