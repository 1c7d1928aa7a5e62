namespace ArLedger.WriteOffs;

public enum WriteOffStatus
{
    Proposed,
    Approved,
    Rejected,
}

/// <summary>A write-off (passage en perte) of part of an invoice: proposed by a clerk, approved by another person who is a manager.</summary>
public class WriteOff
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long InvoiceId { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public required string Reason { get; set; }
    public WriteOffStatus Status { get; set; }
    public required string ProposedBy { get; set; }
    public DateTimeOffset ProposedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    /// <summary>The business date of the write-off entry once approved.</summary>
    public DateOnly? WriteOffDate { get; set; }
    public string? ExternalId { get; set; }
}
