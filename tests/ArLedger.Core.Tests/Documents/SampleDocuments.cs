using ArLedger.Documents;
using ArLedger.Documents.PdfSharp;

namespace ArLedger.Core.Tests.Documents;

/// <summary>A company and a statement-like document long enough to run over three pages.</summary>
static class SampleDocuments
{
    public static CompanyProfile Company(string? logoPath = null) => new CompanyProfile
    {
        Name = "Établissements Dupré & Fils",
        AddressLines = ["12 rue de la Forêt", "69003 Lyon"],
        LegalForm = "SAS au capital de 150 000 €",
        Siren = "552 100 554",
        Siret = "552 100 554 00021",
        VatNumber = "FR40 552100554",
        Iban = "FR76 3000 6000 0112 3456 7890 189",
        Bic = "AGRIFRPP",
        Email = "comptabilite@dupre.example",
        Phone = "04 72 00 00 00",
        LogoPath = logoPath,
    }.WithLogoFile();

    public static IPdfRenderer Renderer() => new PdfSharpRenderer();

    public static DocumentContent Statement(int rows = 90, string? logoPath = null)
    {
        var lines = Enumerable.Range(1, rows).Select(i =>
        {
            var date = new DateOnly(2026, 9, 1).AddDays(i % 30);
            var amount = 1234.5m + i * 17.25m;
            return new TableRow([
                Amounts.Format(date, "fr"),
                $"FA-2026-{i:D5}",
                i switch
                {
                    5 => "Facture n° 5 – prestation de maintenance préventive et corrective des équipements frigorifiques, déplacement compris",
                    _ when i % 7 == 0 => "Règlement reçu par virement — merci",
                    _ => $"Facture n° {i} – œuvre « cœur » été",
                },
                Amounts.Format(date.AddDays(30), "fr"),
                Amounts.Format(amount, "EUR", "fr"),
            ]);
        }).ToList();
        return new DocumentContent
        {
            Title = "Relevé de compte — septembre 2026",
            Company = Company(logoPath),
            RecipientAddress = ["Société Générale d'Équipement Côté Sud", "Service comptabilité fournisseurs", "8 boulevard François Mitterrand", "13008 Marseille", "FRANCE"],
            Details =
            [
                new("Date", "30/09/2026"),
                new("Compte client", "C00042"),
                new("Période", "du 01/09/2026 au 30/09/2026"),
                new("Contact", "comptabilite@dupre.example"),
            ],
            Body =
            [
                new Heading("Relevé de compte"),
                new Paragraph("Madame, Monsieur,\nCe relevé récapitule chaque créance ouverte sur votre compte, sa date d'échéance et chaque règlement reçu au cours de la période. Les montants sont exprimés en euros (€)."),
                new Table(
                    [
                        new("Date", 1.1),
                        new("Pièce", 1.3),
                        new("Libellé", 3.2),
                        new("Échéance", 1.1),
                        new("Montant", 1.3, CellAlign.Right),
                    ],
                    lines),
                new Totals(
                [
                    new("Solde d'ouverture", Amounts.Format(12500m, "EUR", "fr")),
                    new("Factures et avoirs", Amounts.Format(lines.Count * 1000m, "EUR", "fr")),
                    new("Règlements reçus", Amounts.Format(-4000m, "EUR", "fr")),
                    new("Solde dû au 30/09/2026", Amounts.Format(98500m, "EUR", "fr"), Emphasis: true),
                ]),
                new Paragraph("Pénalités de retard : taux BCE + 10 points. Indemnité forfaitaire pour frais de recouvrement : 40 €.", Small: true),
            ],
        };
    }
}
