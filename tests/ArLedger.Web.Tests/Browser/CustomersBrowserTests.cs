using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using ArLedger.Documents;
using ArLedger.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ArLedger.Web.Tests.Browser;

/// <summary>A clerk's customer work in a real browser: create, read the tabs, filter, sort, page and export the list.</summary>
public sealed class CustomersBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_clerk_creates_a_customer_typing_through_the_form_and_reads_its_tabs()
    {
        var page = await app.SignedInPageAsync(Roles.Clerk);
        await page.GotoAsync("/Customers");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouveau client" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Customers/Create$"));

        // The account number has the focus; Tab walks the form in reading order. Typing starts once the focus is
        // there: on a loaded machine the first keys could otherwise land before the page has set it.
        await Assertions.Expect(page.Locator("#Input_AccountNumber")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("C9001");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Fromagerie Lefèvre & Fils");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("552100554");
        await page.FillAsync("#Input_Line1", "12 rue des Halles");
        await page.FillAsync("#Input_PostalCode", "69002");
        await page.FillAsync("#Input_City", "Lyon");
        await page.FillAsync("#Input_StatementEmail", "compta@lefevre.example");
        await page.SelectOptionAsync("#Input_PaymentTerms", "45EOM");
        await BrowserApp.ScreenshotAsync(page, "customers-create");
        await page.Locator("#Input_Phone").PressAsync("Enter");

        await page.WaitForURLAsync(new Regex("/Customers/C9001$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Fromagerie Lefèvre & Fils");
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Client C9001 créé.");
        await Assertions.Expect(page.Locator("[data-tab=OpenItems]")).ToHaveClassAsync(new Regex("active"));
        await BrowserApp.ScreenshotAsync(page, "customers-new-customer");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ArLedger.Persistence.ArLedgerDbContext>();
            var id = db.Customers.Single(c => c.AccountNumber == "C9001").Id;
            await scope.ServiceProvider.GetRequiredService<DocumentArchive>().ArchiveAsync(new DocumentToArchive(
                ArchivedDocumentKind.Statement, id, "2026-02", "releve-C9001-2026-02.pdf", Encoding.ASCII.GetBytes("%PDF-1.4 test")));
        }

        // A demo customer with a history, for tabs that have something to show.
        await page.GotoAsync("/Customers?sort=balance&desc=true");
        await page.Locator("#customers tbody tr a").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/Customers/[^/?]+$"));
        await BrowserApp.ScreenshotAsync(page, "customers-tab-open-items");
        await page.Locator("[data-tab=Ledger]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/Ledger$"));
        await Assertions.Expect(page.Locator("#ledger tbody tr").First).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "customers-tab-ledger");

        await page.GotoAsync("/Customers/C9001/Documents");
        await Assertions.Expect(page.Locator("#documents tbody tr")).ToHaveCountAsync(1);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#documents a").First.ClickAsync());
        Assert.Equal("releve-C9001-2026-02.pdf", download.SuggestedFilename);
        await BrowserApp.ScreenshotAsync(page, "customers-tab-documents");

        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Customers/Edit/C9001$"));
        await Assertions.Expect(page.Locator("#Input_Name")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#Input_CreditLimit")).ToHaveAttributeAsync("readonly", new Regex(".*"));
        await BrowserApp.ScreenshotAsync(page, "customers-edit");
    }

    [Fact]
    public async Task A_clerk_filters_sorts_pages_and_exports_exactly_what_the_list_shows()
    {
        var page = await app.SignedInPageAsync(Roles.Clerk);
        await page.GotoAsync("/Customers");
        var rows = page.Locator("#customers tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        await BrowserApp.ScreenshotAsync(page, "customers-list");

        await page.Locator("label[for=filter-overdue]").ClickAsync();
        await page.WaitForURLAsync(new Regex("overdue=true"), Parsed);
        foreach (var overdue in await AttributeOfRowsAsync(page, "data-overdue"))
            Assert.True(decimal.Parse(overdue, CultureInfo.InvariantCulture) > 0);
        await BrowserApp.ScreenshotAsync(page, "customers-list-overdue");

        await page.Locator("label[for=filter-overdue]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("overdue=true", StringComparison.Ordinal), Parsed);
        await page.Locator("label[for=filter-hold]").ClickAsync();
        await page.WaitForURLAsync(new Regex("hold=true"), Parsed);
        Assert.True(await rows.CountAsync() > 0);
        Assert.Equal(await rows.CountAsync(), await page.Locator("#customers tbody tr [data-badge=hold]").CountAsync());

        await page.GotoAsync("/Customers");
        await page.Locator("th a[data-sort=balance]").ClickAsync();
        await page.WaitForURLAsync(new Regex("sort=balance"), Parsed);
        var balances = (await AttributeOfRowsAsync(page, "data-balance")).Select(b => decimal.Parse(b, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(balances.OrderDescending(), balances);
        await BrowserApp.ScreenshotAsync(page, "customers-list-by-balance");

        var first = await AttributeOfRowsAsync(page, "data-account");
        await page.Locator("[data-page=next]").ClickAsync();
        await page.WaitForURLAsync(new Regex("after="), Parsed);
        var second = await AttributeOfRowsAsync(page, "data-account");
        Assert.Equal(25, second.Count);
        Assert.Empty(first.Intersect(second));
        var secondBalances = (await AttributeOfRowsAsync(page, "data-balance")).Select(b => decimal.Parse(b, CultureInfo.InvariantCulture));
        Assert.True(secondBalances.Max() <= balances.Min());
        await page.Locator("[data-page=previous]").ClickAsync();
        await page.WaitForURLAsync(new Regex("before="), Parsed);
        Assert.Equal(first, await AttributeOfRowsAsync(page, "data-account"));

        // Exports take the list as filtered and sorted, every page of it.
        var total = int.Parse(await page.Locator("[data-total]").GetAttributeAsync("data-total") ?? "0", CultureInfo.InvariantCulture);
        var csv = await DownloadAsync(page, "csv");
        var lines = Encoding.UTF8.GetString(csv).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Compte;Raison sociale;Ville", lines[0], StringComparison.Ordinal);
        Assert.Equal(total + 1, lines.Length);
        Assert.StartsWith(first[0] + ";", lines[1], StringComparison.Ordinal);

        var xlsx = await DownloadAsync(page, "xlsx");
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = await sheet.ReadToEndAsync();
        Assert.Contains("<t>Compte</t>", xml, StringComparison.Ordinal);
        Assert.Contains($"<t>{first[0]}</t>", xml, StringComparison.Ordinal);
        Assert.Equal(total + 1, Regex.Count(xml, "<row[ >]"));
    }

    /// <summary>A list page counts as arrived once its HTML is parsed: its rows are there, whatever its icons' font does.</summary>
    static readonly PageWaitForURLOptions Parsed = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    static async Task<List<string>> AttributeOfRowsAsync(IPage page, string attribute) =>
        [.. (await page.Locator($"#customers tbody tr").EvaluateAllAsync<string[]>($"rows => rows.map(r => r.getAttribute('{attribute}'))"))];

    static async Task<byte[]> DownloadAsync(IPage page, string format)
    {
        await page.Locator("button.dropdown-toggle", new() { HasText = "Exporter" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"[data-export={format}]").ClickAsync());
        return await File.ReadAllBytesAsync((await download.PathAsync())!);
    }
}
