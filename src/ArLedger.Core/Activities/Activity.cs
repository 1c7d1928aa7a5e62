namespace ArLedger.Activities;

public enum ActivityKind
{
    Note,
    Call,
    Email,
    Letter,
    Statement,
}

/// <summary>How a call to a customer went.</summary>
public enum CallOutcome
{
    Reached,
    NoAnswer,
    Promised,
    Disputed,
}

/// <summary>Something a person did about a customer (a note, a call) or a document sent to them, for the activity timeline.</summary>
public class Activity
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public ActivityKind Kind { get; set; }
    /// <summary>Only for calls.</summary>
    public CallOutcome? Outcome { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string CreatedBy { get; set; }
}
