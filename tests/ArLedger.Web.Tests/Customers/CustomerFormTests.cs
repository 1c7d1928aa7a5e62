using System.Net;
using System.Text.RegularExpressions;
using ArLedger.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Customers;

/// <summary>Creating and editing customers over HTTP: messages at the field, and who may change what.</summary>
public sealed partial class CustomerFormTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    static string NewAccount() => $"T{Guid.NewGuid():N}"[..10].ToUpperInvariant();

    static Dictionary<string, string> Form(string account, string name = "Boulangerie Martin SARL", Dictionary<string, string>? more = null)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.AccountNumber"] = account,
            ["Input.Name"] = name,
            ["Input.Language"] = "fr",
            ["Input.PaymentTerms"] = "NET30",
            ["Input.Currency"] = "EUR",
            ["Input.Country"] = "FR",
        };
        foreach (var (k, v) in more ?? [])
            form[k] = v;
        return form;
    }

    /// <summary>The message shown under a field, or null when the field has none.</summary>
    static string? FieldError(string html, string field)
    {
        var m = Regex.Match(html, $"<span class=\"[^\"]*field-validation-error[^\"]*\" data-valmsg-for=\"Input\\.{field}\"[^>]*>([^<]*)</span>");
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    [Fact]
    public async Task Create_shows_each_problem_at_its_field_and_creates_nothing()
    {
        var clerk = await app.SignedInClientAsync(Roles.Clerk);
        var account = NewAccount();

        var response = await ArLedgerAppFactory.PostFormAsync(clerk, "/Customers/Create", Form(account, name: "", more: new()
        {
            ["Input.StatementEmail"] = "pas-un-email",
            ["Input.Currency"] = "EURO",
            ["Input.OnHold"] = "true",
            ["Input.OnHoldReason"] = "",
        }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.NotNull(FieldError(html, "Name"));
        Assert.NotNull(FieldError(html, "StatementEmail"));
        Assert.Equal("La devise doit être un code ISO 4217, par exemple EUR.", FieldError(html, "Currency"));
        Assert.Equal("Indiquez pourquoi le compte est bloqué.", FieldError(html, "OnHoldReason"));
        Assert.Null(FieldError(html, "AccountNumber"));
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Customers.AnyAsync(c => c.AccountNumber == account));
    }

    [Theory]
    [InlineData("fr-FR", "'N° de compte' n'a pas le bon format.")]
    [InlineData("en-GB", "'Account Number' is not in the correct format.")]
    public async Task A_validator_message_names_the_field_in_the_clerks_language(string culture, string message)
    {
        var clerk = await app.SignedInClientAsync(Roles.Clerk);
        clerk.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

        var response = await ArLedgerAppFactory.PostFormAsync(clerk, "/Customers/Create", Form("C 0001"));

        Assert.Equal(message, FieldError(await response.Content.ReadAsStringAsync(), "AccountNumber"));
    }

    [Fact]
    public async Task A_used_account_number_is_refused_at_the_account_number_field()
    {
        var clerk = await app.SignedInClientAsync(Roles.Clerk);
        var account = NewAccount();
        Assert.Equal(HttpStatusCode.Redirect, (await ArLedgerAppFactory.PostFormAsync(clerk, "/Customers/Create", Form(account))).StatusCode);

        var again = await ArLedgerAppFactory.PostFormAsync(clerk, "/Customers/Create", Form(account, "Autre société"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("Ce numéro de compte est déjà utilisé.", FieldError(await again.Content.ReadAsStringAsync(), "AccountNumber"));
    }

    [Fact]
    public async Task A_clerk_creates_a_customer_and_lands_on_its_page()
    {
        var clerk = await app.SignedInClientAsync(Roles.Clerk);
        var account = NewAccount();

        var response = await ArLedgerAppFactory.PostFormAsync(clerk, "/Customers/Create", Form(account, more: new()
        {
            ["Input.StatementEmail"] = "compta@martin.example",
            ["Input.City"] = "Lyon",
            ["Input.PaymentTerms"] = "45EOM",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Customers/{account}", response.Headers.Location?.OriginalString);
        await using var db = app.Database.CreateContext();
        var customer = await db.Customers.Include(c => c.PaymentTerms).SingleAsync(c => c.AccountNumber == account);
        Assert.Equal(("Boulangerie Martin SARL", "Lyon", "45EOM"), (customer.Name, customer.BillingAddress.City, customer.PaymentTerms!.Code));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "customer.created" && e.CustomerId == customer.Id));
        var page = await clerk.GetStringAsync(response.Headers.Location);
        Assert.Contains($"Client {account} créé.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_manager_sets_a_credit_limit_typed_the_French_way()
    {
        var clerk = await app.SignedInClientAsync(Roles.Clerk);
        var account = NewAccount();

        var refused = await ArLedgerAppFactory.PostFormAsync(clerk, "/Customers/Create", Form(account, more: new() { ["Input.CreditLimit"] = "15 000,50" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("Seul un responsable peut fixer l'encours autorisé.", FieldError(await refused.Content.ReadAsStringAsync(), "CreditLimit"));

        var created = await ArLedgerAppFactory.PostFormAsync(clerk, "/Customers/Create", Form(account));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var edit = $"/Customers/Edit/{account}";
        var clerkEdit = await ArLedgerAppFactory.PostFormAsync(clerk, edit, Form(account, more: new() { ["Input.CreditLimit"] = "15 000,50" }));
        Assert.Equal("Seul un responsable peut fixer l'encours autorisé.", FieldError(await clerkEdit.Content.ReadAsStringAsync(), "CreditLimit"));

        var manager = await app.SignedInClientAsync(Roles.Manager);
        var managerEdit = await ArLedgerAppFactory.PostFormAsync(manager, edit, Form(account, more: new() { ["Input.CreditLimit"] = "15 000,50" }));

        Assert.Equal(HttpStatusCode.Redirect, managerEdit.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.Equal(15_000.50m, (await db.Customers.SingleAsync(c => c.AccountNumber == account)).CreditLimit);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_shows_the_colleagues_saved_value_beside_the_one_typed()
    {
        var first = await app.SignedInClientAsync(Roles.Clerk);
        var second = await app.SignedInClientAsync(Roles.Clerk);
        var account = NewAccount();
        await ArLedgerAppFactory.PostFormAsync(first, "/Customers/Create", Form(account, "Ancien nom SARL"));
        var path = $"/Customers/Edit/{account}";
        static string VersionOf(string page) => Regex.Match(page, "name=\"Version\" value=\"([0-9a-f]{16})\"").Groups[1].Value;
        // Both open the form on the same version.
        var opened = VersionOf(await first.GetStringAsync(path));
        Assert.Equal(opened, VersionOf(await second.GetStringAsync(path)));

        var saved = await ArLedgerAppFactory.PostFormAsync(second, path, Form(account, "Nom du collègue SAS", new() { ["Version"] = opened }));
        var stale = await ArLedgerAppFactory.PostFormAsync(first, path, Form(account, "Mon nom SARL", new() { ["Version"] = opened }));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        var html = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        Assert.Contains("Quelqu'un a enregistré ce client après que vous l'avez ouvert", html, StringComparison.Ordinal);
        Assert.Equal(("Nom du collègue SAS", "Mon nom SARL"), StaleEditPage.Difference(html, "Name"));
        await using (var db = app.Database.CreateContext())
            Assert.Equal("Nom du collègue SAS", (await db.Customers.SingleAsync(c => c.AccountNumber == account)).Name);

        // Having seen both, saving again keeps the value typed.
        var again = await ArLedgerAppFactory.PostFormAsync(first, path, Form(account, "Mon nom SARL", new() { ["Version"] = VersionOf(html) }));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using (var db = app.Database.CreateContext())
            Assert.Equal("Mon nom SARL", (await db.Customers.SingleAsync(c => c.AccountNumber == account)).Name);
    }

    [Fact]
    public async Task Editing_a_customer_records_the_details_before_and_after_in_the_audit_trail()
    {
        var clerk = await app.SignedInClientAsync(Roles.Clerk);
        var account = NewAccount();
        await ArLedgerAppFactory.PostFormAsync(clerk, "/Customers/Create", Form(account, "Ancien nom SARL"));

        var response = await ArLedgerAppFactory.PostFormAsync(clerk, $"/Customers/Edit/{account}", Form(account, "Nouveau nom SAS", new()
        {
            ["Input.Phone"] = "04 78 00 00 00",
            ["Input.OnHold"] = "true",
            ["Input.OnHoldReason"] = "Chèque impayé",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var customer = await db.Customers.SingleAsync(c => c.AccountNumber == account);
        Assert.Equal(("Nouveau nom SAS", true, "Chèque impayé"), (customer.Name, customer.OnHold, customer.OnHoldReason));
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "customer.updated" && e.CustomerId == customer.Id);
        Assert.Contains("Ancien nom SARL", audit.Before, StringComparison.Ordinal);
        Assert.Contains("Nouveau nom SAS", audit.After, StringComparison.Ordinal);
        Assert.StartsWith("clerk-", audit.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_shows_problems_at_the_field_and_keeps_the_customer_unchanged()
    {
        var clerk = await app.SignedInClientAsync(Roles.Clerk);
        var account = NewAccount();
        await ArLedgerAppFactory.PostFormAsync(clerk, "/Customers/Create", Form(account, "Garde son nom"));

        var response = await ArLedgerAppFactory.PostFormAsync(clerk, $"/Customers/Edit/{account}", Form(account, "", new() { ["Input.DunningEmail"] = "@@" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.NotNull(FieldError(html, "Name"));
        Assert.NotNull(FieldError(html, "DunningEmail"));
        await using var db = app.Database.CreateContext();
        Assert.Equal("Garde son nom", (await db.Customers.SingleAsync(c => c.AccountNumber == account)).Name);
    }

    [Theory]
    [InlineData("/Customers/Create")]
    [InlineData("/Customers/Edit/NOPE")]
    [InlineData("/Customers?handler=Csv")]
    public async Task Without_signing_in_the_customer_pages_send_to_the_sign_in_page(string path)
    {
        var response = await app.AnonymousClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/SignIn", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_an_unknown_customer_answers_not_found()
    {
        var clerk = await app.SignedInClientAsync(Roles.Clerk);

        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync("/Customers/Edit/NOPE404")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync("/Customers/NOPE404/Ledger")).StatusCode);
    }
}
