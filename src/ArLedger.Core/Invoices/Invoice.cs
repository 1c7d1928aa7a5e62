using ArLedger.Ledger;

namespace ArLedger.Invoices;

/// <summary>An invoice (facture): net, VAT and gross totals, from lines or given as totals.</summary>
public sealed class Invoice : DebitDocument
{
    public Invoice() => Kind = DocumentKind.Invoice;
    public decimal NetAmount { get; set; }
    public decimal VatAmount { get; set; }
    public List<DocumentLine> Lines { get; set; } = [];
}

/// <summary>A credit note (avoir), against one invoice or on account.</summary>
public sealed class CreditNote : CreditDocument
{
    public CreditNote() => Kind = DocumentKind.CreditNote;
    public long? InvoiceId { get; set; }
    public decimal NetAmount { get; set; }
    public decimal VatAmount { get; set; }
    public List<DocumentLine> Lines { get; set; } = [];
}
