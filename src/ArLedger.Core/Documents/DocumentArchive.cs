using System.Security.Cryptography;
using ArLedger.Audit;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Documents;

/// <summary>A PDF to keep: its business key (kind, customer, period) and its bytes.</summary>
public sealed record DocumentToArchive(ArchivedDocumentKind Kind, long? CustomerId, string PeriodKey, string FileName, byte[] Content)
{
    public DateOnly? PeriodStart { get; init; }
    public DateOnly? PeriodEnd { get; init; }
    public string ContentType { get; init; } = "application/pdf";
}

/// <summary>An archived document without its bytes, for lists.</summary>
/// <remarks><see cref="PeriodKey"/> is the archive's business key (it can carry a run's stamp); people read the period.</remarks>
public sealed record ArchivedDocumentSummary(long Id, ArchivedDocumentKind Kind, long? CustomerId, string PeriodKey,
    string FileName, string Sha256, int Size, DateTimeOffset CreatedAt, string CreatedBy, DateOnly? PeriodStart = null, DateOnly? PeriodEnd = null);

/// <summary>
/// Keeps every PDF that is sent, once per business key. Runs on the caller's DbContext and transaction, so a
/// document and the email that carries it are committed together.
/// </summary>
public sealed class DocumentArchive(ArLedgerDbContext db, TimeProvider clock, Actor actor)
{
    /// <summary>
    /// Archives the document unless its business key already has one, and returns the archived row. When the key
    /// existed, the first document is returned unchanged (its bytes, not these): a resumed run sends what was
    /// archived the first time. Concurrent callers with one key get one row.
    /// </summary>
    public async Task<ArchivedDocument> ArchiveAsync(DocumentToArchive document, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(document.PeriodKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(document.FileName);
        var sha256 = Sha256Hex(document.Content);
        var kind = document.Kind.ToString();
        // ON CONFLICT rather than a check then an insert: a unique violation would abort the caller's transaction.
        await db.Database.ExecuteSqlAsync($"""
            insert into archived_documents (kind, customer_id, period_key, period_start, period_end, file_name,
                                            content_type, content, sha256, created_at, created_by)
            values ({kind}, {document.CustomerId}, {document.PeriodKey}, {document.PeriodStart}, {document.PeriodEnd},
                    {document.FileName}, {document.ContentType}, {document.Content}, {sha256}, {clock.GetUtcNow()}, {actor.Name})
            on conflict (kind, customer_id, period_key) do nothing
            """, ct);
        return await FindAsync(document.Kind, document.CustomerId, document.PeriodKey, ct)
            ?? throw new InvalidOperationException($"Archived {kind} {document.PeriodKey} is not readable after insert.");
    }

    /// <summary>
    /// Adds documents to the caller's context, saved by its next SaveChanges in one batch (a statement run's). For
    /// keys known to have no document yet: a key that has one makes that save fail, where ArchiveAsync would not.
    /// </summary>
    public IReadOnlyList<ArchivedDocument> Add(IEnumerable<DocumentToArchive> documents)
    {
        var now = clock.GetUtcNow();
        var rows = documents.Select(d => new ArchivedDocument
        {
            Kind = d.Kind,
            CustomerId = d.CustomerId,
            PeriodKey = d.PeriodKey,
            PeriodStart = d.PeriodStart,
            PeriodEnd = d.PeriodEnd,
            FileName = d.FileName,
            ContentType = d.ContentType,
            Content = d.Content,
            Sha256 = Sha256Hex(d.Content),
            CreatedAt = now,
            CreatedBy = actor.Name,
        }).ToList();
        db.ArchivedDocuments.AddRange(rows);
        return rows;
    }

    public Task<ArchivedDocument?> GetAsync(long id, CancellationToken ct = default) =>
        db.ArchivedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);

    public Task<ArchivedDocument?> FindAsync(ArchivedDocumentKind kind, long? customerId, string periodKey, CancellationToken ct = default) =>
        db.ArchivedDocuments.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Kind == kind && d.CustomerId == customerId && d.PeriodKey == periodKey, ct);

    /// <summary>A customer's archived documents, newest first, without their bytes.</summary>
    public async Task<IReadOnlyList<ArchivedDocumentSummary>> ListForCustomerAsync(long customerId, CancellationToken ct = default) =>
        await db.ArchivedDocuments.AsNoTracking()
            .Where(d => d.CustomerId == customerId)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Select(d => new ArchivedDocumentSummary(d.Id, d.Kind, d.CustomerId, d.PeriodKey, d.FileName, d.Sha256,
                d.Content.Length, d.CreatedAt, d.CreatedBy, d.PeriodStart, d.PeriodEnd))
            .ToListAsync(ct);

    public static string Sha256Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
