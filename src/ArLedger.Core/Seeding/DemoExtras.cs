using ArLedger.Activities;
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

    /// <summary>The demo clerk (see the seed verb's demo users), who makes the calls.</summary>
    const string Clerk = "clerk";

    static readonly string[] NoAnswer =
    [
        "Messagerie : message laissé au service comptabilité.",
        "Pas de réponse au standard, rappeler en début de semaine.",
        "Ligne occupée ; relance envoyée par e-mail en parallèle.",
    ];

    static readonly string[] Reached =
    [
        "Joint la comptable : factures bien reçues, en attente de validation par le directeur financier.",
        "Le client attend le règlement de son propre client pour nous payer ; rappeler dans dix jours.",
        "Factures renvoyées par e-mail : le bon de commande manquait pour la saisie chez le client.",
    ];

    static readonly string[] Notes =
    [
        "Client en difficulté de trésorerie : proposer un échéancier sans paiement d'ici la fin du mois.",
        "Nouvelle interlocutrice à la comptabilité, coordonnées à confirmer au prochain appel.",
        "Relevé de compte renvoyé à la demande du client.",
    ];

    /// <summary>
    /// What the collectors did lately about late payers: unanswered calls, calls that reached someone, notes,
    /// promises to pay still pending or past their date, and promises that payments kept.
    /// </summary>
    public void AddCollectionsWork()
    {
        var disputed = book.Disputes.Where(d => d.Status == DisputeStatus.Open).Select(d => d.Invoice).ToHashSet();
        var late = OpenInvoices()
            .Where(i => i.DueDate < today.AddDays(-10) && !disputed.Contains(i) && !i.Customer.OnHold)
            .GroupBy(i => i.Customer)
            .OrderBy(_ => random.Next()).Take(45).ToList();
        for (var n = 0; n < late.Count; n++)
        {
            var customer = late[n].Key;
            var overdue = late[n].OrderBy(i => i.DueDate).ToList();
            // A first call a week or two after the oldest invoice fell due, within the last six weeks.
            var first = Min(Later(overdue[0].DueDate!.Value.AddDays(random.Next(7, 15)), today.AddDays(-42)), today.AddDays(-2));
            book.Log(customer, ActivityKind.Call, CallOutcome.NoAnswer, FrenchCompanies.Pick(random, NoAnswer), first, Clerk);
            var second = first.AddDays(random.Next(1, 3));
            var promised = overdue.Take(2).ToList();
            var promisedDate = n % 3 == 1 && second.AddDays(7) < today ? second.AddDays(7) : today.AddDays(random.Next(2, 15));
            if (n % 3 == 2)
            {
                book.Log(customer, ActivityKind.Call, CallOutcome.Reached, FrenchCompanies.Pick(random, Reached), second, Clerk);
                book.Log(customer, ActivityKind.Note, null, FrenchCompanies.Pick(random, Notes), second, Clerk);
                continue;
            }
            book.Log(customer, ActivityKind.Call, CallOutcome.Promised,
                "Le client s'engage à régler les factures les plus anciennes par virement.", second, Clerk);
            book.Promise(promised, promised.Sum(i => i.Open), second, promisedDate, "Engagement pris au téléphone avec la comptabilité.", Clerk);
        }

        // Promises the customers kept: a payment matched to the invoice between the promise and its date.
        var paidLately = book.Allocations
            .Where(a => a.Debit.Kind == DocumentKind.Invoice && a.Credit.Kind == DocumentKind.Payment && a.Debit.Open == 0 && a.Date >= today.AddDays(-60) && a.Date < today.AddDays(-5))
            .GroupBy(a => a.Debit.Customer).Select(g => g.First())
            .OrderBy(_ => random.Next()).Take(8).ToList();
        foreach (var paid in paidLately)
        {
            var madeOn = Later(paid.Debit.DocumentDate, paid.Date.AddDays(-random.Next(3, 9)));
            var amount = book.Allocations.Where(a => a.Debit == paid.Debit && a.Credit.Kind == DocumentKind.Payment && a.Date >= madeOn && a.Date <= paid.Date).Sum(a => a.Amount);
            book.Log(paid.Debit.Customer, ActivityKind.Call, CallOutcome.Promised, "Règlement promis pour la fin de la semaine.", madeOn, Clerk);
            book.Promise([paid.Debit], amount, madeOn, paid.Date, "Promesse faite au téléphone.", Clerk);
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

    static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
