using ArLedger.Audit;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Payments;

/// <summary>One payment: how and when it came in, the invoices it settles (reversible), and the cash still unapplied.</summary>
public sealed class DetailsModel(ArLedgerDbContext db, AllocationHistory allocationHistory, DocumentHistory history,
    Allocations allocations, IStringLocalizer<Texts> t) : DocumentPage(db, allocationHistory, history, allocations, t)
{
    public Payment Payment { get; private set; } = null!;

    protected override async Task<Document?> LoadDocumentAsync(CancellationToken ct)
    {
        var payment = await Db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Number == Number, ct);
        if (payment is null)
            return null;
        Payment = payment;
        return payment;
    }
}
