namespace ArLedger.Dunning;

/// <summary>
/// A customer's dunning state, in a table of its own so that dunning never writes to customers: a pause until a
/// date with its reason, the hand-over to litigation, and a contractual late-interest rate.
/// </summary>
public class CustomerDunningState
{
    public long CustomerId { get; set; }
    /// <summary>No letter is proposed up to and including this date.</summary>
    public DateOnly? PausedUntil { get; set; }
    public string? PauseReason { get; set; }
    public bool InLitigation { get; set; }
    public DateOnly? LitigationSince { get; set; }
    /// <summary>Annual percentage agreed in the contract; replaces the ECB rate + 10 points.</summary>
    public decimal? ContractualRate { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    public bool IsPausedOn(DateOnly date) => PausedUntil is { } until && until >= date;
}
