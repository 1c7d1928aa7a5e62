namespace ArLedger.Invoices;

public enum CreditNoteProposalStatus
{
    Proposed,
    Approved,
    Rejected,
}

/// <summary>
/// A credit note a clerk asked for that gives more than a clerk may give alone (<see cref="CreditNoteApproval"/>):
/// nothing is posted until a manager other than its author approves it, and then it is posted as that manager,
/// exactly as the clerk sent it (<see cref="Command"/>).
/// </summary>
public class CreditNoteProposal
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long? InvoiceId { get; set; }
    /// <summary>The dispute this credit note would resolve; it stays open until the decision.</summary>
    public long? DisputeId { get; set; }
    public DateOnly CreditNoteDate { get; set; }
    public decimal NetAmount { get; set; }
    public decimal VatAmount { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public string? Reason { get; set; }
    /// <summary>The <see cref="PostCreditNote"/> as sent, in JSON.</summary>
    public required string Command { get; set; }
    public CreditNoteProposalStatus Status { get; set; }
    public required string ProposedBy { get; set; }
    public DateTimeOffset ProposedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    /// <summary>The credit note posted on approval.</summary>
    public long? CreditNoteId { get; set; }
    public string? ExternalId { get; set; }
}
