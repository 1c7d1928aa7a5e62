using ArLedger.Audit;
using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Payments;

/// <summary>One payment: how and when it came in, the invoices it settles (reversible), and the cash still unapplied.</summary>
public sealed class DetailsModel(ArLedgerDbContext db, AllocationHistory allocationHistory, DocumentHistory history,
    Allocations allocations, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Number { get; set; } = "";

    public Payment Payment { get; private set; } = null!;
    public Customer Customer { get; private set; } = null!;
    public IReadOnlyList<AllocationLine> Allocations { get; private set; } = [];
    public IReadOnlyList<AuditEvent> History { get; private set; } = [];
    public long? FailedReversal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReverseAsync(long allocationId, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        var done = await AllocationsPanel.ReverseAsync(allocations, Allocations, Payment.Currency, allocationId, reason, ModelState, t, ct);
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
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Number == Number, ct);
        if (payment is null)
            return false;
        Payment = payment;
        Customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == payment.CustomerId, ct);
        Allocations = await allocationHistory.OfDocumentAsync(payment.Id, ct);
        History = await history.OfDocumentAsync(payment.Id, ct);
        return true;
    }
}
