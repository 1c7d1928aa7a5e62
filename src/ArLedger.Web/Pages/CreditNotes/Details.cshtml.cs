using ArLedger.Audit;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using ArLedger.Web.Pages.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.CreditNotes;

/// <summary>One credit note: its lines, the invoice it credits, where it was applied (reversible) and what is left to apply.</summary>
public sealed class DetailsModel(ArLedgerDbContext db, AllocationHistory allocationHistory, DocumentHistory history,
    Allocations allocations, IStringLocalizer<Texts> t) : DocumentPage(db, allocationHistory, history, allocations, t)
{
    public CreditNote Note { get; private set; } = null!;
    public string? InvoiceNumber { get; private set; }

    protected override async Task<Document?> LoadDocumentAsync(CancellationToken ct)
    {
        var note = await Db.CreditNotes.AsNoTracking().Include(n => n.Lines).SingleOrDefaultAsync(n => n.Number == Number, ct);
        if (note is null)
            return null;
        Note = note;
        InvoiceNumber = note.InvoiceId is { } id ? await Db.Invoices.Where(i => i.Id == id).Select(i => i.Number).SingleOrDefaultAsync(ct) : null;
        return note;
    }
}
