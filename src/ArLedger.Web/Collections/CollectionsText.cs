using ArLedger.Activities;
using ArLedger.Disputes;
using ArLedger.Invoices;
using ArLedger.Promises;
using ArLedger.WriteOffs;

namespace ArLedger.Web.Collections;

/// <summary>The English words for statuses and kinds of collections work; each is also the key of its French text.</summary>
public static class CollectionsText
{
    public static string Name(DisputeStatus status) => status switch
    {
        DisputeStatus.Open => "Unresolved",
        DisputeStatus.ResolvedByCreditNote => "Credit note granted",
        DisputeStatus.Rejected => "Rejected",
    };

    public static string Badge(DisputeStatus status) => status switch
    {
        DisputeStatus.Open => "text-bg-warning",
        DisputeStatus.ResolvedByCreditNote => "text-bg-success",
        DisputeStatus.Rejected => "text-bg-secondary",
    };

    public static string Name(PromiseStatus status) => status switch
    {
        PromiseStatus.Pending => "Pending",
        PromiseStatus.Kept => "Kept",
        PromiseStatus.Broken => "Broken",
        PromiseStatus.Cancelled => "Cancelled",
    };

    public static string Badge(PromiseStatus status) => status switch
    {
        PromiseStatus.Pending => "text-bg-info",
        PromiseStatus.Kept => "text-bg-success",
        PromiseStatus.Broken => "text-bg-danger",
        PromiseStatus.Cancelled => "text-bg-secondary",
    };

    public static string Name(PlanStatus status) => status switch
    {
        PlanStatus.OnTrack => "On track",
        PlanStatus.Late => "Late",
        PlanStatus.Completed => "Completed",
        PlanStatus.Cancelled => "Cancelled",
    };

    public static string Badge(PlanStatus status) => status switch
    {
        PlanStatus.OnTrack => "text-bg-success",
        PlanStatus.Late => "text-bg-danger",
        PlanStatus.Completed => "text-bg-primary",
        PlanStatus.Cancelled => "text-bg-secondary",
    };

    public static string Name(WriteOffStatus status) => status switch
    {
        WriteOffStatus.Proposed => "Awaiting approval",
        WriteOffStatus.Approved => "Approved",
        WriteOffStatus.Rejected => "Rejected",
    };

    public static string Badge(WriteOffStatus status) => status switch
    {
        WriteOffStatus.Proposed => "text-bg-warning",
        WriteOffStatus.Approved => "text-bg-success",
        WriteOffStatus.Rejected => "text-bg-secondary",
    };

    // A credit note waiting for a manager reads as a write-off does: the two decisions share their words.
    public static string Name(CreditNoteProposalStatus status) => Name(Enum.Parse<WriteOffStatus>(status.ToString()));

    public static string Badge(CreditNoteProposalStatus status) => Badge(Enum.Parse<WriteOffStatus>(status.ToString()));

    public static string Name(ActivityKind kind) => kind switch
    {
        ActivityKind.Note => "Note",
        ActivityKind.Call => "Call",
        ActivityKind.Email => "Email",
        ActivityKind.Letter => "Letter",
        ActivityKind.Statement => "Statement",
    };

    public static string Icon(ActivityKind kind) => kind switch
    {
        ActivityKind.Note => "bi-sticky",
        ActivityKind.Call => "bi-telephone",
        ActivityKind.Email => "bi-envelope",
        ActivityKind.Letter => "bi-file-earmark-text",
        ActivityKind.Statement => "bi-file-earmark-spreadsheet",
    };

    public static string Name(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Reached => "Reached",
        CallOutcome.NoAnswer => "No answer",
        CallOutcome.Promised => "Promised",
        CallOutcome.Disputed => "Disputed the debt",
    };
}
