using ArLedger.Disputes;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.WriteOffs;

namespace ArLedger.Web.Pages.Invoices;

/// <summary>Statuses in words (English, the key of the French text) and the page of each kind of document.</summary>
public static class StatusNames
{
    /// <summary>The badge of an invoice status: its words and Bootstrap class.</summary>
    public static (string Label, string Css) Badge(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Open => ("Unpaid", "text-bg-primary"),
        InvoiceStatus.PartiallyPaid => ("Partially paid", "text-bg-info"),
        InvoiceStatus.Paid => ("Paid (invoice)", "text-bg-success"),
        InvoiceStatus.WrittenOff => ("Written off", "text-bg-secondary"),
        InvoiceStatus.Cancelled => ("Cancelled", "text-bg-dark"),
    };

    public static string Name(DisputeStatus status) => status switch
    {
        DisputeStatus.Open => "In progress",
        DisputeStatus.ResolvedByCreditNote => "Resolved by credit note",
        DisputeStatus.Rejected => "Rejected",
    };

    public static string Name(WriteOffStatus status) => status switch
    {
        WriteOffStatus.Proposed => "Awaiting approval",
        WriteOffStatus.Approved => "Approved",
        WriteOffStatus.Rejected => "Rejected",
    };

    /// <summary>The page of a document.</summary>
    public static string Href(DocumentKind kind, string number) => kind switch
    {
        DocumentKind.Invoice => "/Invoices/Details/" + Uri.EscapeDataString(number),
        DocumentKind.CreditNote => "/CreditNotes/Details/" + Uri.EscapeDataString(number),
        DocumentKind.Payment => "/Payments/Details/" + Uri.EscapeDataString(number),
        DocumentKind.Fee or DocumentKind.Interest or DocumentKind.Refund => "/Charges/Details/" + Uri.EscapeDataString(number),
    };
}
