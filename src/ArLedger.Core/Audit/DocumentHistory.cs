using System.Globalization;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Audit;

/// <summary>The audit trail of one document: its own events and those of its allocations, disputes and write-offs, newest first.</summary>
public sealed class DocumentHistory(ArLedgerDbContext db)
{
    public const int Limit = 200;

    /// <summary>Document events carry the document's class name as their entity type.</summary>
    static readonly string[] DocumentTypes = ["Invoice", "CreditNote", "Payment", "Fee", "Interest"];

    public async Task<IReadOnlyList<AuditEvent>> OfDocumentAsync(long documentId, CancellationToken ct = default)
    {
        var id = Text(documentId);
        // A reversal is recorded under the id of the allocation it undoes, so the originals' ids find both.
        var allocationIds = (await db.Allocations.AsNoTracking()
            .Where(a => (a.DebitDocumentId == documentId || a.CreditDocumentId == documentId) && a.ReversesAllocationId == null)
            .Select(a => a.Id).ToListAsync(ct)).Select(Text).ToList();
        var disputeIds = (await db.Disputes.AsNoTracking().Where(d => d.InvoiceId == documentId)
            .Select(d => d.Id).ToListAsync(ct)).Select(Text).ToList();
        var writeOffIds = (await db.WriteOffs.AsNoTracking().Where(w => w.InvoiceId == documentId)
            .Select(w => w.Id).ToListAsync(ct)).Select(Text).ToList();
        return await db.AuditEvents.AsNoTracking()
            .Where(e => (e.EntityId == id && DocumentTypes.Contains(e.EntityType))
                || (e.EntityType == "Allocation" && allocationIds.Contains(e.EntityId!))
                || (e.EntityType == "Dispute" && disputeIds.Contains(e.EntityId!))
                || (e.EntityType == "WriteOff" && writeOffIds.Contains(e.EntityId!)))
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(Limit)
            .ToListAsync(ct);
    }

    static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
