using ArLedger.Audit;
using ArLedger.Disputes;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using ArLedger.Web.Pages.Payments;
using ArLedger.WriteOffs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Invoices;

/// <summary>One invoice: its lines and totals, what is still open, its allocations (reversible), disputes, write-offs and history.</summary>
public sealed class DetailsModel(ArLedgerDbContext db, AllocationHistory allocationHistory, DocumentHistory history,
    Allocations allocations, EmailInvoiceCopyHandler emailCopy, BusinessCalendar calendar, IStringLocalizer<Texts> t)
    : DocumentPage(db, allocationHistory, history, allocations, t)
{
    /// <summary>The one-time key of the "email a copy" form (<see cref="Pages.FormKey"/>): posted twice, it sends one email.</summary>
    public string CopyKey { get; } = Pages.FormKey.New();

    public Invoice Invoice { get; private set; } = null!;
    public IReadOnlyList<Dispute> Disputes { get; private set; } = [];
    public IReadOnlyList<WriteOff> WriteOffs { get; private set; } = [];

    public DateOnly Today { get; } = calendar.Today;
    public InvoiceStatus Status => InvoiceStatuses.Of(Invoice);
    public int DaysOverdue => InvoiceStatuses.DaysOverdue(Invoice.DueDate, Invoice.OpenAmount, Today);
    public decimal Disputed => Disputes.Where(d => d.IsOpen).Sum(d => d.Amount);

    public async Task<IActionResult> OnPostEmailCopyAsync(string? formKey, CancellationToken ct)
    {
        var sent = await emailCopy.HandleAsync(new EmailInvoiceCopy(Number, Pages.FormKey.ExternalId(formKey) ?? CopyKey), ct);
        if (sent.Problem is { Kind: ProblemKind.NotFound })
            return NotFound();
        TempData["Flash"] = sent.Succeeded
            ? Localizer["A copy of {0} goes to {1}.", Number, sent.Value!.ToAddress].Value
            : Localizer[sent.Problem!.Message].Value;
        return RedirectToPage(new { number = Number });
    }

    protected override async Task<Document?> LoadDocumentAsync(CancellationToken ct)
    {
        var invoice = await Db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Number == Number, ct);
        if (invoice is null)
            return null;
        Invoice = invoice;
        Disputes = await Db.Disputes.AsNoTracking().Where(d => d.InvoiceId == invoice.Id).OrderByDescending(d => d.OpenedAt).ToListAsync(ct);
        WriteOffs = await Db.WriteOffs.AsNoTracking().Where(w => w.InvoiceId == invoice.Id).OrderByDescending(w => w.ProposedAt).ToListAsync(ct);
        return invoice;
    }
}
