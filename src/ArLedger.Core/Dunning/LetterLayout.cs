using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ArLedger.Documents;

namespace ArLedger.Dunning;

/// <summary>
/// Fills a level's template with a letter's figures: the PDF's content, the email's subject and text. A paragraph
/// made of {invoice_table} alone becomes the table of invoices with the totals; {payment_details} alone becomes the
/// remittance details in bold; every other placeholder is replaced in the text.
/// </summary>
public static partial class LetterLayout
{
    public const string InvoiceTable = "{invoice_table}";
    public const string PaymentDetails = "{payment_details}";

    /// <summary>Every placeholder a template may use.</summary>
    public static readonly IReadOnlyList<string> Placeholders =
    [
        "{customer_name}", "{account_number}", InvoiceTable, "{total_due}", "{overdue_amount}", "{fees}", "{interest}",
        "{compensation}", "{previous_charges}", PaymentDetails, "{deadline_date}", "{letter_date}", "{company_name}", "{level_name}",
    ];

    /// <summary>The placeholders of a text that are not in <see cref="Placeholders"/>, to refuse a template with a typo.</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Where(p => !Placeholders.Contains(p)).Distinct().ToList();

    public static string Subject(DunningLetter letter, LetterTemplate template, CompanyProfile company) =>
        Fill(template.Subject, letter, company).ReplaceLineEndings(" ");

    public static DocumentContent Compose(DunningLetter letter, LetterTemplate template, CompanyProfile company)
    {
        var w = new Words(letter);
        var body = new List<DocumentBlock> { new Heading(Subject(letter, template, company)) };
        foreach (var paragraph in Paragraphs(template.Body))
        {
            switch (paragraph)
            {
                case InvoiceTable:
                    body.Add(Table(letter, w));
                    body.Add(new Spacer(2));
                    body.Add(new Totals(TotalLines(letter, w).Select(t => new TotalLine(t.Label, t.Amount, t.Emphasis)).ToList()));
                    body.Add(new Spacer(2));
                    break;
                case PaymentDetails:
                    body.Add(new Paragraph(Remittance(letter, company, w), Bold: true));
                    break;
                default:
                    body.Add(new Paragraph(Fill(paragraph, letter, company)));
                    break;
            }
        }
        var details = new List<DocumentDetail>
        {
            new(w.L("Date", "Date"), w.D(letter.LetterDate)),
            new(w.L("Client", "Customer"), letter.Customer.AccountNumber),
        };
        if (letter.Deadline is { } deadline)
            details.Add(new(w.L("À régler avant le", "To pay by"), w.D(deadline)));
        return new DocumentContent
        {
            Company = company,
            Title = Subject(letter, template, company),
            Language = w.Language,
            RecipientAddress = letter.Customer.Address,
            Details = details,
            Body = body,
        };
    }

    /// <summary>The email's text: the letter itself, with the invoices as lines, for mail readers that show no PDF.</summary>
    public static string EmailText(DunningLetter letter, LetterTemplate template, CompanyProfile company)
    {
        var w = new Words(letter);
        var text = new StringBuilder();
        foreach (var paragraph in Paragraphs(template.Body))
        {
            if (paragraph == InvoiceTable)
            {
                foreach (var l in letter.Lines)
                {
                    text.Append(CultureInfo.InvariantCulture, $"- {l.Number} {w.L("du", "of")} {w.D(l.InvoiceDate)}, {w.L("échéance", "due")} {w.D(l.DueDate)}{w.L(" : ", ": ")}");
                    text.Append(w.M(l.AmountDue)).Append('\n');
                }
                text.Append('\n');
                foreach (var t in TotalLines(letter, w))
                    text.Append(t.Label).Append(w.L(" : ", ": ")).Append(t.Amount).Append('\n');
            }
            else
            {
                text.Append(paragraph == PaymentDetails ? Remittance(letter, company, w) : Fill(paragraph, letter, company));
                text.Append('\n');
            }
            text.Append('\n');
        }
        return text.ToString().TrimEnd() + "\n";
    }

    static Table Table(DunningLetter letter, Words w)
    {
        var disputed = letter.Lines.Any(l => l.Disputed > 0);
        // Widths fit an English date ("28 Feb 2025") and the longest header on one line in the widest letter.
        var columns = new List<TableColumn>
        {
            new(w.L("Facture", "Invoice"), 1.2), new(w.L("Date", "Date"), 1.35), new(w.L("Échéance", "Due date"), 1.35),
            new(w.L("Retard (j)", "Days late"), 0.65, CellAlign.Right), new(w.L("Montant TTC", "Amount incl. VAT"), 1.35, CellAlign.Right),
        };
        if (disputed)
            columns.Add(new(w.L("En litige", "Disputed"), 1.3, CellAlign.Right));
        columns.Add(new(w.L("Reste dû", "Amount due"), 1.35, CellAlign.Right));
        if (letter.ClaimsInterest)
            columns.Add(new(w.L("Pénalités", "Interest"), 1.1, CellAlign.Right));
        if (letter.ClaimsCompensation)
            columns.Add(new(w.L("Indemnité", "Compensation"), 1.6, CellAlign.Right));

        var rows = letter.Lines.Select(l =>
        {
            var cells = new List<string> { l.Number, w.D(l.InvoiceDate), w.D(l.DueDate), l.DaysOverdue.ToString(w.Culture), w.M(l.InvoiceAmount) };
            if (disputed)
                cells.Add(l.Disputed > 0 ? w.M(l.Disputed) : "");
            cells.Add(w.M(l.AmountDue));
            if (letter.ClaimsInterest)
                cells.Add(w.M(l.Interest));
            if (letter.ClaimsCompensation)
                cells.Add(w.M(l.Compensation));
            return new TableRow(cells);
        }).ToList();
        return new Table(columns, rows);
    }

    static List<(string Label, string Amount, bool Emphasis)> TotalLines(DunningLetter letter, Words w)
    {
        var lines = new List<(string, string, bool)> { (w.L("Factures échues", "Overdue invoices"), w.M(letter.Principal), false) };
        if (letter.ClaimsInterest)
            lines.Add((w.L("Pénalités de retard", "Late-payment interest"), w.M(letter.Interest), false));
        if (letter.ClaimsCompensation)
            lines.Add((w.L("Indemnités forfaitaires de recouvrement", "Fixed recovery compensation"), w.M(letter.Compensation), false));
        if (letter.FixedFee > 0)
            lines.Add((w.L("Frais de relance", "Dunning fee"), w.M(letter.FixedFee), false));
        if (letter.PreviousCharges > 0)
            lines.Add((w.L("Frais et pénalités déjà réclamés", "Charges claimed earlier"), w.M(letter.PreviousCharges), false));
        lines.Add((w.L("Total dû", "Total due"), w.M(letter.TotalDue), true));
        return lines;
    }

    static string Remittance(DunningLetter letter, CompanyProfile company, Words w)
    {
        var reference = w.L($"Merci de régler par virement en rappelant votre référence client {letter.Customer.AccountNumber}.",
            $"Please pay by bank transfer quoting your customer reference {letter.Customer.AccountNumber}.");
        return company.Iban is null ? reference : $"{reference}\nIBAN{w.L(" :", ":")} {company.Iban}    BIC{w.L(" :", ":")} {company.Bic ?? "—"}";
    }

    static string Fill(string text, DunningLetter letter, CompanyProfile company)
    {
        var w = new Words(letter);
        return Placeholder().Replace(text, m => m.Value switch
        {
            "{customer_name}" => letter.Customer.Name,
            "{account_number}" => letter.Customer.AccountNumber,
            InvoiceTable => string.Join(", ", letter.Lines.Select(l => l.Number)),
            "{total_due}" => w.M(letter.TotalDue),
            "{overdue_amount}" => w.M(letter.Principal),
            "{fees}" => w.M(letter.FixedFee),
            "{interest}" => w.M(letter.Interest),
            "{compensation}" => w.M(letter.Compensation),
            "{previous_charges}" => w.M(letter.PreviousCharges),
            PaymentDetails => Remittance(letter, company, w).ReplaceLineEndings(" "),
            "{deadline_date}" => w.D(letter.Deadline ?? letter.LetterDate),
            "{letter_date}" => w.D(letter.LetterDate),
            "{company_name}" => company.Name,
            "{level_name}" => letter.LevelName,
            _ => m.Value,
        });
    }

    static IEnumerable<string> Paragraphs(string body) =>
        ParagraphBreak().Split(body.ReplaceLineEndings("\n")).Select(p => p.Trim()).Where(p => p.Length > 0);

    [GeneratedRegex(@"\{[a-z_]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex ParagraphBreak();

    /// <summary>The customer's language: its words, money and dates.</summary>
    sealed class Words(DunningLetter letter)
    {
        public string Language { get; } = letter.Customer.Language == "en" ? "en" : "fr";
        public CultureInfo Culture => Amounts.Culture(Language);
        public string L(string french, string english) => Language == "en" ? english : french;
        public string M(decimal amount) => Amounts.Format(amount, letter.Customer.Currency, Language);
        public string D(DateOnly date) => Amounts.Format(date, Language);
    }
}
