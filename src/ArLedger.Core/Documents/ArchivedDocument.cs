using ArLedger.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArLedger.Documents;

public enum ArchivedDocumentKind
{
    Statement,
    DunningLetter,
    Invoice,
    AgingReport,
}

/// <summary>
/// A PDF exactly as it was sent, with its hash. Rows are never updated or deleted (a trigger refuses), so the
/// archive answers "what did we send to this customer for that period?" years later; re-sending sends these bytes.
/// </summary>
public class ArchivedDocument
{
    public long Id { get; set; }
    public ArchivedDocumentKind Kind { get; set; }
    public long? CustomerId { get; set; }
    /// <summary>The business key within kind and customer: '2026-10' for the October statement.</summary>
    public required string PeriodKey { get; set; }
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
    public required string FileName { get; set; }
    public string ContentType { get; set; } = "application/pdf";
    public required byte[] Content { get; set; }
    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>; the database checks that they agree.</summary>
    public required string Sha256 { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

sealed class ArchivedDocumentConfiguration : IEntityTypeConfiguration<ArchivedDocument>
{
    public void Configure(EntityTypeBuilder<ArchivedDocument> e)
    {
        e.HasIndex(x => new { x.Kind, x.CustomerId, x.PeriodKey }).IsUnique().AreNullsDistinct(false);
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId);
    }
}
