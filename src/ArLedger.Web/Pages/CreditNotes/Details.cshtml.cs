using ArLedger.Audit;
using ArLedger.Customers;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using ArLedger.Web.Pages.Payments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.CreditNotes;

/// <summary>One credit note: its lines, the invoice it credits, where it was applied (reversible) and what is left to apply.</summary>
public sealed class DetailsModel(ArLedgerDbContext db, AllocationHistory allocationHistory, DocumentHistory history,
    Allocations allocations, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Number { get; set; } = "";

    public CreditNote Note { get; private set; } = null!;
    public Customer Customer { get; private set; } = null!;
    public string? InvoiceNumber { get; private set; }
    public IReadOnlyList<AllocationLine> Allocations { get; private set; } = [];
    public IReadOnlyList<AuditEvent> History { get; private set; } = [];
    public long? FailedReversal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReverseAsync(long allocationId, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        var done = await AllocationsPanel.ReverseAsync(allocations, Allocations, Note.Currency, allocationId, reason, ModelState, t, ct);
        if (done is null)
        {
            FailedReversal = allocationId;
            return Page();
        }
        TempData["Flash"] = done;
        return RedirectToPage(new { number = Number });
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        var note = await db.CreditNotes.AsNoTracking().Include(n => n.Lines).SingleOrDefaultAsync(n => n.Number == Number, ct);
        if (note is null)
            return false;
        Note = note;
        Customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == note.CustomerId, ct);
        InvoiceNumber = note.InvoiceId is { } id ? await db.Invoices.Where(i => i.Id == id).Select(i => i.Number).SingleOrDefaultAsync(ct) : null;
        Allocations = await allocationHistory.OfDocumentAsync(note.Id, ct);
        History = await history.OfDocumentAsync(note.Id, ct);
        return true;
    }
}
