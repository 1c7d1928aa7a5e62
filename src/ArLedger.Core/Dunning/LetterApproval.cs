using ArLedger.Audit;

namespace ArLedger.Dunning;

/// <summary>
/// Separation of duties for letters: a level marked "needs approval" (the formal notice, the hand-over to
/// litigation) is approved by a manager only; a clerk approves the levels that need no approval. The review page,
/// the approval handler and approval runs all ask here.
/// </summary>
public static class LetterApproval
{
    public const string ManagerOnly = "Only a manager can approve a letter of a level that needs approval (formal notice, litigation).";

    public static bool MayApprove(Actor actor, bool needsApproval) => !needsApproval || actor.IsManager;
}
