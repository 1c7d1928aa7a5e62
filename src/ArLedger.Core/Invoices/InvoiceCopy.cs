using System.Globalization;
using ArLedger.Customers;
using ArLedger.Documents;
using ArLedger.Ledger;

namespace ArLedger.Invoices;

/// <summary>
/// The printed copy (duplicata) of an invoice, in the customer's language: lines, VAT summary, totals, what is
/// still due and how to pay it, and the late-payment mentions French B2B invoices must carry.
/// </summary>
public static class InvoiceCopy
{
    public static DocumentContent Build(Invoice invoice, Customer customer, CompanyProfile company)
    {
        var lang = customer.Language == "en" ? "en" : "fr";
        var w = Words.For(lang);
        var culture = Amounts.Culture(lang);
        string Money(decimal amount) => Amounts.Format(amount, invoice.Currency, lang);
        string Date(DateOnly date) => Amounts.Format(date, lang);

        var details = new List<DocumentDetail>
        {
            new(w.Date, Date(invoice.DocumentDate)),
            new(w.Number, invoice.Number),
            new(w.Account, customer.AccountNumber),
            new(w.DueDate, Date(invoice.DueDate)),
        };
        if (!string.IsNullOrWhiteSpace(invoice.Reference))
            details.Add(new(w.Reference, invoice.Reference));
        if (!string.IsNullOrWhiteSpace(customer.VatNumber))
            details.Add(new(w.CustomerVat, customer.VatNumber));

        var lines = invoice.Lines.OrderBy(l => l.LineNo).ToList();
        var rows = lines.Count > 0
            ? lines.Select(l => new TableRow([l.Description, Quantity(l.Quantity, culture), UnitPrice(l.UnitPrice, culture),
                Rate(l.VatRate, culture), Money(l.NetAmount)])).ToList()
            : [new TableRow([invoice.Description ?? w.Title, "1", Money(invoice.NetAmount), "", Money(invoice.NetAmount)])];
        var vatSummary = lines.GroupBy(l => l.VatRate).OrderByDescending(g => g.Key)
            .Select(g => new TableRow([Rate(g.Key, culture), Money(g.Sum(l => l.NetAmount)), Money(g.Sum(l => l.VatAmount))]))
            .ToList();

        var open = invoice.OpenAmount;
        var totals = new List<TotalLine>
        {
            new(w.TotalNet, Money(invoice.NetAmount)),
            new(w.TotalVat, Money(invoice.VatAmount)),
            new(w.TotalGross, Money(invoice.Amount), Emphasis: open == invoice.Amount),
        };
        if (open != invoice.Amount && !invoice.IsReversed)
        {
            totals.Add(new(w.AlreadySettled, Money(-(invoice.Amount - open))));
            totals.Add(new(w.AmountDue, Money(open), Emphasis: true));
        }

        var body = new List<DocumentBlock>
        {
            new Heading($"{w.Title} {invoice.Number}"),
            new Paragraph(w.Duplicate, Small: true),
        };
        if (!string.IsNullOrWhiteSpace(invoice.Description) && lines.Count > 0)
            body.Add(new Paragraph(invoice.Description));
        body.Add(new Table(
            [new(w.Description, 4.2), new(w.Quantity, 0.9, CellAlign.Right), new(w.UnitPrice, 1.3, CellAlign.Right),
             new(w.VatRate, 0.8, CellAlign.Right), new(w.NetAmount, 1.4, CellAlign.Right)],
            rows));
        if (vatSummary.Count > 0)
        {
            body.Add(new Spacer(2));
            body.Add(new Table([new(w.VatRate, 1, CellAlign.Right), new(w.VatBase, 1.4, CellAlign.Right), new(w.VatAmount, 1.4, CellAlign.Right), new("", 4.4)],
                vatSummary.Select(r => new TableRow([.. r.Cells, ""])).ToList()));
        }
        body.Add(new Totals(totals));
        body.Add(new Spacer(4));
        body.Add(new Paragraph(string.Format(culture, w.PayBy, Date(invoice.DueDate)), Bold: true));
        var bank = string.Join("    ", new[] { Labelled("IBAN", company.Iban), Labelled("BIC", company.Bic) }.Where(s => s is not null));
        body.Add(new Paragraph(bank.Length > 0
            ? string.Format(culture, w.TransferTo, company.Name, invoice.Number) + "\n" + bank
            : string.Format(culture, w.QuoteNumber, invoice.Number)));
        body.Add(new Spacer(4));
        body.Add(new Paragraph(w.LateMentions, Small: true));
        // The seller's identifiers an invoice must carry (Code de commerce L441-9, CGI art. 242 nonies A).
        var identity = string.Join("  ·  ", new[] { company.LegalForm, Labelled("SIREN", company.Siren), Labelled(w.SellerVat, company.VatNumber) }
            .Where(s => !string.IsNullOrWhiteSpace(s)));
        if (identity.Length > 0)
            body.Add(new Paragraph($"{company.Name}  ·  {identity}", Small: true));

        return new DocumentContent
        {
            Company = company,
            Title = $"{w.Title} {invoice.Number}",
            Language = lang,
            RecipientAddress = Address(customer),
            Details = details,
            Body = body,
        };
    }

    /// <summary>The file name the copy is served under.</summary>
    public static string FileName(Invoice invoice) => $"{invoice.Number}.pdf";

    static IReadOnlyList<string> Address(Customer c)
    {
        var a = c.BillingAddress;
        var lines = new List<string> { c.Name };
        lines.AddRange(new[] { a.Line1, a.Line2 }.Where(l => !string.IsNullOrWhiteSpace(l))!);
        lines.Add($"{a.PostalCode} {a.City}".Trim());
        if (a.Country != "FR")
            lines.Add(a.Country);
        return lines.Where(l => l.Length > 0).ToList();
    }

    static string? Labelled(string label, string? value) => string.IsNullOrWhiteSpace(value) ? null : $"{label} {value}";
    static string Quantity(decimal q, CultureInfo culture) => q.ToString("#,##0.###", culture);
    static string UnitPrice(decimal p, CultureInfo culture) => p.ToString("#,##0.00##", culture);
    static string Rate(decimal r, CultureInfo culture) => r.ToString("0.##", culture) + " %";

    sealed record Words(string Title, string Duplicate, string Date, string Number, string Account, string DueDate, string Reference,
        string CustomerVat, string Description, string Quantity, string UnitPrice, string VatRate, string NetAmount, string VatBase,
        string VatAmount, string TotalNet, string TotalVat, string TotalGross, string AlreadySettled, string AmountDue, string PayBy,
        string TransferTo, string QuoteNumber, string LateMentions, string SellerVat)
    {
        static readonly Words French = new("Facture", "Duplicata", "Date", "Facture n°", "Compte client", "Échéance", "Votre référence",
            "N° TVA client", "Désignation", "Qté", "Prix unit. HT", "TVA", "Montant HT", "Base HT", "Montant TVA",
            "Total HT", "Total TVA", "Total TTC", "Déjà réglé", "Net à payer", "À régler au plus tard le {0}.",
            "Par virement à l'ordre de {0}, en indiquant la référence {1} :", "Merci de rappeler la référence {0} avec votre règlement.",
            "Pas d'escompte pour paiement anticipé. En cas de retard de paiement, des pénalités au taux de refinancement de la BCE " +
            "majoré de 10 points sont exigibles, ainsi qu'une indemnité forfaitaire pour frais de recouvrement de 40 € (art. L441-10 du Code de commerce).",
            "N° TVA intracommunautaire");

        static readonly Words English = new("Invoice", "Copy", "Date", "Invoice no.", "Customer account", "Due date", "Your reference",
            "Customer VAT no.", "Description", "Qty", "Unit price excl. VAT", "VAT", "Net amount", "Net base", "VAT amount",
            "Total excl. VAT", "Total VAT", "Total incl. VAT", "Already paid", "Amount due", "Please pay by {0}.",
            "By bank transfer to {0}, quoting reference {1}:", "Please quote reference {0} with your payment.",
            "No discount for early payment. Late payments bear interest at the ECB refinancing rate plus 10 points, " +
            "and a fixed recovery compensation of €40 (French Commercial Code, art. L441-10).",
            "Intra-community VAT no.");

        public static Words For(string language) => language == "en" ? English : French;
    }
}
