using ArLedger.Audit;
using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Payments;

/// <summary>
/// What the invoice, credit note and payment pages share: the document named in the route, its customer, its
/// allocations with a form to reverse each (<see cref="AllocationsPanel"/>), and its history.
/// </summary>
public abstract class DocumentPage(ArLedgerDbContext db, AllocationHistory allocationHistory, DocumentHistory history,
    Allocations allocations, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Number { get; set; } = "";

    public Customer Customer { get; private set; } = null!;
    public IReadOnlyList<AllocationLine> Allocations { get; private set; } = [];
    public IReadOnlyList<AuditEvent> History { get; private set; } = [];
    public long? FailedReversal { get; private set; }

    protected ArLedgerDbContext Db => db;
    protected IStringLocalizer<Texts> Localizer => t;

    /// <summary>Loads the document named by <see cref="Number"/> and what only its own page shows; null when there is none.</summary>
    protected abstract Task<Document?> LoadDocumentAsync(CancellationToken ct);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostReverseAsync(long allocationId, string? reason, CancellationToken ct)
    {
        var document = await LoadAsync(ct);
        if (document is null)
            return NotFound();
        var done = await AllocationsPanel.ReverseAsync(allocations, Allocations, document.Currency, allocationId, reason, ModelState, t, ct);
        if (done is null)
        {
            FailedReversal = allocationId;
            return Page();
        }
        TempData["Flash"] = done;
        return RedirectToPage(new { number = Number });
    }

    async Task<Document?> LoadAsync(CancellationToken ct)
    {
        var document = await LoadDocumentAsync(ct);
        if (document is null)
            return null;
        Customer = await db.Customers.AsNoTracking().Include(c => c.PaymentTerms).SingleAsync(c => c.Id == document.CustomerId, ct);
        Allocations = await allocationHistory.OfDocumentAsync(document.Id, ct);
        History = await history.OfDocumentAsync(document.Id, ct);
        return document;
    }
}
