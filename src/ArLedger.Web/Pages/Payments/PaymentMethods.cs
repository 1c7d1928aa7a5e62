using ArLedger.Payments;

namespace ArLedger.Web.Pages.Payments;

/// <summary>Payment methods in words (English, the key of the French text).</summary>
public static class PaymentMethods
{
    public static string Name(PaymentMethod method) => method switch
    {
        PaymentMethod.Transfer => "Bank transfer",
        PaymentMethod.DirectDebit => "Direct debit",
        PaymentMethod.Cheque => "Cheque",
        PaymentMethod.Card => "Card",
        PaymentMethod.Cash => "Cash",
        PaymentMethod.Other => "Other",
    };
}
