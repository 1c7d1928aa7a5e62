namespace ArLedger.Ledger;

/// <summary>
/// Lettrage: part of a credit document applied to a debit document of the same customer and currency.
/// Rows are never changed: an allocation is undone by a second row with the opposite amount that names it.
/// </summary>
public class Allocation
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long DebitDocumentId { get; set; }
    public long CreditDocumentId { get; set; }
    /// <summary>Positive for an allocation, negative for its reversal.</summary>
    public decimal Amount { get; set; }
    /// <summary>The business date from which the allocation counts (aging as of a past date uses it).</summary>
    public DateOnly AllocationDate { get; set; }
    public long? ReversesAllocationId { get; set; }
    public string? Reason { get; set; }
    public string? ExternalId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}
