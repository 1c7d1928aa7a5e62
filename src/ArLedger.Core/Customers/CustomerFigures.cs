namespace ArLedger.Customers;

/// <summary>What a customer owes today: balance, the overdue part, the disputed part, and cash not yet applied.</summary>
public sealed record CustomerFigures(decimal Balance, decimal Overdue, decimal Disputed, decimal UnappliedCash, decimal? CreditLimit)
{
    /// <summary>Share of the credit limit in use (1 = 100 %), or null without a limit.</summary>
    public decimal? CreditUsage => CreditLimit is > 0 ? Balance / CreditLimit : null;
    public bool OverCreditLimit => CreditLimit is { } l && Balance > l;
}
