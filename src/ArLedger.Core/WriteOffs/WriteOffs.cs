using ArLedger.Audit;
using ArLedger.Ledger;
using ArLedger.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.WriteOffs;

/// <summary>A clerk proposes to write off part of an invoice that will not be paid.</summary>
public sealed record ProposeWriteOff(string InvoiceNumber, decimal Amount, string Reason, string? ExternalId = null);

/// <summary>A manager other than the proposer approves (posting to the ledger) or rejects a proposed write-off.</summary>
public sealed record DecideWriteOff(long WriteOffId, bool Approve, string? Note = null);

public sealed class ProposeWriteOffValidator : InputValidator<ProposeWriteOff>
{
    public ProposeWriteOffValidator()
    {
        RuleFor(x => x.InvoiceNumber).NotEmpty();
        RuleFor(x => x.Amount).GreaterThan(0).PrecisionScale(14, 2, true);
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
        RuleFor(x => x.ExternalId).MaximumLength(100);
    }
}

public sealed class WriteOffs(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor)
{
    public const string Kind = "write-off";

    public Task<Outcome<WriteOff>> ProposeAsync(ProposeWriteOff cmd, CancellationToken ct = default)
    {
        var validation = new ProposeWriteOffValidator().Validate(cmd);
        if (!validation.IsValid)
            return Task.FromResult<Outcome<WriteOff>>(Problem.FromValidation(validation));
        return ExternalRequests.OnceAsync(db, calendar.Clock, Kind, cmd.ExternalId, cmd,
            () => ProposeCoreAsync(cmd, ct),
            async id => await db.WriteOffs.AsNoTracking().SingleAsync(w => w.Id == id, ct),
            w => w.Id, ct);
    }

    async Task<Outcome<WriteOff>> ProposeCoreAsync(ProposeWriteOff cmd, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Number == cmd.InvoiceNumber, ct);
        if (invoice is null)
            return Problem.NotFound($"No invoice {cmd.InvoiceNumber}.");
        if (cmd.Amount > invoice.OpenAmount)
            return Problem.Refused(nameof(cmd.Amount), $"{cmd.Amount} is over the open amount {invoice.OpenAmount} of {invoice.Number}.");
        var now = calendar.Now;
        var writeOff = new WriteOff
        {
            CustomerId = invoice.CustomerId,
            InvoiceId = invoice.Id,
            Amount = cmd.Amount,
            Currency = invoice.Currency,
            Reason = cmd.Reason,
            Status = WriteOffStatus.Proposed,
            ProposedBy = actor.Name,
            ProposedAt = now,
            ExternalId = cmd.ExternalId,
        };
        db.WriteOffs.Add(writeOff);
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, actor, now, "write-off.proposed", nameof(WriteOff), writeOff.Id, writeOff.CustomerId,
            after: new { Invoice = invoice.Number, writeOff.Amount, writeOff.Reason });
        await db.SaveChangesAsync(ct);
        return writeOff;
    }

    public Task<Outcome<WriteOff>> DecideAsync(DecideWriteOff cmd, CancellationToken ct = default) =>
        db.InTransactionAsync(() => DecideCoreAsync(cmd, ct), ct);

    async Task<Outcome<WriteOff>> DecideCoreAsync(DecideWriteOff cmd, CancellationToken ct)
    {
        var writeOff = await db.WriteOffs.ForUpdate(cmd.WriteOffId).SingleOrDefaultAsync(ct);
        if (writeOff is null)
            return Problem.NotFound($"No write-off with id {cmd.WriteOffId}.");
        if (writeOff.Status != WriteOffStatus.Proposed)
            return Problem.Refused($"Write-off {writeOff.Id} was already {writeOff.Status.ToString().ToLowerInvariant()}.");
        if (string.Equals(writeOff.ProposedBy, actor.Name, StringComparison.OrdinalIgnoreCase))
            return Problem.Refused("A write-off must be decided by someone other than the person who proposed it.");

        var now = calendar.Now;
        var today = calendar.DateOf(now);
        if (cmd.Approve)
        {
            await BalanceLocks.ForDocumentsAsync(db, [writeOff.InvoiceId], ct);
            var invoice = await db.Documents.ForUpdate(writeOff.InvoiceId).SingleAsync(ct);
            if (writeOff.Amount > invoice.OpenAmount)
                return Problem.Refused($"{writeOff.Amount} is now over the open amount {invoice.OpenAmount} of {invoice.Number}.");
            invoice.WrittenOffAmount += writeOff.Amount;
            writeOff.Status = WriteOffStatus.Approved;
            writeOff.WriteOffDate = today;
            db.LedgerEntries.Add(new LedgerEntry
            {
                CustomerId = writeOff.CustomerId,
                EntryDate = today,
                PostedAt = now,
                Kind = EntryKind.WriteOff,
                DocumentId = invoice.Id,
                WriteOffId = writeOff.Id,
                Debit = 0m,
                Credit = writeOff.Amount,
                Currency = writeOff.Currency,
                Description = $"{invoice.Number}: {writeOff.Reason}",
                CreatedBy = actor.Name,
            });
        }
        else
        {
            writeOff.Status = WriteOffStatus.Rejected;
        }
        writeOff.DecidedBy = actor.Name;
        writeOff.DecidedAt = now;
        writeOff.DecisionNote = cmd.Note;
        AuditTrail.Record(db, actor, now, cmd.Approve ? "write-off.approved" : "write-off.rejected", nameof(WriteOff), writeOff.Id,
            writeOff.CustomerId, before: new { Status = WriteOffStatus.Proposed }, after: new { writeOff.Status, cmd.Note });
        await db.SaveChangesAsync(ct);
        return writeOff;
    }
}
