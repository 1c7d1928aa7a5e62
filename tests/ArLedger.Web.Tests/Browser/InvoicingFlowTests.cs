using System.Text.RegularExpressions;
using ArLedger.Customers;
using ArLedger.Identity;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ArLedger.Web.Tests.Browser;

/// <summary>A clerk's invoicing day: an invoice with lines, a payment allocated in part, the rest applied later, a reversal, the PDF copy.</summary>
public sealed class InvoicingFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    Book Book => new(app.Database, app.Clock);

    /// <summary>A customer of its own with a postal address, so the proposals only see this test's invoices.</summary>
    async Task<string> CustomerAsync(string language = "fr")
    {
        var account = $"INV{Guid.NewGuid():N}"[..10].ToUpperInvariant();
        var created = await Book.TryCustomerAsync(new CreateCustomer(account, $"Boulangerie Dupain {account[3..7]}", VatNumber: "FR12345678901",
            BillingAddress: new AddressInput("12 rue des Lilas", null, "69003", "Lyon", "FR"), Language: language));
        Assert.True(created.Succeeded, created.Problem?.Message);
        return account;
    }

    /// <summary>Spaces as browsers and .NET print them in French amounts (narrow or plain no-break) made plain.</summary>
    static string Plain(string text) => text.Replace('\u202f', ' ').Replace('\u00a0', ' ');

    static async Task<string> TextOfAsync(ILocator locator) => Plain(await locator.InnerTextAsync());

    [Fact]
    public async Task A_clerk_creates_an_invoice_with_two_lines_sees_the_totals_while_typing_and_opens_its_PDF_copy()
    {
        var account = await CustomerAsync();
        var page = await app.SignedInPageAsync(Roles.Clerk);

        await page.GotoAsync($"/Invoices/Create?customer={account}");
        await Expect(page.Locator("#InvoiceDate")).ToBeFocusedAsync();
        await Expect(page.Locator("#DueDate")).ToHaveValueAsync(app.Clock.Today.AddDays(30).ToString("yyyy-MM-dd"));
        // Enter on an empty line: the server says what is missing, at the line's fields.
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("input[name='Lines[0].Description'].is-invalid")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-line] .invalid-feedback").First).ToHaveTextAsync("Indiquez ce qui est facturé.");
        await BrowserApp.ScreenshotAsync(page, "invoicing-00-invoice-create-errors");
        await page.FillAsync("#Reference", "BC-2026-117");
        var first = page.Locator("tr[data-line]").Nth(0);
        await first.Locator("input[name$='.Description']").FillAsync("Farine T65 — sac 25 kg");
        await first.Locator("input[name$='.Quantity']").FillAsync("10");
        await first.Locator("input[name$='.UnitPrice']").FillAsync("18,40");
        await first.Locator("select").SelectOptionAsync("5.5");
        // Ctrl+Enter in a line adds the next one and puts the cursor in it.
        await first.Locator("input[name$='.UnitPrice']").PressAsync("Control+Enter");
        var second = page.Locator("tr[data-line]").Nth(1);
        await Expect(second.Locator("input[name='Lines[1].Description']")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Livraison express");
        await second.Locator("input[name$='.Quantity']").FillAsync("1");
        await second.Locator("input[name$='.UnitPrice']").FillAsync("45");
        await second.Locator("select").SelectOptionAsync("20");

        // 10 x 18.40 = 184.00 at 5.5% (10.12) and 45.00 at 20% (9.00).
        await Expect(page.Locator("[data-total-net]")).ToHaveTextAsync(new Regex("229,00"));
        await Expect(page.Locator("[data-total-vat]")).ToHaveTextAsync(new Regex("19,12"));
        await Expect(page.Locator("[data-total-gross]")).ToHaveTextAsync(new Regex("248,12"));
        await BrowserApp.ScreenshotAsync(page, "invoicing-01-invoice-create");

        await second.Locator("input[name$='.UnitPrice']").PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("/Invoices/Details/FA-"));
        var number = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await Expect(page.Locator("h1")).ToContainTextAsync(number);
        Assert.Contains("248,12", await TextOfAsync(page.Locator("[data-testid=gross]")));
        Assert.Contains("248,12", await TextOfAsync(page.Locator("[data-testid=open-amount]")));
        await Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Non réglée");
        await Expect(page.Locator("[data-testid=lines] tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=history]")).ToContainTextAsync("Facture enregistrée");
        await BrowserApp.ScreenshotAsync(page, "invoicing-02-invoice-details");

        // The PDF copy: served inline as a PDF, its text names the invoice and its total.
        var response = await page.APIRequest.GetAsync($"/Invoices/Pdf/{number}");
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        Assert.StartsWith("inline", response.Headers["content-disposition"], StringComparison.Ordinal);
        var text = Plain(await PdfTools.KeepAndReadAsync(await response.BodyAsync(), "invoicing-invoice-copy"));
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains("248,12", text, StringComparison.Ordinal);
        Assert.Contains("Farine T65", text, StringComparison.Ordinal);
        Assert.Contains("Boulangerie Dupain", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clerk_records_a_partial_payment_allocates_it_by_reference_then_applies_the_rest_and_reverses_an_allocation()
    {
        var account = await CustomerAsync();
        var older = await Book.InvoiceAsync(account, 100m, app.Clock.Today.AddDays(-45));
        var newer = await Book.InvoiceAsync(account, 248.12m, app.Clock.Today.AddDays(-5));
        var page = await app.SignedInPageAsync(Roles.Clerk);

        // From the payment page without a customer: pick one, then the amount; with no reference the oldest
        // due invoice comes first.
        await page.GotoAsync("/Payments/Record");
        await Expect(page.Locator("#customer")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(account);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex($"customer={account}"));
        await Expect(page.Locator("#Amount")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("200");
        await page.Keyboard.PressAsync("Enter");
        var olderRow = page.Locator($"tr[data-debit='{older.Number}'] input[data-allocation-amount]");
        var newerRow = page.Locator($"tr[data-debit='{newer.Number}'] input[data-allocation-amount]");
        await Expect(olderRow).ToHaveValueAsync("100,00");
        await Expect(newerRow).ToHaveValueAsync("100,00");
        await Expect(olderRow).ToBeFocusedAsync();

        // A bank reference that names the newer invoice puts it first.
        await page.FillAsync("#Reference", $"VIR SEPA DUPAIN {newer.Number}");
        await page.Locator("#Reference").PressAsync("Tab");
        await Expect(page.Locator("tr[data-debit]").First).ToHaveAttributeAsync("data-debit", newer.Number);
        await Expect(newerRow).ToHaveValueAsync("200,00");
        await Expect(olderRow).ToHaveValueAsync("");

        // The clerk settles 150.00 of it and leaves the rest unapplied; the remainder follows the typing.
        await newerRow.FillAsync("150");
        await Expect(page.Locator("[data-remainder]")).ToHaveTextAsync(new Regex("50,00"));
        await BrowserApp.ScreenshotAsync(page, "invoicing-03-payment-record");
        await newerRow.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("/Payments/Details/RG-"));
        var payment = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        Assert.Contains("50,00", await TextOfAsync(page.Locator("[data-testid=unapplied]")));
        await Expect(page.Locator("[data-testid=allocations] tbody tr")).ToHaveCountAsync(1);

        await page.GotoAsync($"/Invoices/Details/{newer.Number}");
        await Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Partiellement réglée");
        Assert.Contains("98,12", await TextOfAsync(page.Locator("[data-testid=open-amount]")));

        // Later: the 50.00 left. The proposal follows the payment's reference again; the clerk clears it and
        // puts the 50.00 on the older invoice instead.
        await page.GotoAsync($"/Payments/Apply?customer={account}");
        await Expect(page.Locator("[data-testid=credits] tbody tr")).ToHaveCountAsync(1);
        var applyOlder = page.Locator($"tr[data-debit='{older.Number}'] input[data-allocation-amount]");
        var applyNewer = page.Locator($"tr[data-debit='{newer.Number}'] input[data-allocation-amount]");
        await Expect(applyNewer).ToHaveValueAsync("50,00");
        await Expect(applyNewer).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Alt+x");
        await Expect(applyNewer).ToHaveValueAsync("");
        await Expect(page.Locator("[data-remainder]")).ToHaveTextAsync(new Regex("50,00"));
        await page.Keyboard.PressAsync("Tab");
        await Expect(applyOlder).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("50");
        await Expect(page.Locator("[data-remainder]")).ToHaveTextAsync(new Regex("^0,00"));
        await BrowserApp.ScreenshotAsync(page, "invoicing-04-payment-apply");
        await applyOlder.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex($"/Payments/Details/{payment}"));
        Assert.Contains("0,00", await TextOfAsync(page.Locator("[data-testid=unapplied]")));
        await Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Entièrement lettré");
        await Expect(page.Locator("[data-testid=history]")).ToContainTextAsync("Mode de règlement Virement");
        await BrowserApp.ScreenshotAsync(page, "invoicing-05-payment-details");

        // A wrong allocation is reversed with a reason: without one the form says so at the field.
        await page.GotoAsync($"/Invoices/Details/{newer.Number}");
        var row = page.Locator("[data-testid=allocations] tbody tr").First;
        await row.Locator("summary").ClickAsync();
        await row.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("input[name=reason].is-invalid")).ToBeVisibleAsync();
        await Expect(page.Locator(".invalid-feedback").Filter(new() { HasText = "motif" })).ToBeVisibleAsync();
        await page.Locator("input[name=reason].is-invalid").FillAsync("Règlement d'un autre client");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("annulé");
        await Expect(page.Locator("[data-testid=allocations] tbody tr").First).ToContainTextAsync("Délettré le");
        await Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Non réglée");
        Assert.Contains("248,12", await TextOfAsync(page.Locator("[data-testid=open-amount]")));
        await Expect(page.Locator("[data-testid=history]")).ToContainTextAsync("Lettrage annulé");
        await BrowserApp.ScreenshotAsync(page, "invoicing-06-invoice-after-reversal");
    }

    [Fact]
    public async Task A_clerk_finds_invoices_by_customer_filters_them_by_status_and_pages_through_the_book()
    {
        var account = await CustomerAsync();
        var paid = await Book.InvoiceAsync(account, 80m, app.Clock.Today.AddDays(-60));
        await Book.InvoiceAsync(account, 120m, app.Clock.Today.AddDays(-50));
        await Book.PaymentAsync(account, 80m, allocations: [new(paid.Number, 80m)]);
        var page = await app.SignedInPageAsync(Roles.Clerk);

        await page.GotoAsync("/Invoices");
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(50);
        await BrowserApp.ScreenshotAsync(page, "invoicing-07-invoice-list");
        await page.Locator("a[rel=next]").ClickAsync();
        await page.WaitForURLAsync(new Regex("after="));
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(50);
        await Expect(page.Locator("a[rel=prev]")).ToHaveAttributeAsync("href", new Regex("before="));

        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("/");
        await page.Keyboard.TypeAsync(account);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("q="));
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Link, new() { Name = "Réglée", Exact = true }).ClickAsync();
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table tbody tr").First).ToContainTextAsync(paid.Number);
        await page.GetByRole(AriaRole.Link, new() { Name = "Échu", Exact = true }).ClickAsync();
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table tbody tr").First).Not.ToContainTextAsync(paid.Number);
        await BrowserApp.ScreenshotAsync(page, "invoicing-08-invoice-list-filtered");

        await page.GotoAsync($"/Invoices?q=NOTHING-{Guid.NewGuid():N}");
        await Expect(page.Locator("[data-testid=empty]")).ToContainTextAsync("Aucune facture");
    }

    [Fact]
    public async Task A_credit_note_on_an_invoice_is_applied_to_it_at_once_and_the_English_pages_read_in_English()
    {
        var account = await CustomerAsync("en");
        var invoice = await Book.InvoiceAsync(account, 300m, app.Clock.Today.AddDays(-10));
        var page = await app.SignedInPageAsync(Roles.Clerk, "en-GB");

        await page.GotoAsync($"/Invoices/Details/{invoice.Number}");
        await page.Keyboard.PressAsync("Alt+c");
        await page.WaitForURLAsync(new Regex("/CreditNotes/Create"));
        await Expect(page.Locator("#Reason")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Damaged on delivery");
        var line = page.Locator("tr[data-line]").First;
        await line.Locator("input[name$='.Description']").FillAsync("Two damaged cases");
        await line.Locator("input[name$='.Quantity']").FillAsync("2");
        await line.Locator("input[name$='.UnitPrice']").FillAsync("25.00");
        await line.Locator("select").SelectOptionAsync("20");
        await Expect(page.Locator("[data-total-gross]")).ToHaveTextAsync("€60.00");
        await BrowserApp.ScreenshotAsync(page, "invoicing-09-credit-note-create");
        await page.Keyboard.PressAsync("Alt+s");
        await page.WaitForURLAsync(new Regex("/CreditNotes/Details/AV-"));
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Fully applied");
        await Expect(page.Locator("[data-testid=allocations]")).ToContainTextAsync(invoice.Number);
        await BrowserApp.ScreenshotAsync(page, "invoicing-10-credit-note-details");

        await page.GotoAsync($"/Invoices/Details/{invoice.Number}");
        await Expect(page.Locator("[data-testid=open-amount]")).ToHaveTextAsync("€240.00");
        await Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Partially paid");
    }

    [Fact]
    public async Task The_top_bar_search_finds_an_invoice_by_number_and_opens_it_from_the_keyboard()
    {
        var account = await CustomerAsync();
        var invoice = await Book.InvoiceAsync(account, 480m);
        var payment = await Book.TryPaymentAsync(new ArLedger.Payments.RecordPayment(account, 100m, app.Clock.Today, Reference: $"VIR SEPA {account} ACOMPTE"));
        Assert.True(payment.Succeeded);
        var page = await app.SignedInPageAsync(Roles.Clerk);

        await page.GotoAsync("/");
        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("/");
        await Expect(page.Locator("#global-search input[name=q]")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(invoice.Number);
        var hits = page.Locator("#global-search-list [role=option]");
        await Expect(hits.First).ToContainTextAsync(invoice.Number);
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(hits.First).ToHaveAttributeAsync("aria-selected", "true");
        await BrowserApp.ScreenshotAsync(page, "search-suggestions", fullPage: false);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex($"/Invoices/Details/{invoice.Number}$"));
        await Expect(page.Locator("h1")).ToContainTextAsync(invoice.Number);

        // A bank reference finds the payment; Enter with nothing chosen lists every hit on a page of its own.
        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("/");
        await page.Keyboard.TypeAsync($"sepa {account}");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("/Search\\?q="));
        await Expect(page.Locator($"#search-results [data-hit='{payment.Value!.Number}']")).ToBeVisibleAsync();
        await page.Locator($"#search-results [data-hit='{payment.Value!.Number}']").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/Payments/Details/{payment.Value!.Number}$"));

        // The account number opens the customer.
        await page.GotoAsync($"/Search?q={account.ToLowerInvariant()}");
        await page.WaitForURLAsync(new Regex($"/Customers/{account}$"));
    }

    [Fact]
    public async Task A_document_number_in_the_ledger_opens_the_invoice_whose_page_offers_a_dispute_a_write_off_and_an_emailed_copy()
    {
        var account = $"LDG{Guid.NewGuid():N}"[..10].ToUpperInvariant();
        var created = await Book.TryCustomerAsync(new CreateCustomer(account, $"Épicerie Ledger {account[3..7]}", StatementEmail: "compta@epicerie.test"));
        Assert.True(created.Succeeded, created.Problem?.Message);
        var invoice = await Book.InvoiceAsync(account, 640m);
        await Book.PaymentAsync(account, 140m, allocations: [new ArLedger.Payments.AllocationInput(invoice.Number, 140m)]);
        var page = await app.SignedInPageAsync(Roles.Clerk);

        await page.GotoAsync($"/Customers/{account}/Ledger");
        await BrowserApp.ScreenshotAsync(page, "ledger-document-links");
        await page.Locator($"a[data-document='{invoice.Number}']").First.ClickAsync();
        await page.WaitForURLAsync(new Regex($"/Invoices/Details/{invoice.Number}$"));

        await Expect(page.Locator("[data-action=dispute]")).ToHaveAttributeAsync("href", $"/Disputes/Open?invoice={invoice.Number}");
        await Expect(page.Locator("[data-action=download]")).ToHaveAttributeAsync("href", $"/Invoices/Pdf/{invoice.Number}?download=true");
        await page.ClickAsync("[data-action=email-copy]");
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("compta@epicerie.test");
        await BrowserApp.ScreenshotAsync(page, "invoice-actions", fullPage: false);
        // Posting the same rendered form again sends nothing more.
        await page.GoBackAsync();
        await using (var ctx = app.Database.CreateContext())
            Assert.Equal(1, await ctx.OutboxMessages.CountAsync(m => m.CorrelationKey.StartsWith($"invoice-copy:{invoice.Number}:")));

        await page.ClickAsync("[data-action=write-off]");
        await page.WaitForURLAsync(new Regex("/WriteOffs/Propose"));
        await Expect(page.Locator("#Amount")).ToHaveValueAsync("500,00");
    }
}
