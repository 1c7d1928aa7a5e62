using ArLedger.Jobs;

namespace ArLedger.Dunning;

/// <summary>What approving letters came to: how many were left for a manager, and either the letters sent at once
/// (<see cref="Sent"/>) or the approval run that sends a larger batch (<see cref="RunId"/>); neither when the person
/// acting could approve none of them.</summary>
public sealed record ApprovalAnswer(IReadOnlyList<long> Chosen, int ForManager, ApprovalResult? Sent, long? RunId);

/// <summary>
/// Approving the letters of a run, chosen or all those waiting, as the review page and the API do: the letters of a
/// level that needs approval only by a manager (<see cref="LetterApproval"/>), a few sent at once, more by an approval
/// run that any instance's worker carries on.
/// </summary>
public sealed class ApproveLetters(DunningReview review, DunningApproval approval, BackgroundRuns background)
{
    public async Task<ApprovalAnswer> ApproveAsync(DateOnly asOf, IReadOnlyCollection<long>? ids, string requestedBy, CancellationToken ct = default)
    {
        var (chosen, forManager) = await review.ApprovableAsync(ids ?? await review.WaitingAsync(asOf, ct), ct);
        if (chosen.Count == 0)
            return new ApprovalAnswer(chosen, forManager, null, null);
        if (chosen.Count > DunningApproval.InlineLimit)
        {
            // Recorded now, sent after the answer: a closed browser or a dropped connection stops nothing.
            var run = await approval.StartAsync(asOf, chosen, requestedBy, ct);
            background.Process(run.Id);
            return new ApprovalAnswer(chosen, forManager, null, run.Id);
        }
        return new ApprovalAnswer(chosen, forManager, await review.ApproveAsync(chosen, ct), null);
    }
}
