using ArLedger.Ledger;

namespace ArLedger.Payments;

public enum PaymentMethod
{
    Transfer,
    DirectDebit,
    Cheque,
    Card,
    Cash,
    Other,
}

/// <summary>A payment received (règlement); what is not allocated is unapplied cash.</summary>
public sealed class Payment : CreditDocument
{
    public Payment() => Kind = DocumentKind.Payment;
    public PaymentMethod Method { get; set; }
    /// <summary>The bank's value date; aging and statements count the payment from this date.</summary>
    public DateOnly ValueDate { get; set; }
}
