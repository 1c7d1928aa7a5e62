using ArLedger.Audit;
using ArLedger.Customers;
using ArLedger.Documents;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArLedger.Dunning;

/// <summary>A letter sent: its archived PDF and, when it went by email, the outbox message carrying it.</summary>
public sealed record SentLetter(long ProposalId, ArchivedDocument Document, long? OutboxMessageId, decimal TotalDue);

/// <summary>
/// Builds and sends proposed letters. Sending one is one transaction: the fees and interest it claims are posted to
/// the ledger as debit documents, the PDF is archived exactly as sent, the email is queued in the outbox (or the
/// letter is left for post), each invoice's notice for the level is recorded (unique per invoice and level), the
/// customer's timeline gets a "dunning.letter" event, and a final level hands the customer over to litigation.
/// A proposal already sent answers with the first sending, so an interrupted run or a second click sends nothing twice.
/// </summary>
public sealed class DunningLetters(ArLedgerDbContext db, IPdfRenderer pdf, DocumentArchive archive, Company.CompanyDetails company,
    BusinessCalendar calendar, Actor actor)
{
    public const string ChangedMessage = "The invoices changed since the run (a payment, a credit note, a dispute or a letter): run the dunning again as of today.";

    /// <summary>The letter a proposal would send today, dated as <see cref="LetterDates"/> says, for the preview; nothing is written.</summary>
    public async Task<(DunningLetter Letter, LetterTemplate Template)?> BuildAsync(long proposalId, CancellationToken ct = default)
    {
        var proposal = await db.DunningProposals.AsNoTracking().Include(p => p.Items).SingleOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null)
            return null;
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == proposal.CustomerId, ct);
        var level = await LevelAsync(proposal.LevelNo, ct);
        var letter = Letter(proposal, customer, level, LetterDates.LetterDate(proposal, calendar));
        return (letter, level?.TemplateFor(letter.Customer.Language) ?? Fallback(proposal));
    }

    /// <summary>The PDF of a proposal: the archived bytes once it is sent, else the letter as it would be sent today.</summary>
    public async Task<(byte[] Pdf, string FileName)?> PdfAsync(long proposalId, CancellationToken ct = default)
    {
        var sent = await db.DunningProposals.AsNoTracking().Where(p => p.Id == proposalId && p.ArchivedDocumentId != null)
            .Select(p => p.ArchivedDocumentId).SingleOrDefaultAsync(ct);
        if (sent is { } documentId && await archive.GetAsync(documentId, ct) is { } archived)
            return (archived.Content, archived.FileName);
        var built = await BuildAsync(proposalId, ct);
        return built is { } b ? (pdf.Render(LetterLayout.Compose(b.Letter, b.Template, await company.CurrentAsync(ct))), b.Letter.FileName) : null;
    }

    public async Task<Outcome<SentLetter>> SendAsync(long proposalId, CancellationToken ct = default)
    {
        var sent = await db.InTransactionAsync(() => SendLockedAsync(proposalId, ct), ct);
        if (sent.Problem?.Message == ChangedMessage)
        {
            // The refusal rolled the sending back; the letter is set aside on its own so nobody approves it again.
            db.ChangeTracker.Clear();
            await db.DunningProposals.Where(p => p.Id == proposalId && p.Status == ProposalStatus.Proposed)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, ProposalStatus.Superseded).SetProperty(p => p.ExcludedReason, ChangedMessage)
                    .SetProperty(p => p.DecidedAt, calendar.Now).SetProperty(p => p.DecidedBy, actor.Name), ct);
        }
        return sent;
    }

    /// <summary>
    /// Sends one letter for a run, in a scope of its own so that the letter's transaction and tracked entities stay
    /// its own, as the user the run is for. A refusal sets the letter aside and the run goes on; any other problem
    /// fails the run's item, to be tried again when the run is resumed. <paramref name="approvedByManager"/> says the
    /// run's letters were checked against <see cref="LetterApproval"/> when its approver recorded them.
    /// </summary>
    public static async Task SendInScopeAsync(IServiceScopeFactory scopes, long proposalId, string requestedBy, bool approvedByManager,
        CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var actor = scope.ServiceProvider.GetRequiredService<Actor>();
        actor.Name = requestedBy;
        actor.IsManager = approvedByManager;
        var sent = await scope.ServiceProvider.GetRequiredService<DunningLetters>().SendAsync(proposalId, ct);
        if (!sent.Succeeded && sent.Problem!.Kind != ProblemKind.Refused)
            throw new InvalidOperationException(sent.Problem.Message);
    }

    async Task<Outcome<SentLetter>> SendLockedAsync(long proposalId, CancellationToken ct)
    {
        var proposal = await db.DunningProposals.ForUpdate(proposalId).Include(p => p.Items).SingleOrDefaultAsync(ct);
        if (proposal is null)
            return Problem.NotFound($"No dunning proposal with id {proposalId}.");
        if (proposal.Status == ProposalStatus.Sent)
            return Outcome<SentLetter>.Replay(new SentLetter(proposal.Id, (await archive.GetAsync(proposal.ArchivedDocumentId!.Value, ct))!,
                proposal.OutboxMessageId, 0m));
        if (proposal.Status != ProposalStatus.Proposed)
            return Problem.Refused($"This letter was {proposal.Status.ToString().ToLowerInvariant()}: it cannot be sent.");
        if (!LetterApproval.MayApprove(actor, proposal.NeedsApproval))
            return Problem.Refused(LetterApproval.ManagerOnly);
        var chased = proposal.Chased.ToList();
        if (chased.Count == 0)
            return Problem.Refused("Every invoice of this letter was excluded.");
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == proposal.CustomerId, ct);
        var level = await LevelAsync(proposal.LevelNo, ct);
        var now = calendar.Now;
        if (level is null || !await StillAsProposedAsync(proposal, chased, ct))
            return Problem.Refused(ChangedMessage);

        var letterDate = LetterDates.LetterDate(proposal, calendar);
        var deadline = LetterDates.Deadline(proposal, letterDate);
        var charges = new ChargePosting(db, calendar.Clock, actor, customer, letterDate, deadline ?? letterDate);
        var interestDocs = new Dictionary<long, long>();
        var compensationDocs = new Dictionary<long, long>();
        foreach (var item in chased)
        {
            if (item.Interest > 0)
                interestDocs[item.InvoiceId] = await charges.InterestAsync(item, ct);
            if (item.Compensation > 0)
                compensationDocs[item.InvoiceId] = await charges.CompensationAsync(item, ct);
        }
        if (proposal.FixedFee > 0)
            proposal.FeeDocumentId = await charges.FixedFeeAsync(proposal, chased[0], ct);

        var letter = Letter(proposal, customer, level, letterDate);
        var template = level.TemplateFor(letter.Customer.Language) ?? Fallback(proposal);
        // The bytes archived are the bytes mailed: the outbox reads the attachment from the archive when it sends.
        var sender = await company.CurrentAsync(ct);
        var rendered = pdf.Render(LetterLayout.Compose(letter, template, sender));
        var toArchive = new DocumentToArchive(ArchivedDocumentKind.DunningLetter, customer.Id, letter.PeriodKey, letter.FileName, rendered)
        {
            PeriodStart = proposal.AsOf,
            PeriodEnd = proposal.AsOf,
        };
        var document = await archive.ArchiveAsync(toArchive, ct);

        if (proposal.Channel == DunningChannel.Email && proposal.ToAddress is { Length: > 0 } to)
        {
            var message = await Mail.Outbox.EnqueueAsync(db, new Mail.OutboxMail(letter.CorrelationKey, to,
                LetterLayout.Subject(letter, template, sender), LetterLayout.EmailText(letter, template, sender))
            {
                Attachment = document,
                CustomerId = customer.Id,
            }, calendar.Clock, actor.Name, ct);
            await db.SaveChangesAsync(ct);
            proposal.OutboxMessageId = message.Id;
        }

        foreach (var item in chased)
        {
            db.DunningNotices.Add(new DunningNotice
            {
                InvoiceId = item.InvoiceId,
                LevelNo = proposal.LevelNo,
                CustomerId = customer.Id,
                ProposalId = proposal.Id,
                AsOf = proposal.AsOf,
                LetterDate = letterDate,
                InterestThrough = item.Interest > 0 || level.ClaimsInterest ? item.InterestThrough : null,
                InterestDocumentId = interestDocs.TryGetValue(item.InvoiceId, out var i) ? i : null,
                CompensationDocumentId = compensationDocs.TryGetValue(item.InvoiceId, out var c) ? c : null,
                CreatedAt = now,
            });
        }
        if (level.FinalAction == FinalAction.Litigation)
            await HandOverAsync(customer.Id, letterDate, now, ct);

        proposal.Status = ProposalStatus.Sent;
        proposal.SentAt = now;
        proposal.Deadline = deadline;
        proposal.LetterDate = letterDate;
        proposal.DecidedAt ??= now;
        proposal.DecidedBy ??= actor.Name;
        proposal.ArchivedDocumentId = document.Id;
        AuditTrail.Record(db, actor, now, "dunning.letter", nameof(DunningProposal), proposal.Id, customer.Id, after: new
        {
            proposal.AsOf,
            Level = proposal.LevelNo,
            proposal.LevelName,
            Channel = proposal.Channel.ToString(),
            To = proposal.ToAddress,
            Invoices = chased.Select(x => x.InvoiceNumber).ToList(),
            letter.Principal,
            letter.Interest,
            letter.Compensation,
            proposal.FixedFee,
            letter.TotalDue,
            document.FileName,
            document.Sha256,
        });
        await db.SaveChangesAsync(ct);
        return new SentLetter(proposal.Id, document, proposal.OutboxMessageId, letter.TotalDue);
    }

    /// <summary>
    /// The letter claims what the run saw; if an invoice was paid, credited, disputed or dunned at this level since,
    /// sending it would claim the wrong amount, so it is not sent.
    /// </summary>
    async Task<bool> StillAsProposedAsync(DunningProposal proposal, List<DunningProposalItem> chased, CancellationToken ct)
    {
        var ids = chased.Select(i => i.InvoiceId).ToList();
        if (await db.DunningNotices.AnyAsync(n => ids.Contains(n.InvoiceId) && n.LevelNo == proposal.LevelNo, ct))
            return false;
        var open = await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, Open = i.ReversedAt == null ? i.Amount - i.AllocatedAmount - i.WrittenOffAmount : 0m })
            .ToDictionaryAsync(x => x.Id, x => x.Open, ct);
        var disputed = await db.Disputes.AsNoTracking().Where(d => ids.Contains(d.InvoiceId) && d.Status == Disputes.DisputeStatus.Open)
            .GroupBy(d => d.InvoiceId).Select(g => new { g.Key, Amount = g.Sum(d => d.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.Amount, ct);
        return chased.All(i => open.TryGetValue(i.InvoiceId, out var o) && o - disputed.GetValueOrDefault(i.InvoiceId) == i.AmountDue);
    }

    async Task HandOverAsync(long customerId, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var state = await db.CustomerDunningStates.SingleOrDefaultAsync(s => s.CustomerId == customerId, ct);
        if (state is null)
            db.CustomerDunningStates.Add(state = new CustomerDunningState { CustomerId = customerId, UpdatedBy = actor.Name });
        var before = new { state.InLitigation, state.LitigationSince };
        state.InLitigation = true;
        state.LitigationSince ??= today;
        state.UpdatedAt = now;
        state.UpdatedBy = actor.Name;
        AuditTrail.Record(db, actor, now, "dunning.litigation", nameof(CustomerDunningState), customerId, customerId,
            before: before, after: new { state.InLitigation, state.LitigationSince });
    }

    Task<DunningLevel?> LevelAsync(int levelNo, CancellationToken ct) =>
        db.DunningLevels.AsNoTracking().Include(l => l.Templates).SingleOrDefaultAsync(l => l.LevelNo == levelNo, ct);

    static DunningLetter Letter(DunningProposal p, Customer c, DunningLevel? level, DateOnly letterDate)
    {
        var address = new[] { c.Name, c.BillingAddress.Line1, c.BillingAddress.Line2,
                $"{c.BillingAddress.PostalCode} {c.BillingAddress.City}".Trim(), c.BillingAddress.Country == "FR" ? null : c.BillingAddress.Country }
            .Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!).ToList();
        var lines = p.Chased.OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceNumber, StringComparer.Ordinal)
            .Select(i => new LetterLine(i.InvoiceNumber, i.InvoiceDate, i.DueDate, i.DaysOverdue, i.InvoiceAmount, i.AmountDue, i.Interest,
                i.Compensation, i.DisputedAmount))
            .ToList();
        return new DunningLetter(new LetterCustomer(c.Id, c.AccountNumber, c.Name, address, c.Language, c.Currency),
            p.LevelNo, p.LevelName, p.AsOf, letterDate, LetterDates.Deadline(p, letterDate), lines, p.FixedFee, p.PreviousCharges,
            level?.ClaimsInterest ?? lines.Any(l => l.Interest > 0), level?.ClaimsCompensation ?? lines.Any(l => l.Compensation > 0), p.MissingRates);
    }

    /// <summary>A level removed from the policy since the run still gets a plain letter with its invoices.</summary>
    static LetterTemplate Fallback(DunningProposal p) =>
        new() { Language = "fr", Subject = p.LevelName, Body = LetterLayout.InvoiceTable + "\n\n" + LetterLayout.PaymentDetails };
}
