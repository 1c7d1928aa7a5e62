namespace ArLedger.Ledger;

/// <summary>
/// Remembers each request that arrived from outside under an external id, with a hash of its body, so that
/// the same request again returns the original and a different body under the same id is refused.
/// </summary>
public class ExternalRequest
{
    public required string Kind { get; set; }
    public required string ExternalId { get; set; }
    public required string BodyHash { get; set; }
    public long ResourceId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
