using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArLedger.Aging;

/// <summary>
/// The aging of the book as known when it was taken. Rows are never changed (a trigger refuses it), so a
/// month-end report can be reproduced whatever is back-dated afterwards.
/// </summary>
public class AgingSnapshot
{
    public long Id { get; set; }
    public DateOnly SnapshotDate { get; set; }
    public AgingBasis Basis { get; set; }
    public int[] BucketBounds { get; set; } = [];
    public DateTimeOffset TakenAt { get; set; }
    public required string TakenBy { get; set; }
}

/// <summary>A customer's aging in a snapshot, or the book's for one currency when <see cref="CustomerId"/> is null.</summary>
public class AgingSnapshotLine
{
    public long Id { get; set; }
    public long SnapshotId { get; set; }
    public long? CustomerId { get; set; }
    public required string Currency { get; set; }
    public decimal[] BucketAmounts { get; set; } = [];
    public decimal Unapplied { get; set; }
    public decimal Balance { get; set; }
}

sealed class AgingSnapshotConfiguration : IEntityTypeConfiguration<AgingSnapshot>
{
    public void Configure(EntityTypeBuilder<AgingSnapshot> e)
    {
        // No DbSet names the table, so the convention would take the singular type name.
        e.ToTable("aging_snapshots");
        e.HasIndex(x => new { x.SnapshotDate, x.Basis }).IsUnique();
    }
}

sealed class AgingSnapshotLineConfiguration : IEntityTypeConfiguration<AgingSnapshotLine>
{
    public void Configure(EntityTypeBuilder<AgingSnapshotLine> e)
    {
        e.ToTable("aging_snapshot_lines");
        e.Property(x => x.BucketAmounts).HasColumnType("numeric(14,2)[]");
        e.HasIndex(x => new { x.SnapshotId, x.CustomerId, x.Currency }).IsUnique();
        e.HasIndex(x => x.CustomerId);
        e.HasOne<AgingSnapshot>().WithMany().HasForeignKey(x => x.SnapshotId);
        e.HasOne<Customers.Customer>().WithMany().HasForeignKey(x => x.CustomerId);
    }
}
