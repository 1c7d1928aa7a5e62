using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ArLedger.Audit;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ArLedger.Bank;

/// <summary>What one statement of an imported file gave; credits and debits are both positive.</summary>
public sealed record ImportedStatement(long Id, string Account, DateOnly From, DateOnly To, decimal Opening, decimal Closing, int Lines,
    decimal Credits, decimal Debits, bool Balanced, int NewLines);

/// <summary>
/// Imports one bank file: the whole file or nothing. Each statement is attached to its account (by IBAN, RIB or the
/// bank's identifier) and checked (opening + movements = closing; one that does not is kept, flagged with its
/// difference). Every line has a stable identity, so importing the same file again, or one overlapping an earlier
/// one, adds no line. New credit lines are then matched, and posted where the match is sure enough.
/// </summary>
public sealed class BankImport(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor, BankAccounts accounts, BankMatching matching,
    ILogger<BankImport>? logger = null)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Outcome<IReadOnlyList<ImportedStatement>>> ImportAsync(string fileName, byte[] content, long? accountId = null,
        CancellationToken ct = default)
    {
        var clock = new PhaseClock();
        var given = accountId is { } id ? await db.Set<BankAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct) : null;
        if (accountId is not null && given is null)
            return Problem.Invalid("account", $"No bank account with id {accountId}.");

        BankFileFormat format;
        IReadOnlyList<FileStatement> statements;
        try
        {
            // A CSV export names no format and no account: it is read with the mapping saved for the account it is sent for.
            var csv = given is null ? null : BankAccounts.CsvMappingOf(given);
            format = BankFiles.Recognise(content) ?? (csv is not null ? BankFileFormat.Csv : BankFiles.FormatOf(content));
            statements = format == BankFileFormat.Csv
                ? [CsvStatementReader.Read(BankText.Decode(content), csv!, given!.Currency)]
                : BankFiles.Read(content, format);
        }
        catch (BankFileException e)
        {
            return Problem.Invalid("file", $"{e.Where}, {e.Field}: {e.Reason}");
        }
        var targets = new List<BankAccount>();
        foreach (var s in statements)
        {
            var named = s.Account.Iban is not null || s.Account.AccountNumber is not null || s.Account.Other is not null;
            var account = named ? await accounts.FindAsync(s.Account, ct) : given;
            if (account is null)
                return named
                    ? Problem.Refused("file", $"The file is for the account {s.Account}, which is not one of the company's bank accounts.")
                    : Problem.Invalid("account", "The file names no account: choose the bank account it is for.");
            if (given is not null && account.Id != given.Id)
                return Problem.Refused("account", $"The file is for the account {account.Name}, not {given.Name}.");
            if (account.Currency != s.Currency)
                return Problem.Refused("file", $"The statement is in {s.Currency}, the account {account.Name} in {account.Currency}.");
            targets.Add(account);
        }

        var read = clock.Next();
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var imported = new List<ImportedStatement>();
        var newLineIds = new List<long>();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Two imports of the same account wait for each other, so their lines never race on the same identity.
            foreach (var accountIdToLock in targets.Select(a => a.Id).Distinct().Order())
                await db.Database.ExecuteSqlInterpolatedAsync($"select pg_advisory_xact_lock(7118, {(int)accountIdToLock})", ct);
            for (var i = 0; i < statements.Count; i++)
            {
                var (statement, lines) = await SaveAsync(statements[i], targets[i], format, fileName, sha, ct);
                newLineIds.AddRange(lines);
                imported.Add(new ImportedStatement(statement.Id, targets[i].Display, statement.FromDate, statement.ToDate, statement.Opening,
                    statement.Closing, statements[i].Lines.Count, statements[i].Credits, statements[i].Debits, statements[i].Difference == 0, lines.Count));
            }
            AuditTrail.Record(db, actor, calendar.Now, "bank-file.imported", nameof(BankStatement), imported.FirstOrDefault()?.Id,
                after: new { fileName, sha, Statements = imported.Count, NewLines = newLineIds.Count });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        var saved = clock.Next();
        var phases = await matching.MatchAsync(newLineIds, ct);
        var matched = clock.Next();
        // The phases of a morning's import, for whoever watches how long the bank takes.
        logger?.LogInformation("Bank file {File}: read in {Read}, saved {Lines} new lines in {Saved}, matched and posted in {Matched} "
            + "(open items loaded in {Load}, {Items} items, {Queries} ms of it their queries; lines matched in {Match}, "
            + "sure matches posted in {Post}, proposals kept in {Propose})",
            fileName, read, newLineIds.Count, saved, matched, phases.Load, phases.Items, phases.LoadQueries, phases.Match, phases.Post, phases.Propose);
        return imported;
    }

    async Task<(BankStatement Statement, List<long> NewLines)> SaveAsync(FileStatement s, BankAccount account, BankFileFormat format,
        string fileName, string sha, CancellationToken ct)
    {
        var key = s.StatementId is { } sid
            ? $"id:{sid}"
            : string.Create(CultureInfo.InvariantCulture, $"{s.From:yyyy-MM-dd}/{s.To:yyyy-MM-dd}/{s.Opening}/{s.Closing}");
        var statement = await db.Set<BankStatement>().SingleOrDefaultAsync(x => x.BankAccountId == account.Id && x.StatementKey == key, ct);
        if (statement is null)
        {
            statement = new BankStatement
            {
                BankAccountId = account.Id,
                Format = format,
                FileName = fileName.Length > 200 ? fileName[..200] : fileName,
                FileSha256 = sha,
                StatementKey = key,
                FromDate = s.From,
                ToDate = s.To,
                Currency = s.Currency,
                Opening = s.Opening,
                Closing = s.Closing,
                Credits = s.Credits,
                Debits = s.Debits,
                LineCount = s.Lines.Count,
                Difference = s.Difference,
                ImportedAt = calendar.Now,
                ImportedBy = actor.Name,
            };
            db.Set<BankStatement>().Add(statement);
            await db.SaveChangesAsync(ct);
        }

        var keyed = LineKeys(account.Id, s.Lines);
        var keys = keyed.Select(k => k.Key).ToList();
        var known = (await db.Set<BankLine>().Where(l => l.BankAccountId == account.Id && keys.Contains(l.LineKey)).Select(l => l.LineKey).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var position = await db.Set<BankLine>().Where(l => l.BankStatementId == statement.Id).CountAsync(ct);
        var added = new List<BankLine>();
        foreach (var (line, lineKey) in keyed)
        {
            if (!known.Add(lineKey))
                continue;
            added.Add(new BankLine
            {
                BankStatementId = statement.Id,
                BankAccountId = account.Id,
                LineKey = lineKey,
                Position = ++position,
                BookingDate = line.BookingDate,
                ValueDate = line.ValueDate,
                Amount = line.Amount,
                Currency = s.Currency,
                OriginalAmount = line.OriginalAmount,
                OriginalCurrency = line.OriginalCurrency,
                Label = line.Label,
                Remittance = line.Remittance.Count == 0 ? null : string.Join('\n', line.Remittance),
                BankReference = line.BankReference,
                EndToEndId = line.EndToEndId,
                CounterpartyName = line.CounterpartyName,
                CounterpartyIban = line.CounterpartyIban is null ? null : AccountIdentity.NormalIban(line.CounterpartyIban),
                OperationCode = line.OperationCode,
                ReturnReason = line.ReturnReason,
                IsReversal = line.IsReversal,
                Details = JsonSerializer.Serialize(line.Details, Json),
                Status = BankLineStatus.ToIdentify,
            });
        }
        // One COPY for the statement's lines (a morning's file has thousands), their ids taken first for the matching that follows.
        var ids = await TableCopy.NextIdsAsync<BankLine>(db, added.Count, ct);
        for (var i = 0; i < added.Count; i++)
            added[i].Id = ids[i];
        await TableCopy.WriteAsync(db, added, ct);
        return (statement, ids.ToList());
    }

    /// <summary>
    /// Each line's identity in its account: the bank's reference where the format gives one, otherwise a hash of the
    /// dates, amount, label and remittance with the line's rank among identical lines, so two equal direct debits on
    /// the same day stay two lines, and the same two read from another file are the same two.
    /// </summary>
    internal static List<(FileLine Line, string Key)> LineKeys(long accountId, IReadOnlyList<FileLine> lines)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var keyed = new List<(FileLine, string)>(lines.Count);
        foreach (var line in lines)
        {
            // Some banks repeat one reference on several movements (an MT940 batch reference): the date and the
            // amount go with it, and the rank among lines alike.
            if (line.BankReference is { } reference)
            {
                var referenced = string.Create(CultureInfo.InvariantCulture, $"ref:{reference}|{line.BookingDate:yyyy-MM-dd}|{line.Amount}");
                var nth = seen[referenced] = seen.GetValueOrDefault(referenced) + 1;
                keyed.Add((line, nth == 1 ? referenced : $"{referenced}|{nth}"));
                continue;
            }
            var identity = string.Create(CultureInfo.InvariantCulture,
                $"{accountId}|{line.BookingDate:yyyy-MM-dd}|{line.ValueDate:yyyy-MM-dd}|{line.Amount}|{line.Label}|{string.Join('|', line.Remittance)}");
            var rank = seen[identity] = seen.GetValueOrDefault(identity) + 1;
            keyed.Add((line, "h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{identity}|{rank}")))));
        }
        return keyed;
    }
}
