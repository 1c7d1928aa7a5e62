using System.Net;
using System.Text.RegularExpressions;
using ArLedger.Identity;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Invoicing;

/// <summary>The invoice and credit note forms over HTTP: errors at their field in French, and what gets posted.</summary>
public sealed partial class InvoicePagesTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    Book Book => new(app.Database, app.Clock);
    string Today => app.Clock.Today.ToString("yyyy-MM-dd");

    async Task<string> CustomerAsync()
    {
        var account = $"IP{Guid.NewGuid():N}"[..10].ToUpperInvariant();
        await Book.CustomerAsync(account);
        return account;
    }

    Task<int> InvoiceCountAsync(string account) => Book.RunAsync((ctx, _) =>
        ctx.Invoices.CountAsync(i => ctx.Customers.Any(c => c.Id == i.CustomerId && c.AccountNumber == account)));

    /// <summary>The error Bootstrap shows under the input named <paramref name="name"/>, or null when the input is not marked invalid.</summary>
    internal static string? ErrorAt(string html, string name)
    {
        var input = Regex.Match(html, $"<(input|select)[^>]*name=\"{Regex.Escape(name)}\"[^>]*>", RegexOptions.Singleline);
        Assert.True(input.Success, $"No field {name} on the page.");
        if (!input.Value.Contains("is-invalid", StringComparison.Ordinal))
            return null;
        var rest = html[(input.Index + input.Length)..];
        if (input.Groups[1].Value == "select")
            rest = rest[(rest.IndexOf("</select>", StringComparison.Ordinal) + 9)..];
        var feedback = InvalidFeedback().Match(rest);
        return feedback.Success ? WebUtility.HtmlDecode(feedback.Groups[1].Value).Trim() : "";
    }

    [GeneratedRegex("^\\s*<div class=\"invalid-feedback\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex InvalidFeedback();

    [Fact]
    public async Task Errors_in_invoice_lines_are_shown_at_each_line_field_in_French_and_nothing_is_posted()
    {
        var account = await CustomerAsync();
        var client = await app.SignedInClientAsync(Roles.Clerk);

        var response = await ArLedgerAppFactory.PostFormAsync(client, $"/Invoices/Create?customer={account}", new()
        {
            ["CustomerAccountNumber"] = account,
            ["InvoiceDate"] = Today,
            ["Lines[0].Description"] = "",
            ["Lines[0].Quantity"] = "deux",
            ["Lines[0].UnitPrice"] = "10",
            ["Lines[0].VatRate"] = "20",
            ["Lines[1].Description"] = "Livraison",
            ["Lines[1].Quantity"] = "0",
            ["Lines[1].UnitPrice"] = "12,5",
            ["Lines[1].VatRate"] = "7",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("Indiquez ce qui est facturé.", ErrorAt(html, "Lines[0].Description"));
        Assert.StartsWith("Saisissez un nombre, par exemple 1", ErrorAt(html, "Lines[0].Quantity"), StringComparison.Ordinal);
        Assert.Contains("value=\"deux\"", html, StringComparison.Ordinal);
        Assert.Null(ErrorAt(html, "Lines[0].UnitPrice"));
        Assert.Equal("Saisissez une quantité supérieure à zéro.", ErrorAt(html, "Lines[1].Quantity"));
        Assert.Equal("Choisissez un taux de TVA.", ErrorAt(html, "Lines[1].VatRate"));
        Assert.Null(ErrorAt(html, "CustomerAccountNumber"));
        Assert.Equal(0, await InvoiceCountAsync(account));
    }

    [Fact]
    public async Task An_unknown_customer_a_missing_date_and_a_due_date_before_the_invoice_date_are_named_at_their_fields()
    {
        var client = await app.SignedInClientAsync(Roles.Clerk);

        var response = await ArLedgerAppFactory.PostFormAsync(client, "/Invoices/Create", new()
        {
            ["CustomerAccountNumber"] = "NOBODY-42",
            ["InvoiceDate"] = "",
            ["DueDate"] = Today,
            ["Lines[0].Description"] = "Conseil",
            ["Lines[0].Quantity"] = "1",
            ["Lines[0].UnitPrice"] = "100",
            ["Lines[0].VatRate"] = "20",
        });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("Aucun client n'a le n° de compte NOBODY-42.", ErrorAt(html, "CustomerAccountNumber"));
        Assert.Equal("Saisissez la date de facture.", ErrorAt(html, "InvoiceDate"));

        var account = await CustomerAsync();
        response = await ArLedgerAppFactory.PostFormAsync(client, "/Invoices/Create", new()
        {
            ["CustomerAccountNumber"] = account,
            ["InvoiceDate"] = Today,
            ["DueDate"] = app.Clock.Today.AddDays(-1).ToString("yyyy-MM-dd"),
            ["Lines[0].Description"] = "Conseil",
            ["Lines[0].Quantity"] = "1",
            ["Lines[0].UnitPrice"] = "100",
            ["Lines[0].VatRate"] = "20",
        });
        html = await response.Content.ReadAsStringAsync();
        Assert.Equal("L'échéance ne peut pas précéder la date de facture.", ErrorAt(html, "DueDate"));
    }

    [Fact]
    public async Task Amounts_typed_the_French_way_post_an_invoice_whose_totals_the_server_computes_line_by_line()
    {
        var account = await CustomerAsync();
        var client = await app.SignedInClientAsync(Roles.Clerk);

        var response = await ArLedgerAppFactory.PostFormAsync(client, "/Invoices/Create", new()
        {
            ["CustomerAccountNumber"] = account,
            ["InvoiceDate"] = Today,
            ["DueDate"] = "",
            ["Reference"] = "BC-77",
            ["Lines[0].Description"] = "Farine",
            ["Lines[0].Quantity"] = "1 234,5",
            ["Lines[0].UnitPrice"] = "1,10",
            ["Lines[0].VatRate"] = "5.5",
            // A blank row left at the end is not a line.
            ["Lines[1].Description"] = "",
            ["Lines[1].Quantity"] = "",
            ["Lines[1].UnitPrice"] = "",
            ["Lines[1].VatRate"] = "20",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Invoices/Details/FA-", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var invoice = await Book.RunAsync((ctx, _) => ctx.Invoices.Include(i => i.Lines)
            .SingleAsync(i => ctx.Customers.Any(c => c.Id == i.CustomerId && c.AccountNumber == account)));
        Assert.Single(invoice.Lines);
        Assert.Equal(1357.95m, invoice.NetAmount);
        Assert.Equal(74.69m, invoice.VatAmount);
        Assert.Equal(1432.64m, invoice.Amount);
        Assert.Equal(app.Clock.Today.AddDays(30), invoice.DueDate);
        Assert.Equal("BC-77", invoice.Reference);
    }

    [Fact]
    public async Task A_clerks_credit_note_over_what_the_invoice_can_still_be_credited_waits_on_the_approvals_page_until_a_manager_approves_it()
    {
        var account = await CustomerAsync();
        var invoice = await Book.InvoiceAsync(account, 400m);
        var path = $"/CreditNotes/Create?invoice={invoice.Number}";
        var form = new Dictionary<string, string>
        {
            ["CustomerAccountNumber"] = account,
            ["InvoiceNumber"] = invoice.Number,
            ["CreditNoteDate"] = Today,
            ["Reason"] = "Geste commercial",
            ["Lines[0].Description"] = "Avoir",
            ["Lines[0].Quantity"] = "1",
            ["Lines[0].UnitPrice"] = "450",
            ["Lines[0].VatRate"] = "0",
        };
        Task<int> NotesAsync() => Book.RunAsync((ctx, _) => ctx.CreditNotes.CountAsync(c => c.InvoiceId == invoice.Id));

        var clerk = await app.SignedInClientAsync(Roles.Clerk);
        var byClerk = await ArLedgerAppFactory.PostFormAsync(clerk, path, new(form));
        Assert.Equal(HttpStatusCode.Redirect, byClerk.StatusCode);
        Assert.Equal("/CreditNotes/Proposals", byClerk.Headers.Location!.OriginalString);
        Assert.Contains("soumis à l'approbation d'un responsable", WebUtility.HtmlDecode(await clerk.GetStringAsync("/CreditNotes/Proposals")), StringComparison.Ordinal);
        Assert.Equal(0, await NotesAsync());
        var id = await Book.RunAsync((ctx, _) => ctx.CreditNoteProposals.Where(p => p.InvoiceId == invoice.Id).Select(p => p.Id).SingleAsync());
        var refused = await ArLedgerAppFactory.PostFormAsync(clerk, $"/CreditNotes/Proposals?id={id}", [], handler: "Approve");
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(0, await NotesAsync());

        var manager = await app.SignedInClientAsync(Roles.Manager);
        Assert.Contains("data-credit-notes-waiting=", await manager.GetStringAsync("/"), StringComparison.Ordinal);
        var approved = await ArLedgerAppFactory.PostFormAsync(manager, $"/CreditNotes/Proposals?id={id}", new() { ["note"] = "OK" }, handler: "Approve");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(1, await NotesAsync());
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync("/CreditNotes/Proposals"));
        Assert.Contains("Avoir approuvé et comptabilisé", page, StringComparison.Ordinal);
        Assert.Matches($"data-proposal=\"{id}\"[\\s\\S]*?/CreditNotes/Details/AV-", page);
    }

    [Fact]
    public async Task A_credit_note_needs_a_reason_and_against_an_invoice_settles_it_at_once()
    {
        var account = await CustomerAsync();
        var invoice = await Book.InvoiceAsync(account, 100m);
        var client = await app.SignedInClientAsync(Roles.Clerk);
        var path = $"/CreditNotes/Create?invoice={invoice.Number}";
        Dictionary<string, string> Form(string reason) => new()
        {
            ["CustomerAccountNumber"] = account,
            ["InvoiceNumber"] = invoice.Number,
            ["CreditNoteDate"] = Today,
            ["Reason"] = reason,
            ["Lines[0].Description"] = "Remise",
            ["Lines[0].Quantity"] = "1",
            ["Lines[0].UnitPrice"] = "25",
            ["Lines[0].VatRate"] = "0",
        };

        var refused = await ArLedgerAppFactory.PostFormAsync(client, path, Form(""));
        Assert.Equal("Indiquez pourquoi le client est crédité.", ErrorAt(await refused.Content.ReadAsStringAsync(), "Reason"));

        var posted = await ArLedgerAppFactory.PostFormAsync(client, path, Form("Remise commerciale"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith("/CreditNotes/Details/AV-", posted.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var after = await Book.RunAsync((ctx, _) => ctx.Invoices.SingleAsync(i => i.Id == invoice.Id));
        Assert.Equal(75m, after.OpenAmount);
    }

    [Theory]
    [InlineData("/Invoices/Create")]
    [InlineData("/CreditNotes/Create")]
    public async Task The_customer_picker_of_each_document_form_finds_the_customer_and_gives_the_due_date_of_its_terms(string form)
    {
        var account = await CustomerAsync();
        var client = await app.SignedInClientAsync(Roles.Clerk);

        var found = await client.GetStringAsync($"{form}?handler=Customers&q={account}");
        var terms = await client.GetStringAsync($"{form}?handler=Terms&customer={account}&date={Today}");

        Assert.Contains($"\"account\":\"{account}\"", found, StringComparison.Ordinal);
        Assert.Contains($"\"dueDate\":\"{app.Clock.Today.AddDays(30):yyyy-MM-dd}\"", terms, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_PDF_copy_is_a_PDF_shown_inline_and_an_unknown_invoice_is_not_found()
    {
        var account = await CustomerAsync();
        var invoice = await Book.InvoiceAsync(account, 42m);
        var client = await app.SignedInClientAsync(Roles.Clerk);

        var pdf = await client.GetAsync($"/Invoices/Pdf/{invoice.Number}");
        var missing = await client.GetAsync("/Invoices/Pdf/FA-NOPE");

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", pdf.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_invoice_list_is_searched_and_filtered_and_an_empty_answer_says_what_to_do()
    {
        var account = await CustomerAsync();
        var invoice = await Book.InvoiceAsync(account, 10m, app.Clock.Today.AddDays(-90));
        var client = await app.SignedInClientAsync(Roles.Clerk);

        var found = await client.GetStringAsync($"/Invoices?q={account}&status=Overdue");
        var none = await client.GetStringAsync($"/Invoices?q={account}&status=Paid");

        Assert.Contains(invoice.Number, found, StringComparison.Ordinal);
        Assert.Contains("Aucune facture ne correspond à ces filtres.", none, StringComparison.Ordinal);
    }
}
