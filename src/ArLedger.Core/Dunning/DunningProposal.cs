namespace ArLedger.Dunning;

public enum ProposalStatus
{
    /// <summary>Waiting for approval (or for the run to send it, when its level needs none).</summary>
    Proposed,
    Sent,
    /// <summary>A person took it out of the run, with a reason.</summary>
    Excluded,
    /// <summary>A later run proposed its invoices again, or they were dunned at this level meanwhile.</summary>
    Superseded,
}

/// <summary>
/// A letter the run proposes for one customer and level on an as-of date, with the invoices it chases. What it
/// claims is fixed here, so the preview, the approval and the letter sent agree to the cent.
/// </summary>
public class DunningProposal
{
    public long Id { get; set; }
    public DateOnly AsOf { get; set; }
    public long CustomerId { get; set; }
    public int LevelNo { get; set; }
    public required string LevelName { get; set; }
    public required string Currency { get; set; }
    public DunningChannel Channel { get; set; }
    public string? ToAddress { get; set; }
    /// <summary>The level sends by email but the customer has no dunning address: listed for post instead.</summary>
    public bool NoEmail { get; set; }
    public bool NeedsApproval { get; set; }
    public decimal FixedFee { get; set; }
    /// <summary>Fees and interest claimed by earlier letters on these invoices and still unpaid.</summary>
    public decimal PreviousCharges { get; set; }
    public DateOnly? Deadline { get; set; }
    /// <summary>Half-years ("2026-H2") whose ECB rate is missing: their days claim no interest.</summary>
    public string[] MissingRates { get; set; } = [];
    public ProposalStatus Status { get; set; }
    public string? ExcludedReason { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateOnly? LetterDate { get; set; }
    public long? ArchivedDocumentId { get; set; }
    public long? OutboxMessageId { get; set; }
    public long? FeeDocumentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<DunningProposalItem> Items { get; set; } = [];

    /// <summary>The invoices the letter still chases: those nobody excluded.</summary>
    public IEnumerable<DunningProposalItem> Chased => Items.Where(i => i.ExcludedReason is null);
}

/// <summary>An invoice of a proposed letter and what the letter claims for it.</summary>
public class DunningProposalItem
{
    public long Id { get; set; }
    public long ProposalId { get; set; }
    public long InvoiceId { get; set; }
    public required string InvoiceNumber { get; set; }
    public DateOnly InvoiceDate { get; set; }
    public DateOnly DueDate { get; set; }
    public decimal InvoiceAmount { get; set; }
    public decimal OpenAmount { get; set; }
    public decimal DisputedAmount { get; set; }
    /// <summary>Open minus disputed: the principal the letter claims.</summary>
    public decimal AmountDue { get; set; }
    public int DaysOverdue { get; set; }
    public decimal Interest { get; set; }
    public DateOnly? InterestFrom { get; set; }
    public DateOnly? InterestThrough { get; set; }
    public decimal Compensation { get; set; }
    /// <summary>Why the invoice is at the letter's level; null on proposals made before the run said so.</summary>
    public LevelChoice? LevelChoice { get; set; }
    public string? ExcludedReason { get; set; }
    public string? ExcludedBy { get; set; }
    public DateTimeOffset? ExcludedAt { get; set; }
}

/// <summary>Why the run chases nobody (or not an invoice); each is shown with its reason on the review page.</summary>
public enum ExclusionReason
{
    Disputed,
    PromiseToPay,
    PaymentPlan,
    /// <summary>No longer given: a credit hold does not stop dunning. Kept so that the exclusions of earlier runs still read.</summary>
    OnHold,
    InLitigation,
    Paused,
    UnappliedCash,
    BelowMinimum,
    TooSoon,
    /// <summary>Late enough for litigation, but no formal notice was sent yet or its payment deadline has not passed.</summary>
    FormalNoticePending,
}

/// <summary>
/// Something the run left out on an as-of date: a whole customer (no invoice) or one invoice, with the reason and
/// the figure behind it (the amount concerned, and a date: paused until, promised for, next letter possible on).
/// </summary>
public class DunningExclusion
{
    public long Id { get; set; }
    public DateOnly AsOf { get; set; }
    public long CustomerId { get; set; }
    public long? InvoiceId { get; set; }
    public int? LevelNo { get; set; }
    public ExclusionReason Reason { get; set; }
    public decimal? Amount { get; set; }
    public DateOnly? Until { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// A level sent for an invoice. Unique per invoice and level, and never changed: whatever runs, retries or catches
/// up, an invoice gets each level's letter once.
/// </summary>
public class DunningNotice
{
    public long Id { get; set; }
    public long InvoiceId { get; set; }
    public int LevelNo { get; set; }
    public long CustomerId { get; set; }
    public long ProposalId { get; set; }
    public DateOnly AsOf { get; set; }
    public DateOnly LetterDate { get; set; }
    /// <summary>The last day late interest was claimed for; the next claim starts the day after.</summary>
    public DateOnly? InterestThrough { get; set; }
    public long? InterestDocumentId { get; set; }
    public long? CompensationDocumentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
