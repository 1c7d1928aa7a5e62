using ArLedger.Core.Tests.Documents;
using ArLedger.Customers;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Testing;

namespace ArLedger.Core.Tests.Invoicing;

public sealed class InvoiceCopyTests
{
    static Invoice Invoice(decimal allocated = 0m)
    {
        var lines = new List<DocumentLine>
        {
            DocumentLine.Create(1, "Farine T65 — sac 25 kg", 10m, 18.40m, 5.5m),
            DocumentLine.Create(2, "Livraison express", 1m, 45m, 20m),
        };
        var net = lines.Sum(l => l.NetAmount);
        var vat = lines.Sum(l => l.VatAmount);
        return new Invoice
        {
            Number = "FA-000123",
            Currency = "EUR",
            CreatedBy = "clerk",
            DocumentDate = new DateOnly(2026, 3, 16),
            DueDate = new DateOnly(2026, 4, 15),
            Lines = lines,
            NetAmount = net,
            VatAmount = vat,
            Amount = net + vat,
            AllocatedAmount = allocated,
            Reference = "BC-2026-117",
        };
    }

    static Customer Customer(string language) => new()
    {
        AccountNumber = "C00042",
        Name = "Boulangerie Dupain",
        Language = language,
        VatNumber = "FR12345678901",
        BillingAddress = new Address { Line1 = "12 rue des Lilas", PostalCode = "69003", City = "Lyon", Country = "FR" },
    };

    static async Task<string> RenderAsync(Invoice invoice, Customer customer, string name)
    {
        var bytes = SampleDocuments.Renderer().Render(InvoiceCopy.Build(invoice, customer, SampleDocuments.Company()));
        return (await PdfTools.KeepAndReadAsync(bytes, name)).Replace('\u202f', ' ').Replace('\u00a0', ' ');
    }

    [Fact]
    public async Task A_French_copy_carries_lines_VAT_summary_totals_due_date_bank_details_and_the_late_payment_mentions()
    {
        var text = await RenderAsync(Invoice(), Customer("fr"), "invoice-copy-fr");

        Assert.Contains("Facture FA-000123", text, StringComparison.Ordinal);
        Assert.Contains("Boulangerie Dupain", text, StringComparison.Ordinal);
        Assert.Contains("69003 Lyon", text, StringComparison.Ordinal);
        Assert.Contains("Farine T65 — sac 25 kg", text, StringComparison.Ordinal);
        Assert.Contains("184,00 €", text, StringComparison.Ordinal);
        Assert.Contains("10,12 €", text, StringComparison.Ordinal);
        Assert.Contains("248,12 €", text, StringComparison.Ordinal);
        Assert.Contains("15/04/2026", text, StringComparison.Ordinal);
        Assert.Contains("FR76 3000 6000 0112 3456 7890 189", text, StringComparison.Ordinal);
        Assert.Contains("AGRIFRPP", text, StringComparison.Ordinal);
        Assert.Contains("40 €", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copy_carries_the_sellers_SIREN_and_VAT_number_the_late_payment_penalty_rate_and_the_40_euro_compensation()
    {
        // Words only: where a mention wraps does not matter.
        var text = System.Text.RegularExpressions.Regex.Replace(await RenderAsync(Invoice(), Customer("fr"), "invoice-copy-mentions"), @"\s+", " ");

        Assert.Contains("SIREN 552 100 554", text, StringComparison.Ordinal);
        Assert.Contains("N° TVA intracommunautaire FR40 552100554", text, StringComparison.Ordinal);
        Assert.Contains("taux de refinancement de la BCE majoré de 10 points", text, StringComparison.Ordinal);
        Assert.Contains("indemnité forfaitaire pour frais de recouvrement de 40 €", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_English_customer_gets_an_English_copy_showing_what_was_already_paid_and_what_is_due()
    {
        var text = await RenderAsync(Invoice(allocated: 100m), Customer("en"), "invoice-copy-en");

        Assert.Contains("Invoice FA-000123", text, StringComparison.Ordinal);
        Assert.Contains("Total incl. VAT", text, StringComparison.Ordinal);
        Assert.Contains("€248.12", text, StringComparison.Ordinal);
        Assert.Contains("Already paid", text, StringComparison.Ordinal);
        Assert.Contains("€148.12", text, StringComparison.Ordinal);
        Assert.Contains("Please pay by 15 Apr 2026", text, StringComparison.Ordinal);
    }
}
