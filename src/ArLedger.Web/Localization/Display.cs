using System.Globalization;
using ArLedger.Disputes;
using ArLedger.Ledger;
using ArLedger.Payments;

namespace ArLedger.Web.Localization;

/// <summary>How amounts, dates and domain words are shown in the request's culture ("1 234,56 €" in French, "€1,234.56" in English).</summary>
public static class Display
{
    public static string Money(decimal amount, string currency)
    {
        var format = (NumberFormatInfo)CultureInfo.CurrentCulture.NumberFormat.Clone();
        format.CurrencySymbol = Symbol(currency);
        return amount.ToString("C2", format);
    }

    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "";

    public static string Number(int n) => n.ToString("N0", CultureInfo.CurrentCulture);

    public static string Percent(decimal ratio) => ratio.ToString("P0", CultureInfo.CurrentCulture);

    /// <summary>The symbol people write for a currency; codes without a well-known symbol show as the code.</summary>
    public static string Symbol(string currency) => currency switch
    {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        "JPY" => "¥",
        _ => currency,
    };

    // These return the English text, which is also the key of the French text in Texts.fr.resx.
    public static string Name(EntryKind kind) => kind switch
    {
        EntryKind.Invoice => "Invoice",
        EntryKind.CreditNote => "Credit note",
        EntryKind.Payment => "Payment",
        EntryKind.Fee => "Fee",
        EntryKind.Interest => "Interest",
        EntryKind.WriteOff => "Write-off",
        EntryKind.Reversal => "Reversal",
        EntryKind.Refund => "Refund",
    };

    public static string Name(DocumentKind kind) => Name(Posting.EntryKindOf(kind));

    public static string Name(PaymentPart part) => part switch
    {
        PaymentPart.Fees => "Fees",
        PaymentPart.Interest => "Interest",
        PaymentPart.Principal => "Invoices",
    };

    public static string Name(DisputeReason reason) => reason switch
    {
        DisputeReason.Price => "Price",
        DisputeReason.Quantity => "Quantity",
        DisputeReason.Quality => "Quality/damage",
        DisputeReason.NotReceived => "Not received",
        DisputeReason.DuplicateBilling => "Duplicate",
        DisputeReason.VatError => "VAT error",
        DisputeReason.Other => "Other",
    };
}
