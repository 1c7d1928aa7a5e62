using ArLedger.Audit;
using ArLedger.Ledger;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using ArLedger.Web.Pages.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Charges;

/// <summary>One fee or late-payment interest charged by dunning, or a refund paid back to the customer: what it is for, the invoice it follows, what is still open, its allocations and history.</summary>
public sealed class DetailsModel(ArLedgerDbContext db, AllocationHistory allocationHistory, DocumentHistory history,
    Allocations allocations, IStringLocalizer<Texts> t) : DocumentPage(db, allocationHistory, history, allocations, t)
{
    public DebitDocument Charge { get; private set; } = null!;
    /// <summary>The number of the invoice the charge was claimed on, when there is one.</summary>
    public string? InvoiceNumber { get; private set; }

    protected override async Task<Document?> LoadDocumentAsync(CancellationToken ct)
    {
        var charge = await Db.Documents.AsNoTracking()
            .Where(d => d.Number == Number && (d.Kind == DocumentKind.Fee || d.Kind == DocumentKind.Interest || d.Kind == DocumentKind.Refund))
            .FirstOrDefaultAsync(ct) as DebitDocument;
        var invoiceId = charge switch { Fee f => f.InvoiceId, Interest i => i.InvoiceId, _ => null };
        if (charge is null)
            return null;
        Charge = charge;
        if (invoiceId is { } id)
            InvoiceNumber = await Db.Documents.Where(d => d.Id == id).Select(d => d.Number).SingleOrDefaultAsync(ct);
        return charge;
    }
}
