using System.Net;
using System.Text.RegularExpressions;
using ArLedger.Identity;
using ArLedger.Imports;
using static ArLedger.Web.Tests.Imports.ImportClient;

namespace ArLedger.Web.Tests.Localization;

/// <summary>The language comes from the browser, the FR/EN switch overrides it, and validation speaks it too.</summary>
public sealed partial class LanguageTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    [Theory]
    [InlineData("fr-FR,fr;q=0.9", "lang=\"fr\"", "Imports récents")]
    [InlineData("en-GB,en;q=0.9", "lang=\"en\"", "Recent imports")]
    [InlineData("en-US", "lang=\"en\"", "Recent imports")]
    [InlineData("de-DE", "lang=\"fr\"", "Imports récents")]
    public async Task The_language_comes_from_the_browser_and_defaults_to_French(string acceptLanguage, string lang, string heading)
    {
        var client = await app.SignedInClientAsync(Roles.Clerk);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);

        var page = await client.GetStringAsync("/Imports");

        Assert.Contains(lang, page, StringComparison.Ordinal);
        Assert.Contains(heading, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr-FR", "/Outbox", "Courriels sortants", "Aucun message.", "No messages.")]
    [InlineData("en-GB", "/Outbox", "Outbox", "No messages.", "Aucun message.")]
    [InlineData("fr-FR", "/Jobs", "Tâches planifiées", "Relances hebdomadaires", "Weekly dunning")]
    [InlineData("en-GB", "/Jobs", "Scheduled jobs", "Weekly dunning", "Relances hebdomadaires")]
    [InlineData("fr-FR", "/Admin/ApiKeys", "Clés d'API", "Système appelant", "Calling system")]
    [InlineData("fr-FR", "/Account/SignIn", "Se connecter", "Mot de passe", "Password")]
    [InlineData("en-GB", "/Account/SignIn", "Sign in", "Password", "Mot de passe")]
    public async Task The_outbox_jobs_api_keys_and_sign_in_pages_speak_the_readers_language_only(
        string culture, string path, string heading, string text, string otherLanguage)
    {
        var client = path.StartsWith("/Account/", StringComparison.Ordinal) ? app.AnonymousClient() : await app.SignedInClientAsync(Roles.Admin);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

        var page = await client.GetStringAsync(path);

        Assert.Equal(heading, WebUtility.HtmlDecode(Heading().Match(page).Groups[1].Value));
        var words = WebUtility.HtmlDecode(Tag().Replace(page, " "));
        Assert.Contains(text, words, StringComparison.Ordinal);
        Assert.DoesNotContain(otherLanguage, words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_sets_a_cookie_that_wins_over_the_browser_and_goes_back_to_the_page()
    {
        var cookies = new CookieContainer();
        var client = await app.SignedInClientAsync(Roles.Clerk, cookies);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR");

        var french = await client.GetStringAsync("/Imports");
        var switched = await client.GetAsync("/culture?culture=en-GB&returnUrl=%2FImports%3Fshow%3DInvoices");
        var cookie = cookies.GetAllCookies().Single(c => c.Name == ".AspNetCore.Culture").Value;
        var english = await client.GetStringAsync("/Imports");
        var back = await client.GetAsync("/culture?culture=fr-FR&returnUrl=%2FImports");

        Assert.Contains("Imports récents", french, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Imports?show=Invoices", switched.Headers.Location?.OriginalString);
        Assert.Equal("c=en-GB|uic=en-GB", Uri.UnescapeDataString(cookie));
        Assert.Contains("Recent imports", english, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Contains("Imports récents", await client.GetStringAsync("/Imports"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_refuses_unknown_languages_and_never_sends_people_to_another_site()
    {
        var client = app.AnonymousClient();

        var unknown = await client.GetAsync("/culture?culture=xx-XX&returnUrl=%2F");
        var elsewhere = await client.GetAsync("/culture?culture=en-GB&returnUrl=%2F%2Fevil.example%2F");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("/", elsewhere.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("fr-FR", "'email_releves' n'est pas une adresse email valide.")]
    [InlineData("en-GB", "'email_releves' is not a valid email address.")]
    public async Task A_validation_message_is_shown_at_its_field_in_the_clerks_language(string culture, string message)
    {
        var client = await app.SignedInClientAsync(Roles.Clerk);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        var p = "L" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

        var preview = await UploadAsync(client, ImportKind.Customers, "clients.csv",
            Utf8($"external_id;compte;nom;email_releves\n{p};{p};Client;pas-une-adresse\n"));
        var page = Readable(await client.GetStringAsync(preview));

        // The errors table: row 2, the column as the file names it, the value, and the validator's message.
        Assert.Matches($@"<td class=""num ps-3"">2</td>\s*<td>\s*<code>email_releves</code>\s*</td>\s*<td[^>]*>pas-une-adresse</td>\s*<td class=""pe-3"">{System.Text.RegularExpressions.Regex.Escape(message)}</td>", page);
    }

    [GeneratedRegex("<h1[^>]*>([^<]*)</h1>")]
    private static partial Regex Heading();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
