using ArLedger.Audit;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Bank;

/// <summary>A document a bank line stands posted as (not reversed): a payment for money in, a refund for money out.</summary>
public sealed record PostedDocument(long DocumentId, Ledger.DocumentKind Kind, string Number, long CustomerId, decimal Amount);

/// <summary>A statement's lines, what each stands posted as, and the figures the reconciliation page shows at its top.</summary>
public sealed record StatementView(BankStatement Statement, BankAccount Account, IReadOnlyList<BankLine> Lines,
    IReadOnlyDictionary<long, List<PostedDocument>> Posted)
{
    public IReadOnlyList<PostedDocument> PostedOf(BankLine line) => Posted.TryGetValue(line.Id, out var documents) ? documents : [];

    public decimal Settled => Lines.Where(l => l.IsSettled).Sum(l => Math.Abs(l.Amount));
    public decimal Remaining => Lines.Where(l => !l.IsSettled).Sum(l => Math.Abs(l.Amount));
    public bool AllSettled => Lines.All(l => l.IsSettled);
}

/// <summary>An open item found for a clerk matching a bank line by hand.</summary>
public sealed record OpenItemFound(string Number, Ledger.DocumentKind Kind, string CustomerAccount, string CustomerName, DateOnly DueDate, decimal Open);

/// <summary>Reading statements and their lines, confirming a statement that does not balance, and closing one once every line is settled.</summary>
public sealed class BankStatements(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor)
{
    public async Task<StatementView?> FindAsync(long id, CancellationToken ct = default)
    {
        var statement = await db.Set<BankStatement>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (statement is null)
            return null;
        var account = await db.Set<BankAccount>().AsNoTracking().SingleAsync(a => a.Id == statement.BankAccountId, ct);
        var lines = await db.Set<BankLine>().AsNoTracking().Where(l => l.BankStatementId == id).OrderBy(l => l.Position).ToListAsync(ct);
        var posted = await (from p in db.Set<BankLinePosting>().AsNoTracking()
                            join l in db.Set<BankLine>() on p.BankLineId equals l.Id
                            join d in db.Documents on p.PaymentId equals d.Id
                            where l.BankStatementId == id && p.ReversedAt == null
                            orderby p.Id
                            select new { p.BankLineId, Document = new PostedDocument(d.Id, d.Kind, d.Number, p.CustomerId, p.Amount) })
            .ToListAsync(ct);
        return new StatementView(statement, account, lines,
            posted.GroupBy(p => p.BankLineId).ToDictionary(g => g.Key, g => g.Select(p => p.Document).ToList()));
    }

    /// <summary>The latest statements, newest first, with the lines of each still waiting.</summary>
    public async Task<IReadOnlyList<(BankStatement Statement, int Waiting)>> RecentAsync(long? accountId, int count, CancellationToken ct = default)
    {
        var rows = await db.Set<BankStatement>().AsNoTracking().Where(s => accountId == null || s.BankAccountId == accountId)
            .OrderByDescending(s => s.ToDate).ThenByDescending(s => s.Id).Take(count)
            .Select(s => new { s, Waiting = db.Set<BankLine>().Count(l => l.BankStatementId == s.Id && (l.Status == BankLineStatus.ToIdentify || l.Status == BankLineStatus.Proposed)) })
            .ToListAsync(ct);
        return rows.Select(r => (r.s, r.Waiting)).ToList();
    }

    /// <summary>
    /// Open items of any customer for a clerk matching a line by hand: by document number (its start), customer account
    /// or name; the oldest due first, at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<OpenItemFound>> OpenItemsAsync(string? text, int limit = 20, CancellationToken ct = default)
    {
        var q = text?.Trim() ?? "";
        if (q.Length < 2)
            return [];
        var like = q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        return await (from d in db.Documents.AsNoTracking()
                      join c in db.Customers.AsNoTracking() on d.CustomerId equals c.Id
                      where d.ReversedAt == null && d.Amount - d.AllocatedAmount - d.WrittenOffAmount > 0
                          && Ledger.DocumentKinds.Debits.Contains(d.Kind)
                          && (EF.Functions.ILike(d.Number, like + "%") || c.AccountNumber == q || EF.Functions.ILike(c.Name, "%" + like + "%"))
                      orderby ((Ledger.DebitDocument)d).DueDate, d.Id
                      select new OpenItemFound(d.Number, d.Kind, c.AccountNumber, c.Name, ((Ledger.DebitDocument)d).DueDate,
                          d.Amount - d.AllocatedAmount - d.WrittenOffAmount))
            .Take(limit).ToListAsync(ct);
    }

    /// <summary>Lines waiting for a clerk in the whole book: the home page's tile.</summary>
    public Task<int> WaitingAsync(CancellationToken ct = default) =>
        db.Set<BankLine>().CountAsync(l => l.Status == BankLineStatus.ToIdentify || l.Status == BankLineStatus.Proposed, ct);

    /// <summary>A clerk confirms a statement that does not balance (the bank's file is what it is), so it can be closed.</summary>
    public async Task<Outcome<BankStatement>> ConfirmBalanceAsync(long id, CancellationToken ct = default)
    {
        var statement = await db.Set<BankStatement>().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (statement is null)
            return Problem.NotFound($"No bank statement with id {id}.");
        if (statement.Balanced || statement.BalanceConfirmedAt is not null)
            return statement;
        statement.BalanceConfirmedAt = calendar.Now;
        statement.BalanceConfirmedBy = actor.Name;
        AuditTrail.Record(db, actor, calendar.Now, "bank-statement.balance-confirmed", nameof(BankStatement), id, after: new { statement.Difference });
        await db.SaveChangesAsync(ct);
        return statement;
    }

    public async Task<Outcome<BankStatement>> CloseAsync(long id, CancellationToken ct = default)
    {
        var view = await FindAsync(id, ct);
        if (view is null)
            return Problem.NotFound($"No bank statement with id {id}.");
        if (!view.Statement.Balanced && view.Statement.BalanceConfirmedAt is null)
            return Problem.Refused($"The statement does not balance (difference {view.Statement.Difference}): confirm it before closing it.");
        if (!view.AllSettled)
            return Problem.Refused($"{view.Lines.Count(l => !l.IsSettled)} lines still wait: settle every line before closing the statement.");
        var statement = await db.Set<BankStatement>().SingleAsync(s => s.Id == id, ct);
        if (statement.ClosedAt is not null)
            return statement;
        statement.ClosedAt = calendar.Now;
        statement.ClosedBy = actor.Name;
        AuditTrail.Record(db, actor, calendar.Now, "bank-statement.closed", nameof(BankStatement), id);
        await db.SaveChangesAsync(ct);
        return statement;
    }
}
