namespace ArLedger.Disputes;

/// <summary>A remark on a dispute by the people working on it: what the customer said, what was checked.</summary>
public class DisputeComment
{
    public long Id { get; set; }
    public long DisputeId { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}
