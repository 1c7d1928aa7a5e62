using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using ArLedger.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ArLedger.Web.Tests.Browser;

/// <summary>A clerk's morning at the bank: the file imported on the page, proposals accepted with the keyboard, a fee marked, the statement closed.</summary>
public sealed class BankReconciliationBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>Alpha pays its invoice and Beta its two, neither naming them; Gamma, a group nobody knows, pays one invoice of each
    /// (a line to split); the bank takes 12.00 of fees; Delta's overpayment of 45.00 is paid back to it.</summary>
    static readonly string Cfonb = string.Join("\r\n",
        "0130003    01234EUR2 00077777777  120324                                         0000000  0000000010000{                ",
        "0430003000501234EUR2 0007777777705130324  130324VIR SEPA ALPHA DISTRIBUTION      0000000  0000000005000{                ",
        "0530003000501234EUR2 0007777777705130324     NPYALPHA DISTRIBUTION                                                      ",
        "0430003000501234EUR2 0007777777705130324  130324VIR SEPA BETA LOGISTIQUE         0000000  0000000003800{                ",
        "0530003000501234EUR2 0007777777705130324     NPYBETA LOGISTIQUE SAS                                                     ",
        "0430003000501234EUR2 0007777777705130324  130324VIR SEPA GROUPE GAMMA            0000000  0000000010000{                ",
        "0530003000501234EUR2 0007777777705130324     NPYGROUPE GAMMA                                                            ",
        "0430003012001234EUR2 0007777777701130324  130324FRAIS TENUE DE COMPTE            0000000  0000000000120}                ",
        "0430003000501234EUR2 0007777777705130324  130324VIR SEPA DELTA SERVICES          0000000  0000000000450}                ",
        "0530003000501234EUR2 0007777777705130324     NPYDELTA SERVICES                                                          ",
        "0730003    01234EUR2 00077777777  130324                                         0000000  0000000028230{                ") + "\r\n";

    [Fact]
    public async Task A_clerk_imports_a_file_accepts_the_proposals_with_the_keyboard_splits_a_line_marks_a_fee_refunds_a_credit_and_closes_the_statement()
    {
        using var admin = await ApiAsync(Roles.Admin);
        using var api = await ApiAsync(Roles.Clerk);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/bank-accounts",
            new { name = "Société Générale", currency = "EUR", bankCode = "30003", branchCode = "01234", accountNumber = "00077777777" })).StatusCode);
        foreach (var (account, name, invoices) in new[] { ("BKALPHA", "Alpha Distribution", new[] { ("FA-9001", 500m), ("FA-9002", 600m) }),
            ("BKBETA", "Beta Logistique", new[] { ("FB-9001", 250m), ("FB-9002", 130m), ("FB-9003", 400m) }),
            ("BKDELTA", "Delta Services", Array.Empty<(string, decimal)>()) })
        {
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/customers", new
            {
                accountNumber = account, name, billingAddress = new { line1 = "1 rue", postalCode = "69001", city = "Lyon", country = "FR" },
                paymentTerms = "NET30", currency = "EUR",
            })).StatusCode);
            foreach (var (number, amount) in invoices)
                Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/invoices",
                    new { customerAccountNumber = account, invoiceDate = "2024-03-01", number, netAmount = amount, vatAmount = 0m })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/payments",
            new { customerAccountNumber = "BKDELTA", amount = 45m, receivedOn = "2024-03-04", method = "Transfer", reference = "VIR DELTA SERVICES" })).StatusCode);
        var file = Path.Combine(Path.GetTempPath(), $"releve-{Guid.NewGuid():N}.cfo");
        await File.WriteAllTextAsync(file, Cfonb, Encoding.Latin1);
        var page = await app.SignedInPageAsync(Roles.Clerk);

        await page.GotoAsync("/Bank");
        await page.Locator("input[type=file][name=file]").SetInputFilesAsync(file);
        await page.ClickAsync("[data-testid=import]");
        File.Delete(file);
        await Expect(page.Locator("[data-testid=imported]")).ToContainTextAsync("5 lignes, dont 5 nouvelles");
        await page.Locator("[data-testid=imported] a").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/Bank/Statement/\\d+$"));
        var lines = page.Locator("[data-bank-line]");
        await Expect(lines).ToHaveCountAsync(5);
        await Expect(lines.Nth(0).Locator("[data-testid=reasons]")).ToContainTextAsync("le montant est le reste dû de FA-9001");
        await Expect(lines.Nth(1).Locator("[data-testid=reasons]")).ToContainTextAsync("le montant est le reste dû cumulé de FB-9001, FB-9002");
        await BankShotAsync(page, "bank-statement-fr");

        // The page opens on the first proposal's Accept; J moves to the next, K comes back, Enter accepts; the page comes
        // back on the next proposal, which Enter accepts too.
        await Expect(lines.Nth(0).Locator("[data-accept]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("j");
        await Expect(lines.Nth(1).Locator("[data-accept]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("k");
        await Expect(lines.Nth(0).Locator("[data-accept]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(lines.Nth(0)).ToHaveAttributeAsync("data-status", "Done");
        await Expect(lines.Nth(1).Locator("[data-accept]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(lines.Nth(1)).ToHaveAttributeAsync("data-status", "Done");

        // Gamma's transfer: the clerk finds each invoice by its number, Enter adds it with its open amount, and the split is posted.
        var gamma = lines.Nth(2);
        await Expect(gamma).ToHaveAttributeAsync("data-status", "ToIdentify");
        await gamma.Locator("[data-split] summary").ClickAsync();
        var search = gamma.Locator("[data-open-items-search]");
        foreach (var (number, row, open) in new[] { ("FA-9002", 0, "600,00"), ("FB-9003", 1, "400,00") })
        {
            await search.FillAsync(number);
            await Expect(gamma.Locator($"[data-add-item='{number}']")).ToBeVisibleAsync();
            await search.PressAsync("Enter");
            await Expect(gamma.Locator("[data-part-target]").Nth(row)).ToHaveValueAsync(number);
            await Expect(gamma.Locator("[data-part-amount]").Nth(row)).ToHaveValueAsync(open);
        }
        await BankShotAsync(page, "bank-statement-fr-split");
        await gamma.Locator("[data-split-submit]").ClickAsync();
        await Expect(lines.Nth(2)).ToHaveAttributeAsync("data-status", "Done");
        using (var opened = await api.GetAsync("/api/v1/customers/BKALPHA/open-items"))
            Assert.DoesNotContain("FA-9002", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await lines.Nth(3).Locator("input[name=note]").FillAsync("frais bancaires");
        await lines.Nth(3).Locator("[data-not-receivable]").ClickAsync();
        await Expect(lines.Nth(3)).ToHaveAttributeAsync("data-status", "NotReceivable");
        // Delta's money out is proposed as the refund of its unapplied payment; accepting it posts a refund that consumes it.
        var delta = lines.Nth(4);
        await Expect(delta).ToHaveAttributeAsync("data-status", "Proposed");
        await Expect(delta.Locator("[data-testid=reasons]")).ToContainTextAsync("le montant versé est le crédit non lettré de");
        await Expect(delta.Locator("[data-accept]")).ToHaveTextAsync("Rembourser le crédit");
        await BankShotAsync(page, "bank-statement-fr-refund-proposed");
        await delta.Locator("[data-accept]").ClickAsync();
        await Expect(lines.Nth(4)).ToHaveAttributeAsync("data-status", "Done");
        await Expect(lines.Nth(4).Locator("[data-posted=Refund]")).ToContainTextAsync(new Regex("Remboursement RB-\\d+"));
        await BankShotAsync(page, "bank-statement-fr-refunded");
        var statementId = Regex.Match(page.Url, "/Bank/Statement/(\\d+)$").Groups[1].Value;
        using (var listed = await api.GetAsync($"/api/v1/bank-statements/{statementId}/lines"))
        {
            var refundLine = (await listed.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>())[4];
            Assert.Equal(("Done", -45m), (refundLine.GetProperty("status").GetString(), refundLine.GetProperty("amount").GetDecimal()));
            Assert.Equal("Payment", refundLine.GetProperty("match").GetProperty("items")[0].GetProperty("kind").GetString());
            var posted = Assert.Single(refundLine.GetProperty("posted").EnumerateArray());
            Assert.Equal(("Refund", 45m), (posted.GetProperty("kind").GetString(), posted.GetProperty("amount").GetDecimal()));
            Assert.StartsWith("RB-", posted.GetProperty("number").GetString(), StringComparison.Ordinal);
        }

        await page.ClickAsync("[data-testid=close]");
        await Expect(page.Locator("[data-testid=closed]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=remaining]")).ToContainTextAsync("0,00");
        await BankShotAsync(page, "bank-statement-fr-closed");
    }

    /// <summary>An API client on the app's real port (the in-memory client does not reach a Kestrel-hosted app).</summary>
    async Task<HttpClient> ApiAsync(string role)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        client.DefaultRequestHeaders.Add(ArLedger.Web.Auth.ApiKeyAuthentication.Header, await app.CreateApiKeyAsync(role));
        return client;
    }

    static Task BankShotAsync(IPage page, string name) => BrowserApp.ScreenshotAsync(page, name);
}
