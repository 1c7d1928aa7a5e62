namespace ArLedger.Promises;

public enum PlanStatus
{
    /// <summary>Every instalment due so far is covered by payments.</summary>
    OnTrack,
    /// <summary>An instalment fell due and the payments since the plan started do not cover it.</summary>
    Late,
    /// <summary>The planned invoices are fully paid.</summary>
    Completed,
    /// <summary>Ended by a clerk; no longer followed.</summary>
    Cancelled,
}

/// <summary>A payment plan (échéancier de paiement): the open amount of some invoices split into dated instalments.</summary>
public class PaymentPlan
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public required string Currency { get; set; }
    /// <summary>The business day the plan was agreed; payments count towards it from this day.</summary>
    public DateOnly StartsOn { get; set; }
    /// <summary>The status as last reviewed; pages compute it afresh with <see cref="PlanProgress"/>.</summary>
    public PlanStatus Status { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public List<PaymentPlanInvoice> Invoices { get; set; } = [];
    public List<PlanInstalment> Instalments { get; set; } = [];

    public bool IsFollowed => Status is PlanStatus.OnTrack or PlanStatus.Late;
}

public class PaymentPlanInvoice
{
    public long PaymentPlanId { get; set; }
    public long InvoiceId { get; set; }
}

/// <summary>One dated amount of a payment plan.</summary>
public class PlanInstalment
{
    public long Id { get; set; }
    public long PaymentPlanId { get; set; }
    public DateOnly DueDate { get; set; }
    public decimal Amount { get; set; }
}
