using System.Net;
using System.Text.RegularExpressions;
using ArLedger.Company;
using ArLedger.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Admin;

/// <summary>The company settings page over HTTP: checked fields, the home page's warning, and no lost edits.</summary>
public sealed partial class CompanySettingsPageTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    const string Path = "/Admin/Company";

    static Dictionary<string, string> Form(Dictionary<string, string>? more = null)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = "Dupré Négoce SAS",
            ["Input.LegalForm"] = "SAS au capital de 50 000 €",
            ["Input.Address"] = "12 quai de la Fosse\n44000 Nantes",
            ["Input.Siren"] = "552 100 554",
            ["Input.Siret"] = "552 100 554 00021",
            ["Input.VatNumber"] = "FR96552100554",
            ["Input.Iban"] = "FR76 3000 6000 0112 3456 7890 189",
            ["Input.Bic"] = "AGRIFRPP",
            ["Input.Email"] = "compta@dupre.example",
            ["Input.Phone"] = "02 40 00 00 00",
            ["Input.SenderName"] = "Dupré Négoce",
            ["Input.SenderAddress"] = "relances@dupre.example",
        };
        foreach (var (k, v) in more ?? [])
            form[k] = v;
        return form;
    }

    static string VersionOf(string page) => VersionField().Match(page).Groups[1].Value;

    static string? FieldError(string html, string field)
    {
        var m = Regex.Match(html, $"<span class=\"[^\"]*field-validation-error[^\"]*\" data-valmsg-for=\"Input\\.{field}\"[^>]*>([^<]*)</span>");
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    static async Task<HttpResponseMessage> SaveAsync(HttpClient client, Dictionary<string, string> form)
    {
        if (!form.ContainsKey("Version"))
            form["Version"] = VersionOf(await client.GetStringAsync(Path));
        return await ArLedgerAppFactory.PostFormAsync(client, Path, form);
    }

    [Fact]
    public async Task The_home_page_warns_an_administrator_of_a_missing_IBAN_or_SIREN_with_a_link_until_the_settings_fill_them_in()
    {
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var manager = await app.SignedInClientAsync(Roles.Manager);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(admin, Form(new() { ["Input.Iban"] = "", ["Input.Siren"] = "", ["Input.Siret"] = "" }))).StatusCode);

        var missing = WebUtility.HtmlDecode(await admin.GetStringAsync("/"));
        var managers = WebUtility.HtmlDecode(await manager.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(admin, Form())).StatusCode);
        var filled = await admin.GetStringAsync("/");

        var warning = Regex.Match(missing, "<a [^>]*href=\"/Admin/Company\" data-testid=\"company-gaps\">(.*?)</a>", RegexOptions.Singleline);
        Assert.True(warning.Success, "no warning on the administrator's home page");
        Assert.Contains("un tiret à la place de ces informations de la société : SIREN, IBAN.", warning.Groups[1].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("company-gaps", managers, StringComparison.Ordinal);
        Assert.DoesNotContain("company-gaps", filled, StringComparison.Ordinal);
        Assert.Contains("href=\"/Admin/Company\"", filled, StringComparison.Ordinal); // the Administration menu
    }

    [Theory]
    [InlineData("fr-FR", "Un SIREN a 9 chiffres et une clé de contrôle valide (Luhn), par exemple 552 100 554.", "Cet IBAN n'est pas valide")]
    [InlineData("en-GB", SaveCompanySettingsValidator.SirenMessage, "This IBAN is not valid")]
    public async Task Wrong_identifiers_are_refused_at_their_fields_in_the_readers_language_and_nothing_is_saved(string culture, string siren, string iban)
    {
        var admin = await app.SignedInClientAsync(Roles.Admin);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        await using var before = app.Database.CreateContext();
        var audits = await before.AuditEvents.CountAsync(e => e.Action == "company.settings.saved");

        var response = await SaveAsync(admin, Form(new()
        {
            ["Input.Siren"] = "552 100 555", ["Input.Siret"] = "552 100 554 00022", ["Input.Iban"] = "FR76 3000 6000 0112 3456 7890 188",
            ["Input.Bic"] = "AGRI", ["Input.VatNumber"] = "FR12552100554", ["Input.Name"] = "Ne doit pas être enregistré",
        }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(siren, FieldError(html, "Siren"));
        Assert.StartsWith(iban, FieldError(html, "Iban"), StringComparison.Ordinal);
        Assert.All(new[] { "Siret", "Bic", "VatNumber" }, f => Assert.False(string.IsNullOrEmpty(FieldError(html, f)), $"no error at {f}"));
        Assert.Contains("is-invalid", Regex.Match(html, "<input[^>]*name=\"Input.Bic\"[^>]*>").Value, StringComparison.Ordinal);
        await using var after = app.Database.CreateContext();
        Assert.Equal(audits, await after.AuditEvents.CountAsync(e => e.Action == "company.settings.saved"));
        Assert.False(await after.Set<CompanySettings>().AnyAsync(s => s.Name == "Ne doit pas être enregistré"));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_shows_the_colleagues_saved_value_beside_the_one_typed()
    {
        var first = await app.SignedInClientAsync(Roles.Admin);
        var second = await app.SignedInClientAsync(Roles.Admin);
        var opened = VersionOf(await first.GetStringAsync(Path));
        Assert.Equal(opened, VersionOf(await second.GetStringAsync(Path)));

        var saved = await SaveAsync(second, Form(new() { ["Input.Iban"] = "FR76 3000 4000 0312 3456 7890 143", ["Version"] = opened }));
        var stale = await SaveAsync(first, Form(new() { ["Input.Iban"] = "FR76 3000 6000 0112 3456 7890 189", ["Version"] = opened }));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        var html = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        Assert.Contains("Quelqu'un a enregistré les paramètres de la société après que vous les avez ouverts", html, StringComparison.Ordinal);
        Assert.Equal(("FR76 3000 4000 0312 3456 7890 143", "FR76 3000 6000 0112 3456 7890 189"), StaleEditPage.Difference(html, "Iban"));
        await using (var db = app.Database.CreateContext())
            Assert.Equal("FR76 3000 4000 0312 3456 7890 143", (await db.Set<CompanySettings>().SingleAsync()).Iban);

        // Having seen both, saving again keeps the value typed.
        var again = await SaveAsync(first, Form(new() { ["Input.Iban"] = "FR76 3000 6000 0112 3456 7890 189", ["Version"] = VersionOf(html) }));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using (var db = app.Database.CreateContext())
            Assert.Equal("FR76 3000 6000 0112 3456 7890 189", (await db.Set<CompanySettings>().SingleAsync()).Iban);
    }

    [GeneratedRegex("name=\"Version\" value=\"([0-9a-f]{16})\"")]
    private static partial Regex VersionField();
}
