namespace ArLedger.Web.Tests;

/// <summary>Follows a run the way a page's script does: asking again until the answer says it ended.</summary>
public static class Poll
{
    /// <summary>Asks again until the answer meets the condition (or three minutes pass, when the test's assertion tells).</summary>
    public static async Task<T> Until<T>(Func<Task<T>> ask, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var answer = await ask();
            if (done(answer) || DateTime.UtcNow > deadline)
                return answer;
            // No pause between asks: the next answer is the condition, and the app answers from memory or one row.
            await Task.Yield();
        }
    }
}
