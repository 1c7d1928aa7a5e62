using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Imports;

/// <summary>A batch as the pages list it: everything but the file's bytes.</summary>
public sealed record ImportBatchSummary(long Id, ImportKind Kind, string FileName, ImportStatus Status, int RowCount,
    int CreateCount, int SkipCount, int ErrorCount, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ImportedAt, string? ImportedBy);

/// <summary>A batch with its latest report, for the preview page.</summary>
public sealed record ImportBatchDetails(ImportBatchSummary Batch, long ByteCount, string Sha256, DateTimeOffset CheckedAt, ImportReport Report);

/// <summary>The imports made so far, newest first, and one batch's report.</summary>
public sealed class ImportBatches(ArLedgerDbContext db)
{
    public const int DefaultPageSize = 20;

    public async Task<Page<ImportBatchSummary>> ListAsync(ImportKind? kind, ImportStatus? status, string? fileName, int page,
        int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        var query = db.ImportBatches.AsNoTracking();
        if (kind is not null)
            query = query.Where(b => b.Kind == kind);
        if (status is not null)
            query = query.Where(b => b.Status == status);
        if (!string.IsNullOrWhiteSpace(fileName))
            query = query.Where(b => EF.Functions.ILike(b.FileName, "%" + Escape(fileName.Trim()) + "%"));
        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var items = await query.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(b => new ImportBatchSummary(b.Id, b.Kind, b.FileName, b.Status, b.RowCount, b.CreateCount, b.SkipCount,
                b.ErrorCount, b.CreatedAt, b.CreatedBy, b.ImportedAt, b.ImportedBy))
            .ToListAsync(ct);
        return new Page<ImportBatchSummary>(items, page, pageSize, total);
    }

    public async Task<ImportBatchDetails?> FindAsync(long id, CancellationToken ct = default)
    {
        var row = await db.ImportBatches.AsNoTracking().Where(b => b.Id == id)
            .Select(b => new
            {
                Summary = new ImportBatchSummary(b.Id, b.Kind, b.FileName, b.Status, b.RowCount, b.CreateCount, b.SkipCount,
                    b.ErrorCount, b.CreatedAt, b.CreatedBy, b.ImportedAt, b.ImportedBy),
                Bytes = (long)b.Content.Length,
                b.Sha256,
                b.CheckedAt,
                b.Report,
            })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : new ImportBatchDetails(row.Summary, row.Bytes, row.Sha256, row.CheckedAt, Importer.ReadReport(row.Report));
    }

    static string Escape(string s) => s.Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
