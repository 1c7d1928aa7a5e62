namespace ArLedger.Dunning;

/// <summary>How a level's letter leaves: by email with the PDF attached, or printed and posted.</summary>
public enum DunningChannel
{
    Email,
    Post,
}

/// <summary>What sending a level's letter does besides the letter.</summary>
public enum FinalAction
{
    None,
    /// <summary>The customer is marked in litigation (contentieux) and gets no further letters.</summary>
    Litigation,
}

/// <summary>
/// One level of the dunning policy: when it applies (days after the due date, days since the invoice's previous
/// letter, a minimum overdue amount), what its letter claims (a fixed fee, late interest, the 40 EUR recovery
/// compensation), how it leaves, whether a person approves it first, and what it does at the end.
/// </summary>
public class DunningLevel
{
    public long Id { get; set; }
    /// <summary>1 for the first letter; an invoice climbs the levels one at a time.</summary>
    public int LevelNo { get; set; }
    public required string Name { get; set; }
    public int DaysAfterDue { get; set; }
    public int MinDaysSincePrevious { get; set; }
    public decimal MinOverdueAmount { get; set; }
    public DunningChannel Channel { get; set; }
    /// <summary>Charged once per letter, as a fee document.</summary>
    public decimal FixedFee { get; set; }
    public bool ClaimsInterest { get; set; }
    /// <summary>Claims the fixed recovery compensation (D441-5) once for each invoice of the letter.</summary>
    public bool ClaimsCompensation { get; set; }
    public bool NeedsApproval { get; set; }
    /// <summary>Days the letter gives to pay, printed as {deadline_date}; 0 sets no deadline.</summary>
    public int PaymentDeadlineDays { get; set; }
    public FinalAction FinalAction { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public List<LetterTemplate> Templates { get; set; } = [];

    public LetterTemplate? TemplateFor(string language) =>
        Templates.FirstOrDefault(t => t.Language == language) ?? Templates.FirstOrDefault(t => t.Language == "fr") ?? Templates.FirstOrDefault();
}

/// <summary>The subject and body of a level's letter in one language, with placeholders such as {total_due}.</summary>
public class LetterTemplate
{
    public long Id { get; set; }
    public long LevelId { get; set; }
    public required string Language { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
}
