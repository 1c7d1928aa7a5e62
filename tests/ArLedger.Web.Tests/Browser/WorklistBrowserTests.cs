using System.Text.RegularExpressions;
using ArLedger.Activities;
using ArLedger.Customers;
using ArLedger.Identity;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ArLedger.Web.Tests.Browser;

/// <summary>A clerk's morning on the demo book: open today's calls, call the most urgent customer, come back to the list.</summary>
public sealed class WorklistBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>
    /// Four demo customers with overdue, no contact yet and nothing else (no promise, plan or letter) that could come
    /// first, the smallest of them with a promise that fell due yesterday: their ids and that customer's account.
    /// The clock moves before anyone signs in, so no sign-in outlives it.
    /// </summary>
    async Task<(List<long> Ids, string BrokenPromise)> MorningWithABrokenPromiseAsync()
    {
        await using var ctx = app.Database.CreateContext();
        await CustomerBalances.RefreshOverdueAsync(ctx, app.Clock.Today);
        var today = app.Clock.Today;
        var customers = await ctx.Customers
            .Where(c => !c.OnHold && !ctx.Activities.Any(a => a.CustomerId == c.Id)
                && !ctx.Promises.Any(p => p.CustomerId == c.Id) && !ctx.PaymentPlans.Any(p => p.CustomerId == c.Id)
                && !ctx.DunningProposals.Any(p => p.CustomerId == c.Id)
                && !ctx.CustomerDunningStates.Any(s => s.CustomerId == c.Id && s.InLitigation)
                && ctx.CustomerBalances.Any(b => b.CustomerId == c.Id && b.Overdue >= 1_000m && b.Disputed == 0)
                // A payment received today would count towards the promise made below.
                && !ctx.Payments.Any(p => p.CustomerId == c.Id && p.ValueDate >= today))
            .Join(ctx.CustomerBalances, c => c.Id, b => b.CustomerId, (c, b) => new { c.Id, c.AccountNumber, b.Overdue })
            .OrderBy(c => c.Id).Take(4).ToListAsync();
        Assert.Equal(4, customers.Count);
        var smallest = customers.OrderBy(c => c.Overdue).First().AccountNumber;
        var book = new Book(app.Database, app.Clock);
        await book.PromiseAsync(smallest, 500m, book.Today.AddDays(1));
        app.Clock.Advance(TimeSpan.FromDays(2));
        return (customers.Select(c => c.Id).ToList(), smallest);
    }

    /// <summary>Makes the newest user, the clerk just signed in, the customers' collector.</summary>
    async Task AssignToNewestUserAsync(List<long> customerIds)
    {
        await using var ctx = app.Database.CreateContext();
        var clerk = await ctx.Users.OrderByDescending(u => u.Id).Select(u => u.Id).FirstAsync();
        await ctx.Customers.Where(c => customerIds.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.CollectorId, clerk));
    }

    [Fact]
    public async Task A_clerk_calls_the_customer_who_broke_a_promise_from_the_worklist_and_it_moves_to_done_today()
    {
        var (customers, account) = await MorningWithABrokenPromiseAsync();
        var page = await app.SignedInPageAsync(Roles.Clerk);
        await AssignToNewestUserAsync(customers);

        await page.GotoAsync("/");
        await Expect(page.Locator("a[data-to-call]")).ToContainTextAsync("4 clients à relancer aujourd'hui");
        await page.ClickAsync("a[data-to-call]");
        await page.WaitForURLAsync(new Regex("/Worklist$"));
        var rows = page.Locator("[data-worklist-row]");
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.First).ToHaveAttributeAsync("data-account", account);
        await Expect(rows.First.Locator("[data-reason=BrokenPromise]")).ToContainTextAsync("Promesse non tenue");
        await Expect(page.Locator("[data-done-today]")).ToHaveAttributeAsync("data-done-today", "0");
        await BrowserApp.ScreenshotAsync(page, "worklist-fr");

        // The keyboard reaches the first customer's action at once, J moves on, K comes back.
        await page.Keyboard.PressAsync("j");
        await Expect(rows.First.Locator("[data-log-call]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("j");
        await Expect(rows.Nth(1).Locator("[data-log-call]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("k");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(new Regex($"/Customers/{account}/Activity"));
        await Expect(page.Locator("#kind-call")).ToBeCheckedAsync();
        await Expect(page.Locator("#Outcome")).ToBeFocusedAsync();
        await page.SelectOptionAsync("#Outcome", nameof(CallOutcome.Promised));
        await page.FillAsync("#Body", "Virement promis pour vendredi, confirmé par la comptable.");
        await page.Keyboard.PressAsync("Control+Enter");

        await page.WaitForURLAsync(new Regex("/Worklist$"));
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Appel enregistré");
        await Expect(page.Locator($"[data-worklist-row][data-account='{account}']")).ToHaveCountAsync(0);
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-done-today]")).ToHaveAttributeAsync("data-done-today", "1");
        await BrowserApp.ScreenshotAsync(page, "worklist-fr-after-call");

        await page.GotoAsync("/culture?culture=en-GB&returnUrl=/Worklist");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Today's calls");
        await Expect(page.Locator("[data-done-today]")).ToContainTextAsync("1 done today");
        await BrowserApp.ScreenshotAsync(page, "worklist-en");

        // The oldest overdue document of a row is a link to its page.
        var oldest = rows.First.Locator("[data-oldest]");
        var number = await oldest.InnerTextAsync();
        await oldest.ClickAsync();
        await page.WaitForURLAsync(new Regex("/(Invoices|Charges)/Details/" + Regex.Escape(number) + "$"));
    }

    [Fact]
    public async Task The_worklist_refuses_anonymous_visitors()
    {
        var anonymous = await app.NewPageAsync();
        await anonymous.GotoAsync("/Worklist");
        Assert.Contains("/Account/SignIn", anonymous.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_names_a_collector_on_the_Users_page_hands_them_customers_and_their_worklist_shows_only_those()
    {
        // Two customers of this test's own, each with a large overdue nobody has called about.
        var book = new Book(app.Database, app.Clock);
        var prefix = $"PF{Guid.NewGuid():N}"[..7].ToUpperInvariant();
        var accounts = new[] { prefix + "A", prefix + "B" };
        foreach (var account in accounts)
        {
            await book.CustomerAsync(account);
            await book.InvoiceAsync(account, 60_000m, book.Today.AddDays(-60));
        }
        var clerk = await app.SignedInPageAsync(Roles.Clerk);
        long clerkId;
        await using (var ctx = app.Database.CreateContext())
            clerkId = await ctx.Users.OrderByDescending(u => u.Id).Select(u => u.Id).FirstAsync();

        // Without a portfolio the clerk sees everyone's calls, and is told why.
        await clerk.GotoAsync("/Worklist");
        await Expect(clerk.Locator("[data-no-portfolio]")).ToBeVisibleAsync();

        var admin = await app.SignedInPageAsync(Roles.Admin);
        await admin.GotoAsync($"/Admin/Users/Edit/{clerkId}");
        var name = $"Zoé {prefix}";
        await admin.FillAsync("#collector input[name=CollectorName]", name);
        await admin.ClickAsync("#collector button[type=submit]");
        await Expect(admin.Locator("#collector input[name=CollectorName]")).ToHaveValueAsync(name);
        await admin.ClickAsync("[data-portfolio]");
        await admin.WaitForURLAsync(new Regex($"/Customers\\?collector={clerkId}"));

        await admin.GotoAsync($"/Customers?q={prefix}");
        await Expect(admin.Locator("#customers tbody tr")).ToHaveCountAsync(2);
        await admin.CheckAsync("[data-check-all]");
        await admin.SelectOptionAsync("#assignTo", new SelectOptionValue { Label = name });
        await BrowserApp.ScreenshotAsync(admin, "customers-assign-portfolio", fullPage: false);
        await admin.ClickAsync("[data-assign]");
        await Expect(admin.Locator(".alert-success")).ToContainTextAsync(name);
        await Expect(admin.Locator("#customers tbody tr").First).ToContainTextAsync(name);

        await clerk.GotoAsync("/Worklist");
        await Expect(clerk.Locator("[data-no-portfolio]")).ToHaveCountAsync(0);
        await Expect(clerk.Locator("[data-worklist-row]")).ToHaveCountAsync(2);
        foreach (var account in accounts)
            await Expect(clerk.Locator($"[data-worklist-row][data-account='{account}']")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(clerk, "worklist-portfolio", fullPage: false);
    }
}
