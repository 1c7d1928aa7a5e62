using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Api;

/// <summary>A document as the API reads it back: found by its number, with its customer's account number and its
/// allocations as the document's page lists them (<see cref="AllocationHistory"/>).</summary>
sealed class DocumentViews(ArLedgerDbContext db, AllocationHistory history)
{
    public async Task<InvoiceResponse?> InvoiceAsync(string number, CancellationToken ct) =>
        await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Number == number, ct) is { } i ? await OfAsync(i, ct) : null;

    public async Task<CreditNoteResponse?> CreditNoteAsync(string number, CancellationToken ct) =>
        await db.CreditNotes.AsNoTracking().Include(c => c.Lines).SingleOrDefaultAsync(c => c.Number == number, ct) is { } c ? await OfAsync(c, ct) : null;

    public async Task<PaymentResponse?> PaymentAsync(string number, CancellationToken ct) =>
        await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Number == number, ct) is { } p ? await OfAsync(p, ct) : null;

    public async Task<InvoiceResponse> OfAsync(Invoice i, CancellationToken ct) =>
        InvoiceResponse.From(i, await AccountAsync(i.CustomerId, ct), await history.OfDocumentAsync(i.Id, ct));

    public async Task<CreditNoteResponse> OfAsync(CreditNote c, CancellationToken ct) =>
        CreditNoteResponse.From(c, await AccountAsync(c.CustomerId, ct), await history.OfDocumentAsync(c.Id, ct));

    public async Task<PaymentResponse> OfAsync(Payment p, CancellationToken ct) =>
        PaymentResponse.From(p, await AccountAsync(p.CustomerId, ct), await history.OfDocumentAsync(p.Id, ct));

    public async Task<AllocationDetailResponse?> AllocationAsync(long id, CancellationToken ct)
    {
        var a = await db.Allocations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
            return null;
        var documents = await db.Documents.AsNoTracking().Where(d => d.Id == a.DebitDocumentId || d.Id == a.CreditDocumentId)
            .Select(d => new { d.Id, d.Kind, d.Number }).ToDictionaryAsync(d => d.Id, ct);
        var reversedBy = await db.Allocations.Where(r => r.ReversesAllocationId == a.Id).Select(r => (long?)r.Id).SingleOrDefaultAsync(ct);
        var (debit, credit) = (documents[a.DebitDocumentId], documents[a.CreditDocumentId]);
        return new AllocationDetailResponse(a.Id, debit.Id, debit.Kind, debit.Number, credit.Id, credit.Kind, credit.Number, a.Amount,
            a.AllocationDate, a.ReversesAllocationId, reversedBy, a.Reason, a.ExternalId, a.CreatedBy, a.CreatedAt);
    }

    Task<string> AccountAsync(long customerId, CancellationToken ct) =>
        db.Customers.Where(c => c.Id == customerId).Select(c => c.AccountNumber).SingleAsync(ct);
}
