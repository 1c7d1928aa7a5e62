using ArLedger.Audit;
using ArLedger.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Disputes;

public sealed record CommentOnDispute(long DisputeId, string Body);

/// <summary>Gives a dispute to the person who will work on it; null leaves it with nobody.</summary>
public sealed record AssignDispute(long DisputeId, long? OwnerId);

public sealed class CommentOnDisputeValidator : InputValidator<CommentOnDispute>
{
    public CommentOnDisputeValidator()
    {
        RuleFor(x => x.Body).NotEmpty().WithMessage(DisputeFollowUp.CommentRequired).MaximumLength(4000);
    }
}

/// <summary>The work on an open dispute between opening and resolving it: comments and who owns it.</summary>
public sealed class DisputeFollowUp(ArLedgerDbContext db, TimeProvider clock, Actor actor)
{
    public const string CommentRequired = "Write the comment.";
    public const string UnknownOwner = "Pick a person who signs in to ArLedger.";

    public async Task<Outcome<DisputeComment>> CommentAsync(CommentOnDispute cmd, CancellationToken ct = default)
    {
        var validation = new CommentOnDisputeValidator().Validate(cmd);
        if (!validation.IsValid)
            return Problem.FromValidation(validation);
        var dispute = await db.Disputes.AsNoTracking().SingleOrDefaultAsync(d => d.Id == cmd.DisputeId, ct);
        if (dispute is null)
            return Problem.NotFound($"No dispute with id {cmd.DisputeId}.");

        return await db.InTransactionAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var comment = new DisputeComment { DisputeId = dispute.Id, Body = cmd.Body.Trim(), CreatedAt = now, CreatedBy = actor.Name };
            db.DisputeComments.Add(comment);
            await db.SaveChangesAsync(ct);
            AuditTrail.Record(db, actor, now, "dispute.commented", nameof(Dispute), dispute.Id, dispute.CustomerId,
                after: new { CommentId = comment.Id, Comment = Shorten(comment.Body) });
            await db.SaveChangesAsync(ct);
            return Outcome<DisputeComment>.Done(comment);
        }, ct);
    }

    public Task<Outcome<Dispute>> AssignAsync(AssignDispute cmd, CancellationToken ct = default) =>
        db.InTransactionAsync(() => AssignCoreAsync(cmd, ct), ct);

    async Task<Outcome<Dispute>> AssignCoreAsync(AssignDispute cmd, CancellationToken ct)
    {
        var dispute = await db.Disputes.ForUpdate(cmd.DisputeId).SingleOrDefaultAsync(ct);
        if (dispute is null)
            return Problem.NotFound($"No dispute with id {cmd.DisputeId}.");
        string? ownerName = null;
        if (cmd.OwnerId is { } ownerId)
        {
            var owner = await db.Users.AsNoTracking().Where(u => u.Id == ownerId).Select(u => new { u.UserName }).SingleOrDefaultAsync(ct);
            if (owner is null)
                return Problem.Invalid(nameof(cmd.OwnerId), UnknownOwner);
            ownerName = owner.UserName;
        }
        if (dispute.OwnerId == cmd.OwnerId)
            return dispute;

        var before = dispute.OwnerId;
        dispute.OwnerId = cmd.OwnerId;
        AuditTrail.Record(db, actor, clock.GetUtcNow(), "dispute.assigned", nameof(Dispute), dispute.Id, dispute.CustomerId,
            before: new { OwnerId = before }, after: new { dispute.OwnerId, Owner = ownerName });
        await db.SaveChangesAsync(ct);
        return dispute;
    }

    static string Shorten(string text) => text.Length <= 200 ? text : text[..199] + "…";
}
