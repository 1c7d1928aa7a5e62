namespace ArLedger.Promises;

public enum PromiseStatus
{
    /// <summary>The promised date has not passed yet.</summary>
    Pending,
    /// <summary>Payments made since the promise cover the promised amount.</summary>
    Kept,
    /// <summary>The date passed and the payments fell short.</summary>
    Broken,
    /// <summary>Withdrawn by a clerk before its date (the customer changed their mind, a plan replaced it).</summary>
    Cancelled,
}

/// <summary>A promise to pay (promesse de paiement): an amount by a date, usually for named invoices.</summary>
public class Promise
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    /// <summary>The business day the promise was made; payments count from this day.</summary>
    public DateOnly MadeOn { get; set; }
    public DateOnly PromisedDate { get; set; }
    public PromiseStatus Status { get; set; }
    /// <summary>What had been paid towards the promise when its status was decided.</summary>
    public decimal? PaidAmount { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public List<PromiseInvoice> Invoices { get; set; } = [];

    /// <summary>A pending promise is due for a decision once the promised day is over.</summary>
    public bool IsDueForDecision(DateOnly today) => Status == PromiseStatus.Pending && PromisedDate < today;
}

/// <summary>An invoice a promise is about.</summary>
public class PromiseInvoice
{
    public long PromiseId { get; set; }
    public long InvoiceId { get; set; }
}
