namespace ArLedger.Dunning;

/// <summary>
/// The one rule for the dates a letter states. A letter is dated the day it is sent, and its payment deadline counts
/// from that date, so a formal notice approved on Thursday for Monday's run still gives its full 8 days. A run made
/// after its as-of date (a catch-up, or a run for a past date) dates its letters by the as-of date instead, so the
/// next level follows at the policy's interval from the date the run stood for.
/// </summary>
public static class LetterDates
{
    /// <summary>The date the letter bears: the date it was sent once sent; else as of a back-dated run, or today.</summary>
    public static DateOnly LetterDate(DunningProposal proposal, BusinessCalendar calendar) =>
        proposal.LetterDate ?? (IsBackDated(proposal, calendar) ? proposal.AsOf : calendar.Today);

    /// <summary>
    /// The payment deadline for a letter of that date. Until it is sent a proposal keeps the deadline as of its run
    /// (as-of date plus the level's days); sending it moves the deadline to the letter's own date.
    /// </summary>
    public static DateOnly? Deadline(DunningProposal proposal, DateOnly letterDate) =>
        proposal.Deadline is not { } asOfDeadline ? null
        : proposal.LetterDate is not null ? asOfDeadline
        : letterDate.AddDays(asOfDeadline.DayNumber - proposal.AsOf.DayNumber);

    /// <summary>The run computed the proposal on a later day than the date it ran as of.</summary>
    public static bool IsBackDated(DunningProposal proposal, BusinessCalendar calendar) => calendar.DateOf(proposal.CreatedAt) > proposal.AsOf;
}
