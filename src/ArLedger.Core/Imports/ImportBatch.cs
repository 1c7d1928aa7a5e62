using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArLedger.Imports;

/// <summary>What a file creates, in the order a book is built: customers first, then their invoices, then payments.</summary>
public enum ImportKind
{
    Customers,
    Invoices,
    Payments,
}

public enum ImportStatus
{
    /// <summary>Checked and waiting for the clerk to confirm.</summary>
    Previewed,
    /// <summary>Every row is in the book (or was already).</summary>
    Imported,
}

/// <summary>
/// An uploaded CSV file, kept byte for byte from the preview to the import so the confirm step imports what the
/// clerk saw checked, never something the browser sends again. The counts and report are those of the latest check.
/// </summary>
public class ImportBatch
{
    public long Id { get; set; }
    public ImportKind Kind { get; set; }
    public required string FileName { get; set; }
    public required byte[] Content { get; set; }
    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>; the database checks that they agree.</summary>
    public required string Sha256 { get; set; }
    public ImportStatus Status { get; set; }
    public int RowCount { get; set; }
    public int CreateCount { get; set; }
    public int SkipCount { get; set; }
    public int ErrorCount { get; set; }
    /// <summary>An <see cref="ImportReport"/> as JSON.</summary>
    public required string Report { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
    public DateTimeOffset? ImportedAt { get; set; }
    public string? ImportedBy { get; set; }
}

sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> e)
    {
        e.Property(x => x.Report).HasColumnType("jsonb");
        e.HasIndex(x => x.CreatedAt);
    }
}
