using System.Text;
using System.Text.RegularExpressions;
using ArLedger.Identity;
using Microsoft.Playwright;

namespace ArLedger.Web.Tests.Browser;

/// <summary>A clerk imports customers from a CSV file, then meets a bad row in an invoices file.</summary>
public sealed class ImportTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    static FilePayload Csv(string name, string text) =>
        new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task A_clerk_imports_customers_after_the_preview_and_sees_a_bad_invoice_row_by_row_and_column()
    {
        var page = await app.SignedInPageAsync(Roles.Clerk);
        await page.GetByRole(AriaRole.Link, new() { Name = "Imports", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Imports");
        await Assertions.Expect(page.Locator("#kind-Customers")).ToBeFocusedAsync();

        await page.Locator("#upload").SetInputFilesAsync(Csv("clients-mars.csv",
            "external_id;compte;nom;ville;telephone\n" +
            "IMP-1;IMP001;Épicerie fine Lemoine;Dijon;03 80 00 00 00\n" +
            "IMP-2;IMP002;\"Transports Roux; Fils\";Valence;\n" +
            "IMP-3;IMP003;Atelier Nguyen;Rennes;02 99 00 00 00\n"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("/Imports/Preview/[0-9]+$"));
        await Assertions.Expect(page.GetByTestId("create-count")).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByTestId("rows").Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("rows")).ToContainTextAsync("Transports Roux; Fils");
        await Assertions.Expect(page.GetByTestId("confirm")).ToBeFocusedAsync();
        await BrowserApp.ScreenshotAsync(page, "imports-02-customers-preview");

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("import-status")).ToHaveTextAsync("Importé");
        await Assertions.Expect(page.Locator(".alert-success").First).ToContainTextAsync("3 nouvelles lignes");
        await BrowserApp.ScreenshotAsync(page, "imports-03-customers-imported");
        await page.GotoAsync("/Customers?q=IMP00");
        await Assertions.Expect(page.Locator("table tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("table tbody")).ToContainTextAsync("Épicerie fine Lemoine");

        await page.GotoAsync("/Imports");
        await page.Locator("#kind-Invoices").CheckAsync();
        await page.Locator("#upload").SetInputFilesAsync(Csv("factures-mars.csv",
            "external_id;numero_facture;compte_client;date_facture;montant_ht;montant_tva;libelle\n" +
            "IMPF-1;IMP-FA-101;IMP001;02/03/2026;1 200,00;240,00;Coffrets cadeaux\n" +
            "IMPF-2;IMP-FA-102;IMP002;03/03/2026;12,3,4;0,00;Transport\n" +
            "IMPF-3;IMP-FA-103;IMP404;04/03/2026;80,00;16,00;Caisses\n" +
            "IMPF-4;IMP-FA-104;IMP003;31/02/2026;75,00;15,00;Réparation\n"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier le fichier" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Imports/Preview/[0-9]+$"));

        await Assertions.Expect(page.GetByTestId("error-count")).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByTestId("first-error")).ToContainTextAsync("Ligne 3, colonne « montant_ht » : « 12,3,4 » n'est pas un montant");
        var errors = page.GetByTestId("errors").Locator("tbody tr");
        await Assertions.Expect(errors).ToHaveCountAsync(3);
        await Assertions.Expect(errors.Nth(1)).ToContainTextAsync("compte_client");
        await Assertions.Expect(errors.Nth(1)).ToContainTextAsync("Aucun client n'a le numéro de compte « IMP404 »");
        await Assertions.Expect(errors.Nth(2)).ToContainTextAsync("« 31/02/2026 » n'est pas une date");
        await Assertions.Expect(page.GetByTestId("confirm")).ToBeDisabledAsync();
        await BrowserApp.ScreenshotAsync(page, "imports-04-invoices-with-errors");

        await page.GotoAsync("/Imports");
        await Assertions.Expect(page.GetByTestId("recent-imports").Locator("tbody tr")).ToHaveCountAsync(2);
        await BrowserApp.ScreenshotAsync(page, "imports-01-index");
    }

    [Fact]
    public async Task The_import_page_reads_in_English_after_the_switch()
    {
        var page = await app.SignedInPageAsync(Roles.Clerk);
        await page.GotoAsync("/Imports");

        await page.GetByRole(AriaRole.Link, new() { Name = "EN", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("h2").First).ToHaveTextAsync("Check a file");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check the file" })).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "imports-05-index-english");
    }
}
