using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArLedger.Jobs;

public enum RunStatus
{
    /// <summary>Created; its items are being listed.</summary>
    Pending,
    Running,
    Completed,
    /// <summary>Every item was tried and some failed; running the same key again retries those.</summary>
    Failed,
}

public enum RunItemStatus
{
    Pending,
    Done,
    Failed,
}

/// <summary>
/// One run of a scheduled job for one period (the run key: a statement month, a dunning or snapshot date).
/// There is one row per job and key, ever: running the key again resumes this run (invariant 6).
/// </summary>
public class JobRun
{
    public long Id { get; set; }
    public required string JobName { get; set; }
    public required string RunKey { get; set; }
    public DateOnly AsOf { get; set; }
    public RunStatus Status { get; set; }
    public int Total { get; set; }
    public int Done { get; set; }
    public int Failed { get; set; }
    public string? Error { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public TimeSpan? Duration => FinishedAt - StartedAt;
}

/// <summary>One unit of work of a run (usually a customer), claimed for a lease by the instance doing it.</summary>
public class JobRunItem
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public long ItemKey { get; set; }
    public RunItemStatus Status { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
}

sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> e)
    {
        // No DbSet names the table, so the convention would take the singular type name.
        e.ToTable("job_runs");
        e.HasIndex(x => new { x.JobName, x.RunKey }).IsUnique();
        e.HasIndex(x => x.StartedAt);
        e.Ignore(x => x.Duration);
    }
}

sealed class JobRunItemConfiguration : IEntityTypeConfiguration<JobRunItem>
{
    public void Configure(EntityTypeBuilder<JobRunItem> e)
    {
        e.ToTable("job_run_items");
        e.HasIndex(x => new { x.RunId, x.ItemKey }).IsUnique();
        e.HasOne<JobRun>().WithMany().HasForeignKey(x => x.RunId);
    }
}
