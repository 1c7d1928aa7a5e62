namespace ArLedger.Disputes;

/// <summary>Motif de litige.</summary>
public enum DisputeReason
{
    Price,
    Quantity,
    Quality,
    NotReceived,
    DuplicateBilling,
    VatError,
    Other,
}

public enum DisputeStatus
{
    Open,
    ResolvedByCreditNote,
    Rejected,
}

/// <summary>A customer contests all or part of an invoice (litige); the disputed amount is held out of dunning.</summary>
public class Dispute
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long InvoiceId { get; set; }
    public decimal Amount { get; set; }
    public DisputeReason Reason { get; set; }
    public DisputeStatus Status { get; set; }
    public string? Description { get; set; }
    public long? OwnerId { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public required string OpenedBy { get; set; }
    public string? Resolution { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public long? CreditNoteId { get; set; }
    /// <summary>A credit note that would resolve the dispute and waits for a manager's approval.</summary>
    public long? PendingCreditNoteProposalId { get; set; }
    public string? ExternalId { get; set; }

    public bool IsOpen => Status == DisputeStatus.Open;
}
