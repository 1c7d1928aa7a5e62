using System.Globalization;
using ArLedger.Bank;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Seeding;

/// <summary>
/// The demo's bank: the company's current account and the last two days of its statements, a CFONB 120 file and a
/// camt.053 message, imported as a clerk would in the morning. They pay demo invoices the ways real customers do:
/// one invoice by its number, several in one transfer, a part of one, an amount with a wrong reference, a payer
/// nobody knows, a direct debit and its return two days later, and the bank's own fees; and money paid back to a
/// customer whose credit note was left unapplied, which waits as a proposed refund.
/// </summary>
public sealed class DemoBank(ArLedgerDbContext db, BankAccounts accounts, BankImport import)
{
    /// <summary>The demo company's account at BNP Paribas: a French IBAN whose RIB the CFONB file names.</summary>
    public const string Iban = "FR7630004000031234567890143";

    public async Task SeedAsync(DateOnly today, CancellationToken ct = default)
    {
        var opened = await accounts.CreateAsync(new CreateBankAccount("BNP Paribas — compte courant", "EUR", Iban, "BNPAFRPPXXX"), ct);
        if (!opened.Succeeded)
            throw new InvalidOperationException($"Demo bank account: {opened.Problem!.Message}");
        var account = opened.Value!;

        // Customers not in dispute with three open invoices or more, oldest due first: the payers of the two days.
        var open = await db.Invoices.AsNoTracking()
            .Where(i => i.ReversedAt == null && i.Amount - i.AllocatedAmount - i.WrittenOffAmount > 0
                && !db.Disputes.Any(d => d.CustomerId == i.CustomerId))
            .Join(db.Customers.Where(c => !c.OnHold), i => i.CustomerId, c => c.Id, (i, c) => new Payable(c.Name, c.AccountNumber, i.Number,
                i.Amount - i.AllocatedAmount - i.WrittenOffAmount, i.DueDate))
            .ToListAsync(ct);
        var payers = open.GroupBy(p => p.Account).Where(g => g.Count() >= 3).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(p => p.DueDate).ThenBy(p => p.Number, StringComparer.Ordinal).ToList()).Take(6).ToList();
        if (payers.Count < 6)
            return;
        var (one, several, part, wrong, debit, next) = (payers[0], payers[1], payers[2], payers[3], payers[4], payers[5]);
        // A credit note no invoice took: the customer asked for the money back.
        var refunded = await db.CreditNotes.AsNoTracking()
            .Where(c => c.ReversedAt == null && c.Amount - c.AllocatedAmount > 0)
            .Join(db.Customers.Where(c => !c.OnHold), d => d.CustomerId, c => c.Id, (d, c) => new { c.Name, d.Number, Open = d.Amount - d.AllocatedAmount })
            .OrderBy(x => x.Number).FirstOrDefaultAsync(ct);

        var before = today.AddDays(-2);
        var e2e = $"PRLV-{before:yyyyMMdd}-{debit[0].Account}";
        WrittenMovement[] first =
        [
            new(one[0].Open, $"VIR SEPA {Upper(one[0].Name)}", Upper(one[0].Name), Text: $"Règlement facture {one[0].Number}"),
            new(several[0].Open + several[1].Open + several[2].Open, $"VIR SEPA {Upper(several[0].Name)}", Upper(several[0].Name),
                Text: $"{several[0].Number} {several[1].Number}+{several[2].Number}"),
            new(decimal.Round(part[0].Open * 0.6m, 2), $"VIR SEPA {Upper(part[0].Name)}", Upper(part[0].Name), Text: $"Acompte {part[0].Number}"),
            new(debit[0].Open, $"PRLV SEPA {Upper(debit[0].Name)}", Upper(debit[0].Name), Text: debit[0].Number, EndToEndId: e2e, DirectDebit: true),
            new(-18.00m, "FRAIS TENUE DE COMPTE", "BNP PARIBAS"),
        ];
        List<WrittenMovement> second =
        [
            new(wrong[1].Open, $"VIR SEPA {Upper(wrong[0].Name)}", Upper(wrong[0].Name), Text: $"FACT {wrong[1].Number[..^2]}99"),
            new(1_234.56m, "VIR SEPA SCI LES TILLEULS", "SCI LES TILLEULS", "FR7611315000011234567890138", "Loyer cuisine centrale"),
            new(-debit[0].Open, $"RETOUR PRLV {Upper(debit[0].Name)}", Upper(debit[0].Name), Text: debit[0].Number, EndToEndId: e2e, ReturnReason: "AM04"),
            new(-7.50m, "COMMISSION PRLV IMPAYE", "BNP PARIBAS"),
            new(next[0].Open + next[1].Open, $"VIR SEPA {Upper(next[0].Name)}", Upper(next[0].Name), Text: $"Factures {next[0].Number} et {next[1].Number}"),
        ];
        if (refunded is not null)
            second.Add(new(-refunded.Open, $"VIR SEPA {Upper(refunded.Name)}", Upper(refunded.Name), Text: $"Remboursement avoir {refunded.Number}"));
        var opening = 48_250.00m;
        var rib = AccountIdentity.RibOf(Iban)!.Value;
        await ImportAsync(account.Id, $"releve-{before:yyyyMMdd}.cfo", BankFileWriter.Cfonb120(rib.Bank, rib.Branch, rib.Account, before, opening, first), ct);
        await ImportAsync(account.Id, $"camt053-{today.AddDays(-1):yyyyMMdd}.xml",
            BankFileWriter.Camt053(Iban, today.AddDays(-1), opening + first.Sum(m => m.Amount), second, $"BNP-{today.AddDays(-1):yyyyMMdd}"), ct);
    }

    async Task ImportAsync(long accountId, string name, byte[] file, CancellationToken ct)
    {
        var imported = await import.ImportAsync(name, file, accountId, ct);
        if (!imported.Succeeded)
            throw new InvalidOperationException($"Demo bank file {name}: {imported.Problem!.Message}");
    }

    static string Upper(string name) => name.ToUpper(CultureInfo.GetCultureInfo("fr-FR"));

    sealed record Payable(string Name, string Account, string Number, decimal Open, DateOnly DueDate);
}
