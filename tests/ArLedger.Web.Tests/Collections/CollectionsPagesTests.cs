using System.Net;
using System.Text.RegularExpressions;
using ArLedger.Identity;
using ArLedger.Testing;
using ArLedger.WriteOffs;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Collections;

/// <summary>Who may decide a write-off, and forms of collections work that answer a mistake at the field, in French.</summary>
public sealed partial class CollectionsPagesTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    readonly Book book = new(app.Database, app.Clock);
    static string NewAccount() => $"CP{Guid.NewGuid():N}"[..10];

    async Task<(string Account, string Invoice)> InvoiceAsync(decimal amount = 1_000m)
    {
        var account = NewAccount();
        await book.CustomerAsync(account);
        var invoice = await book.InvoiceAsync(account, amount);
        return (account, invoice.Number);
    }

    async Task<long> ProposedWriteOffAsync(string proposedBy)
    {
        var (_, invoice) = await InvoiceAsync();
        book.ActorName = proposedBy;
        return (await book.TryProposeWriteOffAsync(new ProposeWriteOff(invoice, 25m, "Petit solde"))).Value!.Id;
    }

    async Task<WriteOffStatus> StatusAsync(long id)
    {
        await using var ctx = app.Database.CreateContext();
        return await ctx.WriteOffs.Where(w => w.Id == id).Select(w => w.Status).SingleAsync();
    }

    [Fact]
    public async Task A_clerk_cannot_approve_a_write_off_and_is_refused_with_403()
    {
        var id = await ProposedWriteOffAsync("someone-else");
        var clerk = await app.SignedInClientAsync(Roles.Clerk);

        var response = await ArLedgerAppFactory.PostFormAsync(clerk, "/WriteOffs", new() { ["note"] = "ok" }, $"Approve&id={id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync(response.Headers.Location)).StatusCode);
        Assert.Equal(WriteOffStatus.Proposed, await StatusAsync(id));
    }

    [Fact]
    public async Task A_manager_approves_a_write_off_someone_else_proposed()
    {
        var id = await ProposedWriteOffAsync("someone-else");
        var manager = await app.SignedInClientAsync(Roles.Manager);

        var response = await ArLedgerAppFactory.PostFormAsync(manager, "/WriteOffs", new() { ["note"] = "accord" }, $"Approve&id={id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(WriteOffStatus.Approved, await StatusAsync(id));
    }

    [Fact]
    public async Task A_manager_who_proposed_a_write_off_is_told_another_manager_must_decide()
    {
        var manager = await app.SignedInClientAsync(Roles.Manager);
        var (_, invoice) = await InvoiceAsync();
        var proposed = await ArLedgerAppFactory.PostFormAsync(manager, $"/WriteOffs/Propose?invoice={invoice}",
            new() { ["invoice"] = invoice, ["Amount"] = "12,50", ["Reason"] = "Écart de règlement" });
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        long id;
        await using (var ctx = app.Database.CreateContext())
            id = await ctx.WriteOffs.Where(w => w.Amount == 12.50m && ctx.Invoices.Any(i => i.Id == w.InvoiceId && i.Number == invoice)).Select(w => w.Id).SingleAsync();

        var response = await ArLedgerAppFactory.PostFormAsync(manager, "/WriteOffs", [], $"Approve&id={id}");
        var page = await manager.GetStringAsync(response.Headers.Location);

        Assert.Contains("Un passage en perte doit être décidé par une autre personne que celle qui l'a proposé.", Plain(page), StringComparison.Ordinal);
        Assert.Equal(WriteOffStatus.Proposed, await StatusAsync(id));
    }

    [Fact]
    public async Task A_write_off_a_payment_overtook_is_refused_in_French_with_its_amounts_written_the_French_way()
    {
        var (account, invoice) = await InvoiceAsync(1_234.56m);
        book.ActorName = "someone-else";
        var id = (await book.TryProposeWriteOffAsync(new ProposeWriteOff(invoice, 25m, "Petit solde"))).Value!.Id;
        await book.PaymentAsync(account, 1_224.56m, allocations: [new(invoice, 1_224.56m)]);
        var manager = await app.SignedInClientAsync(Roles.Manager);

        var response = await ArLedgerAppFactory.PostFormAsync(manager, "/WriteOffs", [], $"Approve&id={id}");
        var page = await manager.GetStringAsync(response.Headers.Location);

        Assert.Contains($"25,00 dépasse désormais le reste dû de {invoice} (10,00).", Plain(page), StringComparison.Ordinal);
        Assert.Equal(WriteOffStatus.Proposed, await StatusAsync(id));
    }

    [Fact]
    public async Task A_dispute_amount_that_does_not_parse_or_is_over_the_open_amount_is_refused_at_the_amount_field()
    {
        var (_, invoice) = await InvoiceAsync(300m);
        var clerk = await app.SignedInClientAsync(Roles.Clerk);
        var path = $"/Disputes/Open?invoice={invoice}";

        var garbled = await ReadAsync(await ArLedgerAppFactory.PostFormAsync(clerk, path, new() { ["invoice"] = invoice, ["Amount"] = "douze", ["Reason"] = "Price" }));
        var over = await ReadAsync(await ArLedgerAppFactory.PostFormAsync(clerk, path, new() { ["invoice"] = invoice, ["Amount"] = "300,01", ["Reason"] = "Price" }));
        var noReason = await ReadAsync(await ArLedgerAppFactory.PostFormAsync(clerk, path, new() { ["invoice"] = invoice, ["Amount"] = "1 234,56" }));

        AssertInvalid(garbled, "Amount", "Saisissez un montant, par exemple 1 234,56.");
        AssertInvalid(over, "Amount", "Au plus le reste dû non contesté, 300,00");
        AssertInvalid(noReason, "Reason", "Choisissez le motif donné par le client.");
    }

    [Fact]
    public async Task A_dispute_typed_the_french_way_is_opened_for_that_amount()
    {
        var (_, invoice) = await InvoiceAsync(2_000m);
        var clerk = await app.SignedInClientAsync(Roles.Clerk);

        var response = await ArLedgerAppFactory.PostFormAsync(clerk, $"/Disputes/Open?invoice={invoice}",
            new() { ["invoice"] = invoice, ["Amount"] = "1 234,56", ["Reason"] = "Quantity", ["Description"] = "Livraison incomplète" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var ctx = app.Database.CreateContext();
        var dispute = await ctx.Disputes.SingleAsync(d => ctx.Invoices.Any(i => i.Id == d.InvoiceId && i.Number == invoice));
        Assert.Equal(1_234.56m, dispute.Amount);
        Assert.Equal($"/Disputes/Details/{dispute.Id}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_payment_plan_that_does_not_add_up_is_refused_with_the_difference_in_french()
    {
        var (account, invoice) = await InvoiceAsync(1_000m);
        var clerk = await app.SignedInClientAsync(Roles.Clerk);
        var due = book.Today.AddMonths(1).ToString("yyyy-MM-dd");
        var later = book.Today.AddMonths(2).ToString("yyyy-MM-dd");

        var response = await ArLedgerAppFactory.PostFormAsync(clerk, $"/Customers/{account}/Promises/NewPlan", new()
        {
            ["InvoiceNumbers"] = invoice,
            ["Instalments[0].DueDate"] = due, ["Instalments[0].Amount"] = "450",
            ["Instalments[1].DueDate"] = later, ["Instalments[1].Amount"] = "450,00",
        });

        var page = await ReadAsync(response);
        Assert.Contains("Les échéances totalisent 900,00 € mais le reste dû des factures choisies est de 1 000,00 € : il manque 100,00 €.",
            Plain(page), StringComparison.Ordinal);
        await using var ctx = app.Database.CreateContext();
        Assert.False(await ctx.PaymentPlans.AnyAsync(p => ctx.Customers.Any(c => c.Id == p.CustomerId && c.AccountNumber == account)));
    }

    [Fact]
    public async Task A_promise_dated_in_the_past_and_a_call_without_outcome_are_refused_at_their_field()
    {
        var (account, invoice) = await InvoiceAsync();
        var clerk = await app.SignedInClientAsync(Roles.Clerk);

        var promise = await ReadAsync(await ArLedgerAppFactory.PostFormAsync(clerk, $"/Customers/{account}/Promises", new()
        {
            ["Amount"] = "100", ["PromisedDate"] = book.Today.AddDays(-1).ToString("yyyy-MM-dd"), ["InvoiceNumbers"] = invoice,
        }));
        var call = await ReadAsync(await ArLedgerAppFactory.PostFormAsync(clerk, $"/Customers/{account}/Activity", new()
        {
            ["Kind"] = "Call", ["Body"] = "Rappeler demain",
        }));

        AssertInvalid(promise, "PromisedDate", "La date promise ne peut pas être passée.");
        AssertInvalid(call, "Outcome", "Indiquez le résultat de l'appel.");
    }

    /// <summary>A refused form: shown again, answered 422.</summary>
    static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The field is marked invalid and the message stands right after it.</summary>
    static void AssertInvalid(string page, string field, string message)
    {
        var tag = FieldTag().Matches(page).Select(m => m.Value).FirstOrDefault(t => t.Contains($"name=\"{field}\"", StringComparison.Ordinal));
        Assert.NotNull(tag);
        Assert.Contains("is-invalid", tag, StringComparison.Ordinal);
        var after = page[page.IndexOf(tag, StringComparison.Ordinal)..];
        var feedback = Feedback().Match(after);
        Assert.True(feedback.Success, $"No message after the {field} field.");
        Assert.Contains(message, Plain(feedback.Groups[1].Value), StringComparison.Ordinal);
    }

    /// <summary>The text as a reader sees it: entities decoded, French thin and non-breaking spaces as plain spaces.</summary>
    static string Plain(string html) => WebUtility.HtmlDecode(html).Replace('\u202f', ' ').Replace('\u00a0', ' ');

    [GeneratedRegex("<(input|select|textarea)\\b[^>]*>")]
    private static partial Regex FieldTag();

    [GeneratedRegex("<div class=\"invalid-feedback d-block\">([^<]*)</div>")]
    private static partial Regex Feedback();
}
