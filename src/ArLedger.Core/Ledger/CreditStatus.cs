namespace ArLedger.Ledger;

/// <summary>Where a payment or credit note stands: how much of it is allocated to debits.</summary>
public enum CreditStatus
{
    Unapplied,
    PartiallyApplied,
    Applied,
    Reversed,
}

public static class CreditStatuses
{
    public static CreditStatus Of(decimal amount, decimal allocated, bool reversed) =>
        reversed ? CreditStatus.Reversed
        : allocated <= 0 ? CreditStatus.Unapplied
        : allocated < amount ? CreditStatus.PartiallyApplied
        : CreditStatus.Applied;

    public static CreditStatus Of(Document d) => Of(d.Amount, d.AllocatedAmount, d.IsReversed);
}
