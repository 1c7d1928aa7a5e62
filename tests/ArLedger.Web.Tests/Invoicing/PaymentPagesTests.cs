using System.Net;
using System.Text.RegularExpressions;
using ArLedger.Identity;
using ArLedger.Ledger;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using static ArLedger.Web.Tests.Invoicing.InvoicePagesTests;

namespace ArLedger.Web.Tests.Invoicing;

/// <summary>Recording, allocating, applying and reversing over HTTP: all or nothing, errors at the row, and who may do it.</summary>
public sealed partial class PaymentPagesTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    Book Book => new(app.Database, app.Clock);
    string Today => app.Clock.Today.ToString("yyyy-MM-dd");

    async Task<string> CustomerAsync()
    {
        var account = $"PP{Guid.NewGuid():N}"[..10].ToUpperInvariant();
        await Book.CustomerAsync(account);
        return account;
    }

    Task<int> PaymentCountAsync(string account) => Book.RunAsync((ctx, _) =>
        ctx.Payments.CountAsync(p => ctx.Customers.Any(c => c.Id == p.CustomerId && c.AccountNumber == account)));

    Task<Document> ReloadAsync(long id) => Book.RunAsync((ctx, _) => ctx.Documents.AsNoTracking().SingleAsync(d => d.Id == id));

    Dictionary<string, string> Payment(string amount, params (long Id, string Amount)[] rows)
    {
        var form = new Dictionary<string, string> { ["Amount"] = amount, ["ReceivedOn"] = Today, ["Method"] = "Transfer", ["Reference"] = "" };
        for (var i = 0; i < rows.Length; i++)
        {
            form[$"Allocations[{i}].DebitDocumentId"] = rows[i].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            form[$"Allocations[{i}].Amount"] = rows[i].Amount;
        }
        return form;
    }

    [Fact]
    public async Task The_same_record_payment_form_posted_twenty_times_records_one_payment()
    {
        var account = await CustomerAsync();
        var invoice = await Book.InvoiceAsync(account, 300m);
        var client = await app.SignedInClientAsync(Roles.Clerk);
        var path = $"/Payments/Record?customer={account}";
        async Task<Dictionary<string, string>> RenderedAsync(Dictionary<string, string> form)
        {
            var page = await client.GetStringAsync(path);
            form["__RequestVerificationToken"] = WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
            form["FormKey"] = Regex.Match(page, "name=\"FormKey\" value=\"([0-9a-f]{32})\"").Groups[1].Value;
            Assert.Equal(32, form["FormKey"].Length);
            return form;
        }
        var form = await RenderedAsync(Payment("300", (invoice.Id, "300")));

        // A double click, a reload, an impatient clerk: the same rendered form arrives twenty times, some at once.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PostAsync(path, new FormUrlEncodedContent(form))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location!.OriginalString).Distinct());
        Assert.Equal(1, await PaymentCountAsync(account));
        Assert.Equal(0m, (await ReloadAsync(invoice.Id)).OpenAmount);
        // A form opened again has a key of its own and records a second payment.
        var next = await RenderedAsync(Payment("50"));
        Assert.NotEqual(form["FormKey"], next["FormKey"]);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(path, new FormUrlEncodedContent(next))).StatusCode);
        Assert.Equal(2, await PaymentCountAsync(account));
    }

    [Fact]
    public async Task An_allocation_over_an_invoice_open_amount_is_refused_at_its_row_and_no_payment_is_recorded()
    {
        var account = await CustomerAsync();
        var first = await Book.InvoiceAsync(account, 80m);
        var second = await Book.InvoiceAsync(account, 120m);
        var client = await app.SignedInClientAsync(Roles.Clerk);

        var response = await ArLedgerAppFactory.PostFormAsync(client, $"/Payments/Record?customer={account}",
            Payment("200", (first.Id, "50"), (second.Id, "150,00")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Null(ErrorAt(html, "Allocations[0].Amount"));
        Assert.Matches("Dépasse le reste dû de 120,00\\s€ sur " + second.Number, ErrorAt(html, "Allocations[1].Amount"));
        Assert.Contains("value=\"150,00\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await PaymentCountAsync(account));
    }

    [Fact]
    public async Task Allocations_adding_up_to_more_than_the_payment_are_refused_and_a_missing_amount_is_named()
    {
        var account = await CustomerAsync();
        var first = await Book.InvoiceAsync(account, 100m);
        var second = await Book.InvoiceAsync(account, 100m);
        var client = await app.SignedInClientAsync(Roles.Clerk);

        var over = await ArLedgerAppFactory.PostFormAsync(client, $"/Payments/Record?customer={account}",
            Payment("120", (first.Id, "100"), (second.Id, "50")));
        var missing = await ArLedgerAppFactory.PostFormAsync(client, $"/Payments/Record?customer={account}", Payment(""));

        Assert.Matches("Les montants lettrés font 150,00\\s€, plus que les 120,00\\s€ à lettrer.",
            WebUtility.HtmlDecode(await over.Content.ReadAsStringAsync()));
        Assert.Equal("Saisissez le montant reçu.", ErrorAt(await missing.Content.ReadAsStringAsync(), "Amount"));
        Assert.Equal(0, await PaymentCountAsync(account));
    }

    [Fact]
    public async Task A_payment_and_its_allocations_are_recorded_in_one_post_and_the_rest_is_unapplied_cash()
    {
        var account = await CustomerAsync();
        var first = await Book.InvoiceAsync(account, 100m);
        var second = await Book.InvoiceAsync(account, 100m);
        var client = await app.SignedInClientAsync(Roles.Clerk);

        var response = await ArLedgerAppFactory.PostFormAsync(client, $"/Payments/Record?customer={account}",
            Payment("1 000,00", (first.Id, "100"), (second.Id, "")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Payments/Details/RG-", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(0m, (await ReloadAsync(first.Id)).OpenAmount);
        Assert.Equal(100m, (await ReloadAsync(second.Id)).OpenAmount);
        var payment = await Book.RunAsync((ctx, _) => ctx.Payments.SingleAsync(p => p.CustomerId == first.CustomerId));
        Assert.Equal(900m, payment.OpenAmount);
        Assert.Empty(await Book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task The_proposal_puts_the_invoices_named_in_the_reference_first_then_the_oldest_due()
    {
        var account = await CustomerAsync();
        var old = await Book.InvoiceAsync(account, 100m, app.Clock.Today.AddDays(-60));
        var named = await Book.InvoiceAsync(account, 100m, app.Clock.Today.AddDays(-2));
        var client = await app.SignedInClientAsync(Roles.Clerk);
        var form = Payment("150");
        form["customer"] = account;
        form["Reference"] = $"VIR SEPA {named.Number.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()}";

        var byReference = await ArLedgerAppFactory.PostFormAsync(client, $"/Payments/Record?customer={account}", form, "Proposal");
        form["order"] = "oldest";
        var oldestFirst = await ArLedgerAppFactory.PostFormAsync(client, $"/Payments/Record?customer={account}", form, "Proposal");

        static string[] Rows(string html) => Regex.Matches(html, "data-debit=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        var proposed = await byReference.Content.ReadAsStringAsync();
        Assert.Equal([named.Number, old.Number], Rows(proposed));
        Assert.Contains("value=\"100,00\"", proposed, StringComparison.Ordinal);
        Assert.Contains("value=\"50,00\"", proposed, StringComparison.Ordinal);
        Assert.Equal([old.Number, named.Number], Rows(await oldestFirst.Content.ReadAsStringAsync()));
    }

    /// <summary>The rows of the allocation table as (document kind, amount proposed), top to bottom.</summary>
    internal static (string Kind, string Amount)[] ProposedRows(string html) =>
        ProposedRow().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToArray();

    [GeneratedRegex("<tr data-debit=\"[^\"]+\" data-kind=\"([^\"]+)\">.*?name=\"Allocations\\[\\d+\\]\\.Amount\" value=\"([^\"]*)\"", RegexOptions.Singleline)]
    private static partial Regex ProposedRow();

    [Fact]
    public async Task A_partial_payment_from_a_dunned_customer_is_proposed_to_the_fee_then_the_interest_then_the_invoice_and_recorded_so()
    {
        var account = await CustomerAsync();
        var invoice = await Book.InvoiceAsync(account, 1_000m, app.Clock.Today.AddDays(-90));
        var (fee, interest) = await Book.DunningChargesAsync(invoice, compensation: 40m, interest: 20m);
        var client = await app.SignedInClientAsync(Roles.Clerk);

        var page = await client.GetStringAsync($"/Payments/Record?customer={account}&Amount=100");
        var recorded = await ArLedgerAppFactory.PostFormAsync(client, $"/Payments/Record?customer={account}",
            Payment("100", (fee, "40,00"), (interest, "20,00"), (invoice.Id, "40,00")));

        Assert.Equal([("Fee", "40,00"), ("Interest", "20,00"), ("Invoice", "40,00")], ProposedRows(page));
        Assert.Contains("Frais › Intérêts de retard › Factures", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal([0m, 0m, 960m], [(await ReloadAsync(fee)).OpenAmount, (await ReloadAsync(interest)).OpenAmount, (await ReloadAsync(invoice.Id)).OpenAmount]);
        Assert.Empty(await Book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task Applying_a_credit_over_an_open_amount_applies_nothing_and_a_good_one_applies_all()
    {
        var account = await CustomerAsync();
        var first = await Book.InvoiceAsync(account, 30m);
        var second = await Book.InvoiceAsync(account, 100m);
        var cash = await Book.PaymentAsync(account, 80m);
        var client = await app.SignedInClientAsync(Roles.Clerk);
        var path = $"/Payments/Apply?customer={account}&credit={cash.Number}";
        Dictionary<string, string> Form(string a, string b) => new()
        {
            ["customer"] = account,
            ["Credit"] = cash.Number,
            ["Allocations[0].DebitDocumentId"] = first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Allocations[0].Amount"] = a,
            ["Allocations[1].DebitDocumentId"] = second.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Allocations[1].Amount"] = b,
        };

        var refused = await ArLedgerAppFactory.PostFormAsync(client, path, Form("40", "40"));
        Assert.Matches("Dépasse le reste dû de 30,00", ErrorAt(await refused.Content.ReadAsStringAsync(), "Allocations[0].Amount"));
        Assert.Equal(80m, (await ReloadAsync(cash.Id)).OpenAmount);

        var applied = await ArLedgerAppFactory.PostFormAsync(client, path, Form("30", "50"));
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal($"/Payments/Details/{cash.Number}", applied.Headers.Location!.OriginalString);
        Assert.Equal(0m, (await ReloadAsync(cash.Id)).OpenAmount);
        Assert.Equal(50m, (await ReloadAsync(second.Id)).OpenAmount);
    }

    [Fact]
    public async Task An_allocation_is_reversed_only_with_a_reason_and_the_invoice_is_open_again()
    {
        var account = await CustomerAsync();
        var invoice = await Book.InvoiceAsync(account, 60m);
        var cash = await Book.PaymentAsync(account, 60m);
        var allocation = await Book.AllocateAsync(invoice.Id, cash.Id, 60m);
        var client = await app.SignedInClientAsync(Roles.Clerk);
        var path = $"/Invoices/Details/{invoice.Number}";
        var id = allocation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var refused = await ArLedgerAppFactory.PostFormAsync(client, path, new() { ["allocationId"] = id, ["reason"] = " " }, "Reverse");
        Assert.Equal("Indiquez le motif de l'annulation.", ErrorAt(await refused.Content.ReadAsStringAsync(), "reason"));
        Assert.Equal(0m, (await ReloadAsync(invoice.Id)).OpenAmount);

        var reversed = await ArLedgerAppFactory.PostFormAsync(client, $"/Payments/Details/{cash.Number}",
            new() { ["allocationId"] = id, ["reason"] = "Mauvais client" }, "Reverse");
        Assert.Equal(HttpStatusCode.Redirect, reversed.StatusCode);
        Assert.Equal(60m, (await ReloadAsync(invoice.Id)).OpenAmount);
        var reversal = await Book.RunAsync((ctx, _) => ctx.Allocations.SingleAsync(a => a.ReversesAllocationId == allocation.Id));
        Assert.Equal("Mauvais client", reversal.Reason);
    }

    [Theory]
    [InlineData("/Invoices")]
    [InlineData("/Invoices/Create")]
    [InlineData("/Payments/Record")]
    [InlineData("/Payments/Apply?customer=X")]
    [InlineData("/Invoices/Pdf/FA-000001")]
    public async Task Invoicing_pages_send_a_stranger_to_sign_in(string path)
    {
        var response = await app.AnonymousClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/SignIn", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stranger_cannot_post_a_payment_and_a_clerk_opens_every_invoicing_page()
    {
        var account = await CustomerAsync();
        var invoice = await Book.InvoiceAsync(account, 20m);
        var cash = await Book.PaymentAsync(account, 50m);
        var note = await Book.CreditNoteAsync(account, 5m);

        var stranger = await app.AnonymousClient().PostAsync($"/Payments/Record?customer={account}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Amount"] = "10", ["ReceivedOn"] = Today }));
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.Equal(0m, (await ReloadAsync(cash.Id)).AllocatedAmount);
        Assert.Equal(1, await PaymentCountAsync(account));

        var clerk = await app.SignedInClientAsync(Roles.Clerk);
        foreach (var path in new[]
        {
            "/Invoices", $"/Invoices?customer={account}&sort=-amount", $"/Invoices/Create?customer={account}", $"/Invoices/Details/{invoice.Number}",
            $"/CreditNotes/Create?invoice={invoice.Number}", $"/CreditNotes/Create?customer={account}", $"/CreditNotes/Details/{note.Number}",
            $"/Payments/Record?customer={account}", "/Payments/Record", $"/Payments/Apply?customer={account}",
            $"/Payments/Apply?customer={account}&credit={cash.Number}", $"/Payments/Details/{cash.Number}",
        })
        {
            var response = await clerk.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        }
    }
}
