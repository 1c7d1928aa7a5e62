using System.Net;
using System.Text.RegularExpressions;
using ArLedger.Identity;
using ArLedger.Testing;

namespace ArLedger.Web.Tests.Invoicing;

/// <summary>
/// "Today" is the company's date: at 23:30 UTC on a winter evening it is already 00:30 the next day in Paris, and
/// the pages say so, as do the times they show.
/// </summary>
public sealed partial class BusinessDateTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    static readonly DateTimeOffset WinterEvening = new(2026, 12, 1, 23, 30, 0, TimeSpan.Zero);

    async Task<(Book Book, string Account)> CustomerOnAWinterEveningAsync()
    {
        app.Clock.SetUtcNow(WinterEvening);
        var book = new Book(app.Database, app.Clock);
        var account = $"BD{Guid.NewGuid():N}"[..10].ToUpperInvariant();
        await book.CustomerAsync(account);
        return (book, account);
    }

    [Fact]
    public async Task At_23_30_UTC_in_winter_the_payment_form_and_the_aging_report_default_to_the_next_Paris_date()
    {
        var (_, account) = await CustomerOnAWinterEveningAsync();
        var client = await app.SignedInClientAsync(Roles.Clerk);

        var payment = await client.GetStringAsync($"/Payments/Record?customer={account}");
        var aging = await client.GetStringAsync("/Aging");

        Assert.Equal("2026-12-02", ReceivedOn().Match(payment).Groups[1].Value);
        Assert.Contains("02/12/2026", WebUtility.HtmlDecode(aging), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invoice_created_at_23_30_UTC_shows_00_30_Paris_time_on_its_page_and_in_its_history()
    {
        var (book, account) = await CustomerOnAWinterEveningAsync();
        var invoice = await book.InvoiceAsync(account, 100m);
        var client = await app.SignedInClientAsync(Roles.Clerk);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/Invoices/Details/{invoice.Number}"));

        Assert.Matches("Création</dt><dd[^>]*>02/12/2026 00:30", html);
        Assert.Matches("<time[^>]*>02/12/2026 00:30</time>", html);
        Assert.DoesNotMatch(">[^<]*23:30", html); // the UTC time is only in machine-readable attributes
    }

    [GeneratedRegex("<input id=\"ReceivedOn\" name=\"ReceivedOn\" type=\"date\" value=\"([0-9-]*)\"")]
    private static partial Regex ReceivedOn();
}
