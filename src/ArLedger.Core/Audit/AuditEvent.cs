namespace ArLedger.Audit;

/// <summary>A line of the audit trail (piste d'audit): who did what, when, with the state before and after.</summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public long? CustomerId { get; set; }
    /// <summary>JSON of the state before the change, if any.</summary>
    public string? Before { get; set; }
    /// <summary>JSON of the state after the change, if any.</summary>
    public string? After { get; set; }
    public string? RemoteAddress { get; set; }
}
