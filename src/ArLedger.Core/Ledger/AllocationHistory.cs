using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Ledger;

/// <summary>How an allocation was undone: the reversing row's date, reason and author.</summary>
public sealed record AllocationReversal(long Id, DateOnly Date, string? Reason, string By, DateTimeOffset At);

/// <summary>An allocation seen from one document: the document on the other side, and its reversal if any.</summary>
public sealed record AllocationLine(long Id, long OtherDocumentId, DocumentKind OtherKind, string OtherNumber, DateOnly Date,
    decimal Amount, string By, DateTimeOffset At, AllocationReversal? Reversal)
{
    public bool IsReversed => Reversal is not null;
}

/// <summary>The allocations (lettrage) of one document, oldest first, each with its reversal.</summary>
public sealed class AllocationHistory(ArLedgerDbContext db)
{
    public async Task<IReadOnlyList<AllocationLine>> OfDocumentAsync(long documentId, CancellationToken ct = default)
    {
        var rows = await db.Allocations.AsNoTracking()
            .Where(a => a.DebitDocumentId == documentId || a.CreditDocumentId == documentId)
            .OrderBy(a => a.Id)
            .ToListAsync(ct);
        var reversals = rows.Where(a => a.ReversesAllocationId is not null).ToDictionary(a => a.ReversesAllocationId!.Value);
        var otherIds = rows.Select(a => a.DebitDocumentId == documentId ? a.CreditDocumentId : a.DebitDocumentId).Distinct().ToList();
        var others = await db.Documents.AsNoTracking().Where(d => otherIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Kind, d.Number })
            .ToDictionaryAsync(d => d.Id, ct);
        return rows.Where(a => a.ReversesAllocationId is null).Select(a =>
        {
            var other = others[a.DebitDocumentId == documentId ? a.CreditDocumentId : a.DebitDocumentId];
            var reversal = reversals.GetValueOrDefault(a.Id);
            return new AllocationLine(a.Id, other.Id, other.Kind, other.Number, a.AllocationDate, a.Amount, a.CreatedBy, a.CreatedAt,
                reversal is null ? null : new AllocationReversal(reversal.Id, reversal.AllocationDate, reversal.Reason, reversal.CreatedBy, reversal.CreatedAt));
        }).ToList();
    }
}
