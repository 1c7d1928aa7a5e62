using ArLedger.Customers;
using ArLedger.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArLedger.Mail;

public enum OutboxStatus
{
    /// <summary>Waiting for <see cref="OutboxMessage.NextAttemptAt"/>.</summary>
    Pending,
    /// <summary>Claimed by a dispatcher until <see cref="OutboxMessage.LeaseUntil"/>; claimable again once that passes.</summary>
    Sending,
    Sent,
    /// <summary>Parked after the last attempt failed; only a person re-sends it.</summary>
    Failed,
}

/// <summary>
/// An email waiting to be sent, written in the same transaction as the business change that calls for it, so
/// neither happens without the other. Its attachment is an archived document, read when the message is sent.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    /// <summary>Unique: 'statement:2026-10:C00042'. Enqueueing the same key again returns the first message.</summary>
    public required string CorrelationKey { get; set; }
    /// <summary>One address, or several separated by commas.</summary>
    public required string ToAddress { get; set; }
    public string? CcAddress { get; set; }
    public required string Subject { get; set; }
    public required string BodyText { get; set; }
    public string? BodyHtml { get; set; }
    public long? ArchivedDocumentId { get; set; }
    public string? AttachmentFileName { get; set; }
    public long? CustomerId { get; set; }
    /// <summary>The message this one sends again, when a person re-sent a sent message.</summary>
    public long? ResendOfId { get; set; }
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    /// <summary>Attempts started so far, counted when a dispatcher claims the message.</summary>
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LockedBy { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.HasIndex(x => x.CorrelationKey).IsUnique();
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        e.HasOne<ArchivedDocument>().WithMany().HasForeignKey(x => x.ArchivedDocumentId);
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId);
        e.HasOne<OutboxMessage>().WithMany().HasForeignKey(x => x.ResendOfId);
    }
}
