using ArLedger.Audit;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Ledger;

/// <summary>Cancels a document posted in error by a reversing entry. Its allocations must be reversed first.</summary>
public sealed record ReverseDocument(long DocumentId, string Reason);

public sealed class ReverseDocumentHandler(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor)
{
    public Task<Outcome<Document>> HandleAsync(ReverseDocument cmd, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(cmd.Reason))
            return Task.FromResult<Outcome<Document>>(Problem.Invalid(nameof(cmd.Reason), "A reason is required to reverse a document."));
        return db.InTransactionAsync(() => ReverseAsync(cmd, ct), ct);
    }

    async Task<Outcome<Document>> ReverseAsync(ReverseDocument cmd, CancellationToken ct)
    {
        await BalanceLocks.ForDocumentsAsync(db, [cmd.DocumentId], ct);
        var doc = await db.Documents.ForUpdate(cmd.DocumentId).SingleOrDefaultAsync(ct);
        if (doc is null)
            return Problem.NotFound($"No document with id {cmd.DocumentId}.");
        if (doc.IsReversed)
            return Problem.Refused($"{doc.Number} is already reversed.");
        if (doc.AllocatedAmount != 0 || doc.WrittenOffAmount != 0)
            return Problem.Refused($"{doc.Number} has allocations or write-offs; reverse those first.");

        var original = await db.LedgerEntries.AsNoTracking()
            .SingleAsync(e => e.DocumentId == doc.Id && e.ReversesEntryId == null && e.WriteOffId == null, ct);
        var now = calendar.Now;
        var today = calendar.DateOf(now);
        db.LedgerEntries.Add(Posting.ReversalOf(original, today < original.EntryDate ? original.EntryDate : today, now, actor.Name, $"{doc.Number}: {cmd.Reason}"));
        doc.ReversedAt = now;
        doc.ReversalReason = cmd.Reason;
        AuditTrail.Record(db, actor, now, "document.reversed", doc.Kind.ToString(), doc.Id, doc.CustomerId,
            before: new { doc.Number, doc.Amount }, after: new { Reversed = true, cmd.Reason });
        await db.SaveChangesAsync(ct);
        return doc;
    }
}
