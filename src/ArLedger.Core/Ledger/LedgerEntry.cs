namespace ArLedger.Ledger;

public enum EntryKind
{
    Invoice,
    CreditNote,
    Payment,
    Fee,
    Interest,
    WriteOff,
    Reversal,
    Refund,
}

/// <summary>
/// One append-only line of a customer's account. The database refuses UPDATE and DELETE on this table;
/// a correction is a new entry that names the one it reverses.
/// </summary>
public class LedgerEntry
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    /// <summary>The business date the entry counts from.</summary>
    public DateOnly EntryDate { get; set; }
    public DateTimeOffset PostedAt { get; set; }
    public EntryKind Kind { get; set; }
    public long? DocumentId { get; set; }
    public long? WriteOffId { get; set; }
    public long? ReversesEntryId { get; set; }
    public decimal Debit { get; set; }
    public decimal Credit { get; set; }
    public required string Currency { get; set; }
    public required string Description { get; set; }
    public required string CreatedBy { get; set; }
}
