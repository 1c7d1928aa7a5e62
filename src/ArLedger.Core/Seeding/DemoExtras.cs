using ArLedger.Disputes;
using ArLedger.Ledger;
using ArLedger.Payments;

namespace ArLedger.Seeding;

/// <summary>What a clerk finds in a real book besides invoices and their payments: cash nobody matched yet,
/// credit notes on account, disputes, and write-offs a manager approved.</summary>
sealed class DemoExtras(Random random, DateOnly today, SeedBook book)
{
    static readonly (DisputeReason Reason, string Description)[] DisputeTexts =
    [
        (DisputeReason.Price, "Le client conteste le prix unitaire : tarif négocié non appliqué."),
        (DisputeReason.Price, "Remise de fin d'année non déduite selon le client."),
        (DisputeReason.Quantity, "Quantité facturée supérieure au bon de livraison signé."),
        (DisputeReason.Quality, "Marchandise abîmée à la réception, photos transmises par le client."),
        (DisputeReason.Quality, "Produits frais livrés hors chaîne du froid."),
        (DisputeReason.NotReceived, "Le client déclare ne pas avoir reçu la livraison."),
        (DisputeReason.DuplicateBilling, "Facture en double avec une facture du même mois selon le client."),
        (DisputeReason.VatError, "Taux de TVA contesté (5,5 % attendu au lieu de 20 %)."),
        (DisputeReason.Other, "Bon de commande manquant, le client demande une copie avant paiement."),
    ];

    /// <summary>Transfers received but not yet matched, and credit notes granted on account.</summary>
    public void AddUnappliedCash(IReadOnlyList<SeedCustomer> customers)
    {
        for (var i = 0; i < 12; i++)
        {
            var customer = FrenchCompanies.Pick(random, customers);
            var date = today.AddDays(-random.Next(1, 40));
            book.Add(new SeedDocument
            {
                Customer = customer,
                Kind = DocumentKind.Payment,
                DocumentDate = date,
                ValueDate = date,
                Amount = random.Next(5, 400) * 10m + random.Next(100) / 100m,
                Method = PaymentMethod.Transfer,
                Reference = i % 3 == 0 ? "VIR SEPA ACOMPTE COMMANDE" : "VIR " + customer.Name.ToUpperInvariant(),
            });
        }
        for (var i = 0; i < 5; i++)
        {
            var customer = FrenchCompanies.Pick(random, customers);
            var net = random.Next(10, 150) * 10m;
            book.Add(new SeedDocument
            {
                Customer = customer,
                Kind = DocumentKind.CreditNote,
                DocumentDate = today.AddDays(-random.Next(5, 60)),
                Amount = net + Money.Round(net * 0.2m),
                NetAmount = net,
                VatAmount = Money.Round(net * 0.2m),
                Description = "Ristourne annuelle sur volume",
            });
        }
    }

    /// <summary>Bad debts of customers that stopped paying, and small short-payment residues nobody will chase.</summary>
    public void AddWriteOffs(ISet<SeedCustomer> defaulting)
    {
        var old = today.AddDays(-300);
        var badDebts = OpenInvoices().Where(i => defaulting.Contains(i.Customer) && i.DocumentDate < old).Take(4);
        foreach (var invoice in badDebts.ToList())
            book.WriteOff(invoice, invoice.Open, "Liquidation judiciaire du client — créance irrécouvrable", Recent(invoice));
        var residues = OpenInvoices().Where(i => i.Allocated > 0 && i.Open < 30m && i.DueDate < today.AddDays(-90)).Take(4);
        foreach (var invoice in residues.ToList())
            book.WriteOff(invoice, invoice.Open, "Écart de règlement inférieur au seuil de relance", Recent(invoice));
    }

    /// <summary>About thirty open disputes on overdue invoices, and a few rejected ones already settled.</summary>
    public void AddDisputes()
    {
        var candidates = OpenInvoices().Where(i => i.DueDate < today && i.Open >= 50m).OrderBy(_ => random.Next()).Take(30).ToList();
        foreach (var invoice in candidates)
        {
            var (reason, text) = FrenchCompanies.Pick(random, DisputeTexts);
            var amount = random.Next(3) == 0 ? invoice.Open : Money.Round(invoice.Open * (decimal)(0.2 + random.NextDouble() * 0.6));
            book.Dispute(invoice, amount, reason, text, Min(invoice.DueDate!.Value.AddDays(random.Next(1, 20)), today));
        }
        var settled = book.Documents.Where(d => d.Kind == DocumentKind.Invoice && d.Open == 0 && d.WrittenOff == 0)
            .OrderBy(_ => random.Next()).Take(6).ToList();
        foreach (var invoice in settled)
        {
            var (reason, text) = FrenchCompanies.Pick(random, DisputeTexts);
            book.Dispute(invoice, Money.Round(invoice.Amount / 2), reason, text, Min(invoice.DocumentDate.AddDays(10), today),
                rejection: "Bon de livraison signé sans réserve : facture maintenue, le client a réglé.");
        }
    }

    IEnumerable<SeedDocument> OpenInvoices() =>
        book.Documents.Where(d => d.Kind == DocumentKind.Invoice && d.Open > 0).OrderBy(d => d.DocumentDate);

    DateOnly Recent(SeedDocument invoice)
    {
        var date = today.AddDays(-random.Next(5, 60));
        return date < invoice.DocumentDate ? invoice.DocumentDate : date;
    }

    static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
