using ArLedger.Audit;
using ArLedger.Customers;
using ArLedger.Disputes;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using ArLedger.Web.Pages.Payments;
using ArLedger.WriteOffs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Invoices;

/// <summary>One invoice: its lines and totals, what is still open, its allocations (reversible), disputes, write-offs and history.</summary>
public sealed class DetailsModel(ArLedgerDbContext db, AllocationHistory allocationHistory, DocumentHistory history,
    Allocations allocations, TimeProvider clock, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Number { get; set; } = "";

    public Invoice Invoice { get; private set; } = null!;
    public Customer Customer { get; private set; } = null!;
    public IReadOnlyList<AllocationLine> Allocations { get; private set; } = [];
    public IReadOnlyList<Dispute> Disputes { get; private set; } = [];
    public IReadOnlyList<WriteOff> WriteOffs { get; private set; } = [];
    public IReadOnlyList<AuditEvent> History { get; private set; } = [];
    public long? FailedReversal { get; private set; }

    public DateOnly Today { get; } = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    public InvoiceStatus Status => InvoiceStatuses.Of(Invoice);
    public int DaysOverdue => InvoiceStatuses.DaysOverdue(Invoice.DueDate, Invoice.OpenAmount, Today);
    public decimal Disputed => Disputes.Where(d => d.IsOpen).Sum(d => d.Amount);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReverseAsync(long allocationId, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        var done = await AllocationsPanel.ReverseAsync(allocations, Allocations, Invoice.Currency, allocationId, reason, ModelState, t, ct);
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
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Number == Number, ct);
        if (invoice is null)
            return false;
        Invoice = invoice;
        Customer = await db.Customers.AsNoTracking().Include(c => c.PaymentTerms).SingleAsync(c => c.Id == invoice.CustomerId, ct);
        Allocations = await allocationHistory.OfDocumentAsync(invoice.Id, ct);
        Disputes = await db.Disputes.AsNoTracking().Where(d => d.InvoiceId == invoice.Id).OrderByDescending(d => d.OpenedAt).ToListAsync(ct);
        WriteOffs = await db.WriteOffs.AsNoTracking().Where(w => w.InvoiceId == invoice.Id).OrderByDescending(w => w.ProposedAt).ToListAsync(ct);
        History = await history.OfDocumentAsync(invoice.Id, ct);
        return true;
    }
}
