using System.Text.RegularExpressions;
using ArLedger.Identity;
using ArLedger.Testing;
using Microsoft.Playwright;

namespace ArLedger.Web.Tests.Browser;

/// <summary>An administrator fills in the company settings from the home page's warning, and the next statement prints them.</summary>
public sealed class CompanySettingsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_company_settings_page_saves_an_IBAN_that_then_appears_on_a_statement_pdf()
    {
        var book = new Book(app.Database, app.Clock);
        var customer = await book.CustomerAsync("IBAN-WEB");
        await book.InvoiceAsync("IBAN-WEB", 960m, app.Clock.Today.AddDays(-20));
        var page = await app.SignedInPageAsync(Roles.Admin);

        await page.GotoAsync("/");
        var warning = page.Locator("[data-testid=company-gaps]");
        await Assertions.Expect(warning).ToContainTextAsync("IBAN");
        await BrowserApp.ScreenshotAsync(page, "company-settings-home-warning", fullPage: false);
        await warning.ClickAsync();
        await page.WaitForURLAsync(new Regex("/Admin/Company$"));
        await Assertions.Expect(page.Locator("#Input_Name")).ToBeFocusedAsync();

        // A wrong check digit is refused at the field first.
        await page.FillAsync("#Input_Iban", "FR76 3000 6000 0112 3456 7890 188");
        await page.Locator("#Input_Iban").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#Input_Iban")).ToHaveClassAsync(new Regex("is-invalid"));
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.Iban']")).ToContainTextAsync("Cet IBAN n'est pas valide");
        await BrowserApp.ScreenshotAsync(page, "company-settings-invalid-iban");

        await page.FillAsync("#Input_Name", "Dupré Négoce SAS");
        await page.FillAsync("#Input_Siren", "552 100 554");
        await page.FillAsync("#Input_VatNumber", "FR96552100554");
        await page.FillAsync("#Input_Iban", "fr76 3000 6000 0112 3456 7890 189");
        await page.FillAsync("#Input_Bic", "AGRIFRPP");
        await page.Locator("#Input_Bic").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Les paramètres de la société sont enregistrés.");
        await Assertions.Expect(page.Locator("#Input_Iban")).ToHaveValueAsync("FR76 3000 6000 0112 3456 7890 189");
        await BrowserApp.ScreenshotAsync(page, "company-settings");

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("[data-testid=company-gaps]")).ToHaveCountAsync(0);
        await page.GotoAsync($"/Statements/Customer/{customer.AccountNumber}?from={book.Today.AddDays(-30):yyyy-MM-dd}&to={book.Today:yyyy-MM-dd}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger" }).ClickAsync());
        var path = Path.Combine(Artifacts.Directory("pdf"), "company-settings-statement.pdf");
        await download.SaveAsAsync(path);
        var text = (await PdfTools.TextAsync(path)).Replace('\u00a0', ' ');

        Assert.Contains("FR76 3000 6000 0112 3456 7890 189", text, StringComparison.Ordinal);
        Assert.Contains("AGRIFRPP", text, StringComparison.Ordinal);
        Assert.Contains("SIREN 552 100 554", text, StringComparison.Ordinal);
    }
}
