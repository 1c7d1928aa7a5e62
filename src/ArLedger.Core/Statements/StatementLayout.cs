using ArLedger.Documents;
using ArLedger.Ledger;

namespace ArLedger.Statements;

/// <summary>Lays a statement out as a document in the customer's language; every amount printed adds up.</summary>
public static class StatementLayout
{
    public static DocumentContent Compose(Statement s, CompanyProfile company)
    {
        var fr = s.Customer.Language != "en";
        var lang = fr ? "fr" : "en";
        string L(string french, string english) => fr ? french : english;
        string M(decimal amount) => Amounts.Format(amount, s.Customer.Currency, lang);
        string D(DateOnly date) => Amounts.Format(date, lang);
        string Blank(decimal amount) => amount == 0 ? "" : M(amount);

        var entries = new List<TableRow> { new([D(s.From), "", L("Solde d'ouverture", "Opening balance"), "", "", M(s.OpeningBalance)], Emphasis: true) };
        entries.AddRange(s.Entries.Select(e => new TableRow([D(e.EntryDate), KindLabel(e.Kind, fr), Describe(e), Blank(e.Debit), Blank(e.Credit), M(e.Balance)])));
        entries.Add(new TableRow([D(s.To), "", L("Solde de clôture", "Closing balance"), M(s.Debits), M(s.Credits), M(s.ClosingBalance)], Emphasis: true));

        var open = s.OpenItems.Select(i => new TableRow([
            i.Number, KindLabel(i.Kind, fr), D(i.DocumentDate), i.DueDate is { } due ? D(due) : "",
            i.DaysOverdue > 0 ? i.DaysOverdue.ToString(Amounts.Culture(lang)) : "", M(i.Open)])).ToList();
        open.Add(new TableRow(["", "", "", "", L("Total", "Total"), M(s.OpenItems.Sum(i => i.Open))], Emphasis: true));

        var a = s.Aging;
        var body = new List<DocumentBlock>
        {
            new Heading(L($"Relevé de compte du {D(s.From)} au {D(s.To)}", $"Statement of account from {D(s.From)} to {D(s.To)}")),
            new Table(
                [new(L("Date", "Date"), 1.1), new(L("Type", "Type"), 1.1), new(L("Pièce / libellé", "Document / description"), 2.6),
                 new(L("Débit", "Debit"), 1.2, CellAlign.Right), new(L("Crédit", "Credit"), 1.2, CellAlign.Right), new(L("Solde", "Balance"), 1.3, CellAlign.Right)],
                entries),
            new Spacer(4),
            new Heading(L($"Pièces non lettrées au {D(s.To)}", $"Open items at {D(s.To)}")),
            s.OpenItems.Count == 0
                ? new Paragraph(L("Aucune pièce ouverte : votre compte est soldé.", "No open items: your account is settled."))
                : new Table(
                    [new(L("Pièce", "Document"), 1.4), new(L("Type", "Type"), 1.1), new(L("Date", "Date"), 1.1), new(L("Échéance", "Due date"), 1.1),
                     new(L("Jours de retard", "Days overdue"), 1, CellAlign.Right), new(L("Reste dû", "Open amount"), 1.4, CellAlign.Right)],
                    open),
            new Spacer(4),
            new Heading(L("Ancienneté", "Aging")),
            new Table(
                [new(L("Non échu", "Not yet due"), 1, CellAlign.Right), new(L("1-30 j", "1-30 d"), 1, CellAlign.Right),
                 new(L("31-60 j", "31-60 d"), 1, CellAlign.Right), new(L("61-90 j", "61-90 d"), 1, CellAlign.Right),
                 new(L("> 90 j", "> 90 d"), 1, CellAlign.Right), new(L("Crédits non lettrés", "Unapplied credits"), 1.2, CellAlign.Right),
                 new(L("Total", "Total"), 1.1, CellAlign.Right)],
                [new TableRow([M(a.Current), M(a.Days1To30), M(a.Days31To60), M(a.Days61To90), M(a.Over90), M(a.UnappliedCredits), M(a.Total)], Emphasis: true)]),
            new Spacer(4),
            new Totals([
                new TotalLine(L("Total des débits", "Total debits"), M(s.Debits)),
                new TotalLine(L("Total des crédits", "Total credits"), M(s.Credits)),
                new TotalLine(s.ClosingBalance >= 0 ? L("Solde dû", "Balance due") : L("Solde en votre faveur", "Balance in your favour"),
                    M(Math.Abs(s.ClosingBalance)), Emphasis: true)]),
            new Spacer(4),
            new Heading(L("Règlement", "Remittance")),
            new Paragraph(L(
                $"Merci de régler par virement en indiquant votre référence client {s.Customer.AccountNumber}.",
                $"Please pay by bank transfer quoting your customer reference {s.Customer.AccountNumber}.")),
            new Paragraph($"IBAN : {company.Iban ?? "—"}    BIC : {company.Bic ?? "—"}", Bold: true),
            new Paragraph(L("Sauf erreur ou omission de notre part. Pour toute question, contactez notre comptabilité clients",
                    "Errors and omissions excepted. For any question, please contact our accounts receivable team")
                + (company.Email is null ? "." : $" : {company.Email}."), Small: true),
        };

        return new DocumentContent
        {
            Company = company,
            Title = L($"Relevé de compte {s.Customer.AccountNumber} — {D(s.To)}", $"Statement {s.Customer.AccountNumber} — {D(s.To)}"),
            Language = lang,
            RecipientAddress = s.Customer.Address,
            Details =
            [
                new(L("Date", "Date"), D(s.To)),
                new(L("Client", "Customer"), s.Customer.AccountNumber),
                new(L("Période", "Period"), $"{D(s.From)} – {D(s.To)}"),
            ],
            Body = body,
        };
    }

    public static string FileName(Statement s) =>
        $"releve-{s.Customer.AccountNumber}-{s.To:yyyy-MM-dd}.pdf".Replace(' ', '-');

    static string Describe(LedgerLine e) =>
        e.DocumentNumber is null || e.Description.Contains(e.DocumentNumber, StringComparison.Ordinal)
            ? e.Description
            : $"{e.DocumentNumber} {e.Description}";

    static string KindLabel(EntryKind kind, bool fr) => kind switch
    {
        EntryKind.Invoice => fr ? "Facture" : "Invoice",
        EntryKind.CreditNote => fr ? "Avoir" : "Credit note",
        EntryKind.Payment => fr ? "Règlement" : "Payment",
        EntryKind.Fee => fr ? "Frais" : "Fee",
        EntryKind.Interest => fr ? "Intérêts" : "Interest",
        EntryKind.WriteOff => fr ? "Perte" : "Write-off",
        EntryKind.Reversal => fr ? "Annulation" : "Reversal",
        EntryKind.Refund => fr ? "Remboursement" : "Refund",
    };

    static string KindLabel(DocumentKind kind, bool fr) => KindLabel(Posting.EntryKindOf(kind), fr);
}
