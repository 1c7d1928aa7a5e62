using System.Text.RegularExpressions;
using ArLedger.Identity;
using Microsoft.Playwright;

namespace ArLedger.Web.Tests.Browser;

/// <summary>A clerk's first minutes: sign in, see the book, find a customer, read the account.</summary>
public sealed class FirstPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_clerk_signs_in_and_finds_a_demo_customer_and_reads_the_account_with_its_running_balance()
    {
        var anonymous = await app.NewPageAsync();
        await anonymous.GotoAsync("/Customers");
        Assert.Contains("/Account/SignIn", anonymous.Url, StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(anonymous, "01-sign-in");

        var page = await app.SignedInPageAsync(Roles.Clerk);
        await Assertions.Expect(page.Locator(".card").First).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "02-home");

        await page.GotoAsync("/Customers");
        var rows = page.Locator("table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        await BrowserApp.ScreenshotAsync(page, "03-customers");

        // Search by part of the first customer's name; the list narrows to it.
        var firstName = (await rows.First.Locator("td").Nth(1).InnerTextAsync()).Trim();
        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("/");
        await page.Keyboard.TypeAsync(firstName);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("q="));
        await Assertions.Expect(rows.First).ToContainTextAsync(firstName);

        await rows.First.Locator("a").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/Customers/[^/?]+$"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(firstName);
        await BrowserApp.ScreenshotAsync(page, "04-customer");
    }
}
