using System.Globalization;
using System.Numerics;
using System.Text;
using ArLedger.Bank;
using ArLedger.Dunning;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Testing;
using Microsoft.Extensions.Options;

namespace ArLedger.Core.Tests.Bank;

/// <summary>A bank movement for <see cref="BankScenario.Camt"/>: positive money in, negative money out.</summary>
public sealed record Movement(decimal Amount, string? Payer = null, string? PayerIban = null, string? Text = null, string? EndToEndId = null,
    string? ReturnReason = null);

/// <summary>The bank side of a test book: accounts, files written in camt.053, and the import, matching and posting use cases.</summary>
public sealed class BankScenario(Book book)
{
    public Task<T> RunAsync<T>(Func<BankImport, BankPosting, BankStatements, Task<T>> work, int autoPostScore = 90) => book.RunAsync((ctx, actor) =>
    {
        var calendar = book.Clock.Calendar;
        var allocations = new Allocations(ctx, calendar, actor);
        var posting = new BankPosting(ctx, calendar, actor, new RecordPaymentHandler(ctx, calendar, actor, allocations), allocations,
            new ReverseDocumentHandler(ctx, calendar, actor));
        var matching = new BankMatching(ctx, posting, Options.Create(new BankOptions { AutoPostScore = autoPostScore }), Options.Create(new DunningOptions()));
        return work(new BankImport(ctx, calendar, actor, new BankAccounts(ctx, calendar, actor), matching), posting, new BankStatements(ctx, calendar, actor));
    });

    /// <summary>Opens a bank account with a new valid French IBAN and returns the IBAN.</summary>
    public async Task<string> AccountAsync()
    {
        var iban = NewIban();
        var made = await book.RunAsync((ctx, actor) =>
            new BankAccounts(ctx, book.Clock.Calendar, actor).CreateAsync(new CreateBankAccount($"Compte {iban[^6..]}", "EUR", iban)));
        Assert.True(made.Succeeded, made.Problem?.Message);
        return iban;
    }

    /// <summary>Opens a bank account as told and returns it.</summary>
    public async Task<BankAccount> OpenAsync(CreateBankAccount account)
    {
        var made = await book.RunAsync((ctx, actor) => new BankAccounts(ctx, book.Clock.Calendar, actor).CreateAsync(account));
        Assert.True(made.Succeeded, made.Problem?.Message);
        return made.Value!;
    }

    public async Task SaveCsvMappingAsync(long accountId, CsvMapping mapping)
    {
        var saved = await book.RunAsync((ctx, actor) => new BankAccounts(ctx, book.Clock.Calendar, actor).SetCsvMappingAsync(accountId, mapping));
        Assert.True(saved.Succeeded, saved.Problem?.Message);
    }

    public async Task<IReadOnlyList<ImportedStatement>> ImportAsync(byte[] file, int autoPostScore = 90, long? account = null)
    {
        var outcome = await TryImportAsync(file, autoPostScore, account);
        Assert.True(outcome.Succeeded, outcome.Problem?.Message);
        return outcome.Value!;
    }

    public Task<Outcome<IReadOnlyList<ImportedStatement>>> TryImportAsync(byte[] file, int autoPostScore = 90, long? account = null) =>
        RunAsync((import, _, _) => import.ImportAsync("statement", file, account), autoPostScore);

    public async Task<IReadOnlyList<BankLine>> LinesAsync(long statementId) =>
        (await RunAsync((_, _, statements) => statements.FindAsync(statementId)))!.Lines;

    public Task<Document> DocumentAsync(long id) => book.RunAsync((ctx, _) => Task.FromResult(ctx.Documents.Single(d => d.Id == id)));

    /// <summary>A camt.053.001.02 message of one statement on the day, whose closing balance is the opening plus the movements unless told.</summary>
    public static byte[] Camt(string iban, DateOnly day, IReadOnlyList<Movement> movements, string? statementId = null, decimal opening = 1000m,
        decimal? closing = null)
    {
        static string D(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        var end = closing ?? opening + movements.Sum(m => m.Amount);
        var entries = new StringBuilder();
        foreach (var m in movements)
        {
            var party = m.Amount > 0 ? "Dbtr" : "Cdtr";
            entries.Append(CultureInfo.InvariantCulture, $"""
                <Ntry><Amt Ccy="EUR">{D(Math.Abs(m.Amount))}</Amt><CdtDbtInd>{(m.Amount > 0 ? "CRDT" : "DBIT")}</CdtDbtInd><Sts>BOOK</Sts>
                  <BookgDt><Dt>{day:yyyy-MM-dd}</Dt></BookgDt><ValDt><Dt>{day:yyyy-MM-dd}</Dt></ValDt>
                  <NtryDtls><TxDtls><Refs><EndToEndId>{m.EndToEndId ?? "NOTPROVIDED"}</EndToEndId></Refs>
                    <RltdPties><{party}><Nm>{m.Payer}</Nm></{party}>{(m.PayerIban is null ? "" : $"<{party}Acct><Id><IBAN>{m.PayerIban}</IBAN></Id></{party}Acct>")}</RltdPties>
                    {(m.Text is null ? "" : $"<RmtInf><Ustrd>{m.Text}</Ustrd></RmtInf>")}
                    {(m.ReturnReason is null ? "" : $"<RtrInf><Rsn><Cd>{m.ReturnReason}</Cd></Rsn></RtrInf>")}
                  </TxDtls></NtryDtls>
                  <AddtlNtryInf>{(m.Amount > 0 ? "VIR SEPA" : "PRLV SEPA")} {m.Payer}</AddtlNtryInf>
                </Ntry>
                """);
        }
        return Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
              <BkToCstmrStmt><GrpHdr><MsgId>M</MsgId><CreDtTm>{day:yyyy-MM-dd}T20:00:00</CreDtTm></GrpHdr>
                <Stmt><Id>{statementId ?? $"S-{day:yyyyMMdd}"}</Id>
                  <Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
                  <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{D(opening)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{day:yyyy-MM-dd}</Dt></Dt></Bal>
                  <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{D(Math.Abs(end))}</Amt><CdtDbtInd>{(end >= 0 ? "CRDT" : "DBIT")}</CdtDbtInd><Dt><Dt>{day:yyyy-MM-dd}</Dt></Dt></Bal>
                  {entries}
                </Stmt>
              </BkToCstmrStmt>
            </Document>
            """);
    }

    /// <summary>A French IBAN with right check digits: FR, the key, bank 30004, branch 00001, a random account and RIB key.</summary>
    public static string NewIban()
    {
        var bban = string.Create(CultureInfo.InvariantCulture, $"3000400001{Random.Shared.NextInt64(10_000_000_000, 99_999_999_999)}{Random.Shared.Next(10, 99)}");
        var check = 98 - (int)(BigInteger.Parse(bban + "152700", CultureInfo.InvariantCulture) % 97);
        return "FR" + check.ToString("00", CultureInfo.InvariantCulture) + bban;
    }
}
