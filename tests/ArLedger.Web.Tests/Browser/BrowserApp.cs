using ArLedger.Seeding;
using ArLedger.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace ArLedger.Web.Tests.Browser;

/// <summary>
/// The app on a real loopback port with the demo book, and Debian's Chromium driven by Playwright, for one test class.
/// Screenshots land in $ARLEDGER_ARTIFACTS/screenshots so a person can look at every main page after a run.
/// </summary>
public sealed class BrowserApp : ArLedgerAppFactory
{
    IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public BrowserApp() => UseKestrel(0);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        await new Seeder(Services.GetRequiredService<NpgsqlDataSource>(), Clock.Calendar).SeedDemoAsync();

        // A loaded two-core machine can take seconds to answer; a wait is a condition, not a speed test.
        Assertions.SetDefaultExpectTimeout(30_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Without the background-networking flags Chromium keeps calling home on a machine with no way out.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    protected override async Task DisposeFixtureAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        playwright?.Dispose();
        await base.DisposeFixtureAsync();
    }

    /// <summary>A fresh browser context (its own cookies) in the given language, signed in as a new user with the role.</summary>
    public async Task<IPage> SignedInPageAsync(string role, string locale = "fr-FR")
    {
        var userName = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        await CreateUserAsync(userName, Password, role);
        var page = await NewPageAsync(locale);
        // On a loaded machine the first sign-in of a fresh app has, rarely, not left the sign-in page in time. What the
        // page showed goes to the test log; if the app did sign in after all, the page goes on from there, else the form
        // is sent once more, and a second failure fails the test with both.
        string? firstAttempt = null;
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/Account/SignIn");
            // The sign-in form's own fields and button: the layout has other forms (the hidden "Sign out" item among them).
            var form = page.Locator("form:has(input[name=UserName])");
            await form.Locator("input[name=UserName]").FillAsync(userName);
            await form.Locator("input[name=Password]").FillAsync(Password);
            await form.Locator("button[type=submit]").ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/Account/SignIn", StringComparison.Ordinal), new() { Timeout = 30_000 });
                break;
            }
            catch (TimeoutException)
            {
                await ScreenshotAsync(page, $"sign-in-failed-{userName}-{attempt}");
                var shown = $"{page.Url}: {await page.Locator("body").InnerTextAsync()}";
                // The home page opens only when signed in; otherwise it sends the browser back to the sign-in page.
                await page.GotoAsync("/");
                if (!page.Url.Contains("/Account/SignIn", StringComparison.Ordinal))
                {
                    await Console.Error.WriteLineAsync($"Signing in as {userName} was slow to leave the sign-in page ({shown}), but it did sign in.");
                    break;
                }
                if (attempt == 2)
                    throw new InvalidOperationException($"Signing in as {userName} stayed on the sign-in page twice. First: {firstAttempt} Then: {shown}");
                firstAttempt = shown;
                await Console.Error.WriteLineAsync($"Signing in as {userName} stayed on the sign-in page, showing {shown}; trying once more.");
            }
        }
        return page;
    }

    public async Task<IPage> NewPageAsync(string locale = "fr-FR")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>Keeps a screenshot as a test artifact: the whole page, or only what the screen shows without scrolling.</summary>
    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = true) => page.ScreenshotAsync(
        new PageScreenshotOptions { Path = Path.Combine(Artifacts.Directory("screenshots"), name + ".png"), FullPage = fullPage });
}
