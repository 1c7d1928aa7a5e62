using System.Globalization;
using System.Text;
using ArLedger.Identity;
using ArLedger.Imports;
using Microsoft.Playwright;
using Npgsql;

namespace ArLedger.Web.Tests.Browser;

/// <summary>A file too large to check within the request: the clerk watches its check go, then sees its preview.</summary>
public sealed class LargeImportBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_large_file_shows_a_progress_bar_while_it_is_checked_then_its_preview()
    {
        const int rows = ImportRuns.InlineRows + 100;
        var page = await app.SignedInPageAsync(Roles.Clerk);
        await page.GotoAsync("/Imports");
        // Another transaction holds the external id of the 300th row: the check waits there until it lets go.
        await using var holder = await app.Database.DataSource.OpenConnectionAsync();
        await using var held = await holder.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("insert into external_requests values ('customer', 'BIG-300', 'x', 0, now())", holder, held))
            await cmd.ExecuteNonQueryAsync();

        var csv = "external_id;compte;nom;ville\n" + string.Concat(Enumerable.Range(1, rows).Select(i => $"BIG-{i};BIG{i:000};Client {i};Nantes\n"));
        await page.Locator("#upload").SetInputFilesAsync(new FilePayload { Name = "gros-fichier.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.Keyboard.PressAsync("Enter");
        var progress = page.GetByTestId("import-progress");
        await Assertions.Expect(progress).ToContainTextAsync("Vérification du fichier…");
        await Assertions.Expect(progress).ToContainTextAsync($"299 lignes sur {rows}");
        await BrowserApp.ScreenshotAsync(page, "imports-06-large-file-progress");
        await held.RollbackAsync();

        await Assertions.Expect(page.GetByTestId("create-count")).ToHaveTextAsync(rows.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("confirm")).ToBeEnabledAsync();
    }
}
