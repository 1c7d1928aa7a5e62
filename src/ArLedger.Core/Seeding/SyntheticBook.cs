using System.Globalization;
using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Payments;

namespace ArLedger.Seeding;

/// <summary>
/// A large, plain book for load and scale work: each customer gets the same number of one-line invoices over
/// the last 18 months; about 70% are paid in full by a payment allocated to them, 10% in part, the rest are open,
/// and one customer in twenty has a payment nobody matched yet. Generated in slices of customers, so a
/// million invoices never sit in memory at once.
/// </summary>
public sealed class SyntheticBook(DateOnly today, IReadOnlyDictionary<string, PaymentTerms> terms, int seed = 4711)
{
    const int HistoryDays = 548;
    static readonly string[] TermsCodes = ["NET30", "NET45", "45EOM", "EOM45", "NET60"];

    public IEnumerable<SeedBook> Slices(int customers, int invoicesPerCustomer, int customersPerSlice)
    {
        var random = new Random(seed);
        for (var first = 1; first <= customers; first += customersPerSlice)
        {
            var slice = new SeedBook();
            var last = Math.Min(customers, first + customersPerSlice - 1);
            for (var n = first; n <= last; n++)
                AddCustomer(slice, random, n, invoicesPerCustomer);
            yield return slice;
        }
    }

    void AddCustomer(SeedBook book, Random random, int n, int invoices)
    {
        var city = FrenchCompanies.Pick(random, FrenchCompanies.Cities);
        var siren = FrenchCompanies.Siren(random);
        var name = FrenchCompanies.Name(random, english: false);
        var customer = book.Add(new SeedCustomer
        {
            AccountNumber = string.Create(CultureInfo.InvariantCulture, $"S{n:0000000}"),
            Name = name,
            LegalId = siren,
            VatNumber = FrenchCompanies.VatNumber(siren),
            Line1 = FrenchCompanies.Street(random),
            PostalCode = city.PostalCode,
            City = city.Name,
            StatementEmail = string.Create(CultureInfo.InvariantCulture, $"compta.{n}@{FrenchCompanies.Domain(name)}"),
            Language = random.Next(10) == 0 ? "en" : "fr",
            PaymentTermsCode = FrenchCompanies.Pick(random, TermsCodes),
            CreditLimit = random.Next(1, 41) * 5_000m,
            CreatedAt = new DateTimeOffset(today.AddDays(-HistoryDays - 30).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
        });
        var customerTerms = terms[customer.PaymentTermsCode];
        for (var i = 0; i < invoices; i++)
        {
            var date = today.AddDays(-random.Next(1, HistoryDays));
            var line = SeedLine.Of("Marchandises", 1, random.Next(5_000, 500_000) / 100m, 20m);
            var invoice = book.Add(new SeedDocument
            {
                Customer = customer,
                Kind = DocumentKind.Invoice,
                DocumentDate = date,
                DueDate = customerTerms.DueDate(date),
                Amount = line.NetAmount + line.VatAmount,
                NetAmount = line.NetAmount,
                VatAmount = line.VatAmount,
                Lines = [line],
            });
            var outcome = random.Next(100);
            if (outcome >= 80)
                continue;
            var paidOn = invoice.DueDate!.Value.AddDays(random.Next(-10, 41));
            if (paidOn <= date)
                paidOn = date.AddDays(1);
            if (paidOn > today)
                continue;
            var amount = outcome < 70 ? invoice.Amount : Money.Round(invoice.Amount * random.Next(30, 80) / 100m);
            book.Allocate(invoice, Payment(book, customer, paidOn, amount), amount);
        }
        if (random.Next(20) == 0)
            Payment(book, customer, today.AddDays(-random.Next(1, 30)), random.Next(10_000, 200_000) / 100m);
    }

    static SeedDocument Payment(SeedBook book, SeedCustomer customer, DateOnly on, decimal amount) => book.Add(new SeedDocument
    {
        Customer = customer,
        Kind = DocumentKind.Payment,
        DocumentDate = on,
        ValueDate = on,
        Amount = amount,
        Method = PaymentMethod.Transfer,
        Reference = "VIR " + customer.AccountNumber,
    });
}
