namespace ArLedger.Dunning;

/// <summary>Why an invoice's letter is at its level; the review page says it in words.</summary>
public enum LevelChoice
{
    /// <summary>The level after the last one the invoice was sent.</summary>
    NextLevel,
    /// <summary>The invoice's first letter, at level 1: it is not late enough for more, or the policy always starts there.</summary>
    FirstLevel,
    /// <summary>The invoice's first letter, at the highest level whose days after the due date it has passed.</summary>
    Lateness,
    /// <summary>Late enough for litigation, but litigation needs a formal notice first: the first letter is the level before.</summary>
    NoticeBeforeLitigation,
}

/// <summary>A letter an invoice was sent, as the next level needs it: its level, its date and the payment deadline it gave.</summary>
public sealed record SentLevel(int LevelNo, DateOnly LetterDate, DateOnly? Deadline);

/// <summary>
/// The one rule for the level of an invoice's next letter. A first letter is at the highest level whose days after
/// the due date the invoice has passed (an invoice 170 days late is not sent a friendly reminder), unless the policy
/// always starts at level 1; later letters climb one level at a time. Handing over to litigation needs a formal
/// notice sent earlier (a letter that gave a payment deadline) whose deadline has passed, so a first letter never
/// goes straight to litigation.
/// </summary>
public static class NextDunningLevel
{
    /// <summary>The level and why, or null when the invoice is not late enough for any further letter.</summary>
    public static (DunningLevel Level, LevelChoice Why)? For(PolicySnapshot policy, int daysOverdue, IReadOnlyCollection<SentLevel> sent)
    {
        if (policy.Levels.Count == 0)
            return null;
        if (sent.Count > 0)
        {
            var last = sent.Max(s => s.LevelNo);
            var next = policy.Levels.FirstOrDefault(l => l.LevelNo > last);
            return next is null || daysOverdue < next.DaysAfterDue ? null : (next, LevelChoice.NextLevel);
        }
        var first = policy.Levels[0];
        if (daysOverdue < first.DaysAfterDue)
            return null;
        if (policy.AlwaysStartAtFirstLevel)
            return (first, LevelChoice.FirstLevel);
        var passed = policy.Levels.Where(l => l.DaysAfterDue <= daysOverdue).ToList();
        var top = passed[^1];
        if (top.FinalAction == FinalAction.Litigation)
        {
            var before = passed.LastOrDefault(l => l.FinalAction != FinalAction.Litigation);
            return before is null ? null : (before, LevelChoice.NoticeBeforeLitigation);
        }
        return (top, top.LevelNo == first.LevelNo ? LevelChoice.FirstLevel : LevelChoice.Lateness);
    }

    /// <summary>
    /// For a hand-over to litigation: the day it becomes possible, the day after the latest formal notice's deadline,
    /// or null if the invoice was never sent a formal notice. Other levels need no notice and get <paramref name="asOf"/>.
    /// </summary>
    public static DateOnly? PossibleFrom(DunningLevel level, IReadOnlyCollection<SentLevel> sent, DateOnly asOf) =>
        level.FinalAction != FinalAction.Litigation ? asOf
        : sent.Where(s => s.Deadline is not null).Select(s => (DateOnly?)s.Deadline!.Value.AddDays(1)).Max();
}

/// <summary>The policy-wide dunning settings: one row.</summary>
public class DunningSettings
{
    public const int SingleId = 1;
    public int Id { get; set; } = SingleId;
    /// <summary>The old way: every invoice's first letter is level 1, however late it is.</summary>
    public bool AlwaysStartAtFirstLevel { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
