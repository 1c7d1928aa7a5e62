using System.Globalization;
using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Payments;

namespace ArLedger.Seeding;

/// <summary>
/// The demo book of a French food-service wholesaler: ~300 customers and ~4,000 invoices over the last
/// 18 months, paid the way real customers pay (most on time, some late, some short, some never), with credit
/// notes, unapplied cash, disputes and write-offs. The same seed and the same "today" give the same book.
/// </summary>
public sealed class DemoBook
{
    public const int Seed = 20_260_316;
    const int CustomerCount = 300;
    const int InvoiceCount = 4_000;
    const int HistoryDays = 548;

    enum Payer { Prompt, Slow, Late, Defaulting }

    sealed record Product(string Description, decimal UnitPrice, decimal VatRate, int MaxQuantity);

    static readonly Product[] Catalogue =
    [
        new("Farine T65 — sac 25 kg", 18.40m, 5.5m, 40), new("Sucre en poudre — carton 10 kg", 12.90m, 5.5m, 30),
        new("Café en grains bio — 1 kg", 21.50m, 5.5m, 50), new("Huile d'olive vierge extra — bidon 5 L", 38.00m, 5.5m, 20),
        new("Chocolat de couverture — 5 kg", 64.00m, 5.5m, 12), new("Beurre AOP — plaque 2,5 kg", 27.80m, 5.5m, 30),
        new("Plateaux repas — prestation traiteur", 14.50m, 10m, 120), new("Buffet cocktail — par convive", 22.00m, 10m, 150),
        new("Travaux de rénovation — cuisine", 1250.00m, 10m, 3), new("Livraison express", 45.00m, 20m, 4),
        new("Maintenance four mixte — intervention", 180.00m, 20m, 3), new("Location vitrine réfrigérée — mois", 95.00m, 20m, 3),
        new("Emballages carton — lot de 500", 62.00m, 20m, 10), new("Vaisselle jetable — carton", 34.90m, 20m, 15),
        new("Machine à café professionnelle", 2490.00m, 20m, 1), new("Formation hygiène HACCP — journée", 390.00m, 20m, 2),
        new("Produits d'entretien — lot", 48.70m, 20m, 10), new("Tabliers brodés — lot de 10", 129.00m, 20m, 5),
    ];

    static readonly string[] CreditReasons =
    [
        "Retour marchandise", "Remise commerciale", "Erreur de prix", "Produits avariés à la livraison", "Quantité livrée inférieure",
    ];

    readonly Random random = new(Seed);
    readonly DateOnly today;
    readonly IReadOnlyDictionary<string, PaymentTerms> terms;
    readonly SeedBook book = new();

    DemoBook(DateOnly today, IReadOnlyDictionary<string, PaymentTerms> terms)
    {
        this.today = today;
        this.terms = terms;
    }

    /// <summary>Builds the demo book as of <paramref name="today"/>; <paramref name="terms"/> are the payment terms by code.</summary>
    public static SeedBook Build(DateOnly today, IReadOnlyDictionary<string, PaymentTerms> terms)
    {
        var demo = new DemoBook(today, terms);
        demo.Generate();
        return demo.book;
    }

    void Generate()
    {
        var customers = Enumerable.Range(1, CustomerCount).Select(NewCustomer).ToList();
        // A few big accounts and a long tail of small ones, as in any real book.
        var weights = customers.Select(_ => Math.Exp(random.NextDouble() * 3.0)).ToArray();
        var total = weights.Sum();
        var invoiceDates = customers.Select(_ => new List<DateOnly>()).ToList();
        for (var i = 0; i < InvoiceCount; i++)
        {
            var pick = random.NextDouble() * total;
            var c = 0;
            while (c < customers.Count - 1 && (pick -= weights[c]) > 0)
                c++;
            invoiceDates[c].Add(WorkingDay(today.AddDays(-random.Next(1, HistoryDays))));
        }
        for (var c = 0; c < customers.Count; c++)
            InvoiceAndCollect(customers[c].Customer, customers[c].Payer, invoiceDates[c].Order().ToList());

        var extras = new DemoExtras(random, today, book);
        extras.AddUnappliedCash(customers.Select(c => c.Customer).ToList());
        extras.AddWriteOffs(customers.Where(c => c.Payer == Payer.Defaulting).Select(c => c.Customer).ToHashSet());
        extras.AddDisputes();
        extras.AddCollectionsWork();
    }

    (SeedCustomer Customer, Payer Payer) NewCustomer(int n)
    {
        var english = random.Next(10) == 0;
        var name = UniqueName(english);
        var city = FrenchCompanies.Pick(random, FrenchCompanies.Cities);
        var siren = FrenchCompanies.Siren(random);
        var domain = FrenchCompanies.Domain(name);
        var payer = random.Next(100) switch { < 55 => Payer.Prompt, < 85 => Payer.Slow, < 95 => Payer.Late, _ => Payer.Defaulting };
        var termsCode = random.Next(100) switch { < 35 => "NET30", < 55 => "NET45", < 75 => "45EOM", < 85 => "EOM45", _ => "NET60" };
        var onHold = payer == Payer.Defaulting && random.Next(3) > 0;
        var customer = book.Add(new SeedCustomer
        {
            AccountNumber = string.Create(CultureInfo.InvariantCulture, $"C{n:00000}"),
            Name = name,
            LegalId = siren,
            VatNumber = FrenchCompanies.VatNumber(siren),
            Line1 = FrenchCompanies.Street(random),
            PostalCode = city.PostalCode,
            City = city.Name,
            StatementEmail = english ? $"accounts@{domain}" : $"compta@{domain}",
            DunningEmail = random.Next(4) == 0 ? $"direction@{domain}" : null,
            Phone = FrenchCompanies.Phone(random, city),
            Language = english ? "en" : "fr",
            PaymentTermsCode = termsCode,
            CreditLimit = random.Next(8) == 0 ? null : random.Next(1, 21) * 5_000m,
            OnHold = onHold,
            OnHoldReason = onHold ? "Retards de paiement répétés — bloqué par le service crédit" : null,
            CreatedAt = new DateTimeOffset(today.AddDays(-HistoryDays - random.Next(30, 2_000)).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
        });
        return (customer, payer);
    }

    readonly HashSet<string> names = new(StringComparer.Ordinal);

    string UniqueName(bool english)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = FrenchCompanies.Name(random, english);
            if (attempt > 20)
                name = string.Create(CultureInfo.InvariantCulture, $"{name} ({attempt})");
            if (names.Add(name))
                return name;
        }
    }

    /// <summary>Invoices one customer and settles each invoice the way that customer pays.</summary>
    void InvoiceAndCollect(SeedCustomer customer, Payer payer, List<DateOnly> dates)
    {
        var batchPayer = random.Next(10) < 3;
        var size = 0.5 + random.NextDouble() * 2.5;
        var dueForPayment = new SortedDictionary<DateOnly, List<(SeedDocument Invoice, decimal Amount)>>();
        foreach (var date in dates)
        {
            var invoice = book.Add(NewInvoice(customer, date, size));
            if (random.Next(100) < 3)
                CreditAgainst(invoice);
            if (PaidOn(invoice, payer) is not { } paidOn || invoice.Open == 0)
                continue;
            // A short payment leaves part of the invoice open, the usual start of a dispute or a small write-off.
            var amount = random.Next(100) < 6 ? Money.Round(invoice.Open * (decimal)(0.5 + random.NextDouble() * 0.45)) : invoice.Open;
            // Batch payers settle everything that falls due in a month with one transfer at the end of it.
            var key = batchPayer ? Min(new DateOnly(paidOn.Year, paidOn.Month, 1).AddMonths(1).AddDays(-1), today) : paidOn;
            if (!dueForPayment.TryGetValue(key, out var group))
                dueForPayment[key] = group = [];
            group.Add((invoice, amount));
        }
        foreach (var (paidOn, group) in dueForPayment)
            Pay(customer, paidOn, group);
    }

    SeedDocument NewInvoice(SeedCustomer customer, DateOnly date, double size)
    {
        var lines = new List<SeedLine>();
        var count = random.Next(100) switch { < 45 => 1, < 75 => 2, < 92 => 3, _ => 4 };
        foreach (var product in Catalogue.OrderBy(_ => random.Next()).Take(count))
        {
            var quantity = Math.Max(1, (int)Math.Round(random.Next(1, product.MaxQuantity + 1) * size));
            lines.Add(SeedLine.Of(product.Description, quantity, product.UnitPrice, product.VatRate));
        }
        var net = lines.Sum(l => l.NetAmount);
        var vat = lines.Sum(l => l.VatAmount);
        return new SeedDocument
        {
            Customer = customer,
            Kind = DocumentKind.Invoice,
            DocumentDate = date,
            DueDate = terms[customer.PaymentTermsCode].DueDate(date),
            Amount = net + vat,
            NetAmount = net,
            VatAmount = vat,
            Reference = string.Create(CultureInfo.InvariantCulture, $"BC-{random.Next(10_000, 99_999)}"),
            Lines = lines,
        };
    }

    /// <summary>A credit note against an invoice for a returned or mispriced part of it, applied to it at once.</summary>
    void CreditAgainst(SeedDocument invoice)
    {
        var date = invoice.DocumentDate.AddDays(random.Next(3, 25));
        if (date > today)
            return;
        var share = random.Next(4) == 0 ? 1m : (decimal)(0.1 + random.NextDouble() * 0.4);
        var net = Money.Round(invoice.NetAmount!.Value * share);
        var vat = Money.Round(invoice.VatAmount!.Value * share);
        var note = book.Add(new SeedDocument
        {
            Customer = invoice.Customer,
            Kind = DocumentKind.CreditNote,
            DocumentDate = date,
            Amount = net + vat,
            NetAmount = net,
            VatAmount = vat,
            Description = FrenchCompanies.Pick(random, CreditReasons),
            Invoice = invoice,
        });
        book.Allocate(invoice, note, Math.Min(note.Amount, invoice.Open));
    }

    /// <summary>When the customer pays the invoice, or null if it is still unpaid today.</summary>
    DateOnly? PaidOn(SeedDocument invoice, Payer payer)
    {
        var due = invoice.DueDate!.Value;
        var (neverPercent, earliest, latest) = payer switch
        {
            Payer.Prompt => (0, -10, 6),
            Payer.Slow => (1, 3, 45),
            Payer.Late => (8, 20, 120),
            Payer.Defaulting => (45, 45, 200),
        };
        if (random.Next(100) < neverPercent)
            return null;
        var paidOn = WorkingDay(due.AddDays(random.Next(earliest, latest + 1)));
        if (paidOn <= invoice.DocumentDate)
            paidOn = invoice.DocumentDate.AddDays(1);
        return paidOn <= today ? paidOn : null;
    }

    void Pay(SeedCustomer customer, DateOnly paidOn, List<(SeedDocument Invoice, decimal Amount)> group)
    {
        var method = random.Next(100) switch { < 72 => PaymentMethod.Transfer, < 84 => PaymentMethod.Cheque, < 95 => PaymentMethod.DirectDebit, _ => PaymentMethod.Card };
        var valueDate = method == PaymentMethod.Cheque ? Min(paidOn.AddDays(2), today) : paidOn;
        var payment = book.Add(new SeedDocument
        {
            Customer = customer,
            Kind = DocumentKind.Payment,
            DocumentDate = paidOn,
            ValueDate = valueDate,
            Amount = group.Sum(g => g.Amount),
            Method = method,
            Reference = method switch
            {
                PaymentMethod.Cheque => string.Create(CultureInfo.InvariantCulture, $"CHQ {random.Next(1_000_000, 9_999_999)}"),
                PaymentMethod.DirectDebit => "PRLV SEPA " + customer.AccountNumber,
                _ => "VIR " + customer.Name.ToUpperInvariant(),
            },
        });
        foreach (var (invoice, amount) in group)
            book.Allocate(invoice, payment, amount);
    }

    static DateOnly WorkingDay(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Saturday => d.AddDays(-1),
        DayOfWeek.Sunday => d.AddDays(1),
        _ => d,
    };

    static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
