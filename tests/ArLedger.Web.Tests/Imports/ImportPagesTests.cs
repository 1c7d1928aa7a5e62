using System.Text;
using ArLedger.Identity;
using ArLedger.Imports;
using Microsoft.EntityFrameworkCore;
using static ArLedger.Web.Tests.Imports.ImportClient;

namespace ArLedger.Web.Tests.Imports;

public sealed class ImportPagesTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    static string Unique() => "W" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    [Fact]
    public async Task A_clerk_uploads_customers_sees_the_preview_confirms_and_finds_them_in_the_customer_list()
    {
        var p = Unique();
        var client = await app.SignedInClientAsync(Roles.Clerk);
        var file = Utf8($"external_id;compte;nom;ville\n{p}-1;{p}1;Quincaillerie {p};Lyon\n{p}-2;{p}2;Droguerie {p};Lille\n");

        var previewPath = await UploadAsync(client, ImportKind.Customers, "clients.csv", file);
        var preview = Readable(await client.GetStringAsync(previewPath));
        var imported = Readable(await ConfirmAsync(client, previewPath));
        var list = await client.GetStringAsync($"/Customers?q={p}");

        Assert.Contains($"Quincaillerie {p}", preview, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"create-count\">2<", preview);
        Assert.Contains("Import terminé : 2 nouvelles lignes, 0 déjà en comptabilité.", imported, StringComparison.Ordinal);
        Assert.Contains($"{p}1", list, StringComparison.Ordinal);
        Assert.Contains($"{p}2", list, StringComparison.Ordinal);
        Assert.Contains("clients.csv", await client.GetStringAsync("/Imports"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invoices_file_with_a_bad_row_shows_its_row_and_column_and_imports_nothing_even_when_confirmed_by_hand()
    {
        var p = Unique();
        var client = await app.SignedInClientAsync(Roles.Clerk);
        await UploadAndConfirmAsync(client, ImportKind.Customers, $"external_id;compte;nom\n{p}-C;{p};Client {p}\n");
        var file = Utf8("external_id;numero_facture;compte_client;date_facture;montant_ht;montant_tva\n" +
            $"{p}-1;{p}-FA1;{p};15/01/2026;100,00;20,00\n{p}-2;{p}-FA2;{p};15/01/2026;12,3,4;20,00\n");

        var previewPath = await UploadAsync(client, ImportKind.Invoices, "factures.csv", file);
        var preview = Readable(await client.GetStringAsync(previewPath));
        var afterConfirm = Readable(await ConfirmAsync(client, previewPath));

        Assert.Contains("Ligne 3, colonne « montant_ht » : « 12,3,4 » n'est pas un montant", preview, StringComparison.Ordinal);
        Assert.Matches("<button type=\"submit\" class=\"btn btn-primary\" disabled=\"disabled\"", preview);
        Assert.Contains("Rien n'a été importé : 1 erreurs.", afterConfirm, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(0, await db.Invoices.CountAsync(i => i.Number.StartsWith(p)));
    }

    [Fact]
    public async Task Each_template_is_in_the_clerks_conventions_and_imports_as_it_is_customers_then_invoices_then_payments()
    {
        var client = await app.SignedInClientAsync(Roles.Clerk);
        var french = await client.GetByteArrayAsync("/Imports?handler=Template&kind=Invoices");
        var english = new HttpRequestMessage(HttpMethod.Get, "/Imports?handler=Template&kind=Invoices");
        english.Headers.AcceptLanguage.ParseAdd("en-GB");
        var englishText = Encoding.UTF8.GetString(await (await client.SendAsync(english)).Content.ReadAsByteArrayAsync());

        Assert.Equal([0xEF, 0xBB, 0xBF], french[..3]);
        Assert.StartsWith("external_id;numero_facture;compte_client;date_facture;date_echeance;montant_ht;montant_tva;reference;libelle\r\n",
            Encoding.UTF8.GetString(french[3..]), StringComparison.Ordinal);
        Assert.Contains(";15/01/2026;;1000,00;200,00;", Encoding.UTF8.GetString(french), StringComparison.Ordinal);
        Assert.Contains("external_id,invoice_number,customer_account,invoice_date,", englishText, StringComparison.Ordinal);
        Assert.Contains(",2026-01-15,,1000.00,200.00,", englishText, StringComparison.Ordinal);

        foreach (var kind in new[] { ImportKind.Customers, ImportKind.Invoices, ImportKind.Payments })
        {
            var template = await client.GetByteArrayAsync($"/Imports?handler=Template&kind={kind}");
            var page = Readable(await ConfirmAsync(client, await UploadAsync(client, kind, "modele.csv", template)));
            Assert.Contains("Import terminé : 1 nouvelles lignes", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_recent_imports_filter_by_kind_and_file_name()
    {
        var p = Unique();
        var client = await app.SignedInClientAsync(Roles.Clerk);
        await UploadAsync(client, ImportKind.Payments, $"{p}-banque.csv", Utf8("external_id;compte_client;date_reglement;montant\nX;NOBODY;01/02/2026;1\n"));

        var byName = await client.GetStringAsync($"/Imports?q={p}");
        var otherKind = await client.GetStringAsync($"/Imports?q={p}&show=Customers");

        Assert.Contains($"{p}-banque.csv", byName, StringComparison.Ordinal);
        Assert.DoesNotContain($"{p}-banque.csv", otherKind, StringComparison.Ordinal);
        Assert.Contains("Aucun import ne correspond à ces filtres.", otherKind, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_at_the_file_field()
    {
        var client = await app.SignedInClientAsync(Roles.Clerk);
        var page = await client.GetStringAsync("/Imports");
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page,
            "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Customers"), "Kind" },
            { new ByteArrayContent(new byte[Importer.MaxBytes + 1]), "Upload", "huge.csv" },
        };

        var response = await client.PostAsync("/Imports", form);

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("un import accepte 10 Mo au plus", Readable(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    static async Task UploadAndConfirmAsync(HttpClient client, ImportKind kind, string csv) =>
        await ConfirmAsync(client, await UploadAsync(client, kind, "setup.csv", Utf8(csv)));
}
