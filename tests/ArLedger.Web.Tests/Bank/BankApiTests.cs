using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ArLedger.Identity;
using ArLedger.Web.Hosting;

namespace ArLedger.Web.Tests.Bank;

/// <summary>The contract of /api/v1/bank-accounts, /api/v1/bank-statements and the bank-import verb.</summary>
public sealed class BankApiTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    /// <summary>A CFONB 120 file of two accounts, in the layout of OCA/l10n-france's cfonb_classic.cfo.</summary>
    static readonly string Cfonb = string.Join("\r\n",
        "0130003    01234EUR2 00012345678  120124                                         0000000  0000000010000{                ",
        "0430003000501234EUR2 0001234567805130124  130124VIR SEPA DURANCIA MONTGENEVRE    0000000  0000000013201{                ",
        "0530003000501234EUR2 0001234567805130124     LIBF230866 F230765 F238765                                                 ",
        "0430003012001234EUR2 0001234567801130124  150124PRLV SEPA EDF                    0000000  0000000000472R                ",
        "0430003012001234EUR2 0001234567801130124  150124PRLV SEPA EDF                    0000000  0000000000472R                ",
        "0730003    01234EUR2 00012345678  130124                                         0000000  0000000022255B                ",
        "0130003    01234EUR2 00098765432  120124                                         0000000  0000000001500}                ",
        "0430003000501234EUR2 0009876543205140124  140124VIR SOCIETE GENERALE             0000000  0000000002000E                ",
        "0730003    01234EUR2 00098765432  140124                                         0000000  0000000000600E                ") + "\r\n";

    static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    static MultipartFormDataContent File(string text, string name = "releve.cfo")
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.Latin1.GetBytes(text)), "file", name);
        return form;
    }

    async Task OpenAccountsAsync()
    {
        var admin = await app.ApiClientAsync(Roles.Admin);
        foreach (var number in new[] { "00012345678", "00098765432" })
        {
            var r = await admin.PostAsJsonAsync("/api/v1/bank-accounts",
                new { name = $"BNP {number}", currency = "EUR", bankCode = "30003", branchCode = "01234", accountNumber = number });
            Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity, await r.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_csv_layout_is_saved_with_an_admin_key_and_a_csv_export_sent_for_the_account_is_read_with_it()
    {
        var clerk = await app.ApiClientAsync(Roles.Clerk);
        var admin = await app.ApiClientAsync(Roles.Admin);
        var opened = await admin.PostAsJsonAsync("/api/v1/bank-accounts", new { name = "Banque en ligne", currency = "EUR", otherIdentifier = $"CSV-{Guid.NewGuid():N}"[..20] });
        var id = (await Json(opened)).GetProperty("id").GetInt64();
        var mapping = new { dateColumn = "Date", labelColumn = "Libellé", amountColumn = "Montant", balanceColumn = "Solde" };

        var byClerk = await clerk.PutAsJsonAsync($"/api/v1/bank-accounts/{id}/csv-mapping", mapping);
        var bad = await admin.PutAsJsonAsync($"/api/v1/bank-accounts/{id}/csv-mapping", mapping with { amountColumn = "" });
        var missing = await admin.PutAsJsonAsync("/api/v1/bank-accounts/999999/csv-mapping", mapping);
        var saved = await admin.PutAsJsonAsync($"/api/v1/bank-accounts/{id}/csv-mapping", mapping);
        var form = File("Date;Libellé;Montant;Solde\n02/03/2026;VIR CLIENT;120,00;1 120,00\n03/03/2026;FRAIS;-2,50;1 117,50\n", "export.csv");
        form.Add(new StringContent(id.ToString(System.Globalization.CultureInfo.InvariantCulture)), "account");
        var imported = await clerk.PostAsync("/api/v1/bank-statements", form);

        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await Json(bad)).GetProperty("errors").TryGetProperty("amountColumn", out _));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("Montant", (await Json(saved)).GetProperty("amountColumn").GetString());
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var statement = (await Json(imported)).GetProperty("statements")[0];
        Assert.Equal((1000.00m, 1117.50m, 2, true), (statement.GetProperty("opening").GetDecimal(), statement.GetProperty("closing").GetDecimal(),
            statement.GetProperty("lines").GetInt32(), statement.GetProperty("balanced").GetBoolean()));
    }

    [Fact]
    public async Task Bank_accounts_are_opened_with_an_admin_key_known_by_IBAN_RIB_or_identifier_and_a_bad_field_is_named()
    {
        var clerk = await app.ApiClientAsync(Roles.Clerk);
        var admin = await app.ApiClientAsync(Roles.Admin);
        var body = new { name = "Crédit Agricole", currency = "EUR", iban = "FR76 3000 6000 0112 3456 7890 189", bic = "AGRIFRPP" };

        var byClerk = await clerk.PostAsJsonAsync("/api/v1/bank-accounts", body);
        var badIban = await admin.PostAsJsonAsync("/api/v1/bank-accounts", body with { iban = "FR76 3000 6000 0112 3456 7890 188" });
        var created = await admin.PostAsJsonAsync("/api/v1/bank-accounts", body);
        var byIdentifier = await admin.PostAsJsonAsync("/api/v1/bank-accounts", new { name = "Deutsche Bank", currency = "EUR", otherIdentifier = "45050050/76198810" });
        var twice = await admin.PostAsJsonAsync("/api/v1/bank-accounts", body);

        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badIban.StatusCode);
        Assert.True((await Json(badIban)).GetProperty("errors").TryGetProperty("iban", out _));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var account = await Json(created);
        Assert.Equal(("FR7630006000011234567890189", "30006", "00001", "12345678901"), (account.GetProperty("iban").GetString(),
            account.GetProperty("bankCode").GetString(), account.GetProperty("branchCode").GetString(), account.GetProperty("accountNumber").GetString()));
        Assert.Equal(HttpStatusCode.Created, byIdentifier.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
    }

    [Fact]
    public async Task A_posted_file_answers_one_element_per_statement_and_the_same_file_again_adds_no_line()
    {
        await OpenAccountsAsync();
        var clerk = await app.ApiClientAsync(Roles.Clerk);

        var first = await clerk.PostAsync("/api/v1/bank-statements", File(Cfonb));
        var again = await clerk.PostAsync("/api/v1/bank-statements", File(Cfonb));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var statements = (await Json(first)).GetProperty("statements");
        Assert.Equal(2, statements.GetArrayLength());
        var s = statements[0];
        Assert.Equal("30003 01234 00012345678", s.GetProperty("account").GetString());
        Assert.Equal(("2024-01-12", "2024-01-13"), (s.GetProperty("from").GetString(), s.GetProperty("to").GetString()));
        Assert.Equal((1000.00m, 2225.52m, 1320.10m, 94.58m), (s.GetProperty("opening").GetDecimal(), s.GetProperty("closing").GetDecimal(),
            s.GetProperty("credits").GetDecimal(), s.GetProperty("debits").GetDecimal()));
        Assert.Equal((3, 3, true), (s.GetProperty("lines").GetInt32(), s.GetProperty("newLines").GetInt32(), s.GetProperty("balanced").GetBoolean()));
        // The second statement's new balance is 10.00 more than its movements give.
        Assert.False(statements[1].GetProperty("balanced").GetBoolean());
        Assert.Equal([0, 0], (await Json(again)).GetProperty("statements").EnumerateArray().Select(e => e.GetProperty("newLines").GetInt32()));

        var lines = await Json(await clerk.GetAsync($"/api/v1/bank-statements/{s.GetProperty("id").GetInt64()}/lines"));
        Assert.Equal(3, lines.GetArrayLength());
        Assert.Equal((1320.10m, "ToIdentify"), (lines[0].GetProperty("amount").GetDecimal(), lines[0].GetProperty("status").GetString()));
        Assert.Equal(-47.29m, lines[2].GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_bad_file_is_a_400_naming_the_record_and_the_field_and_a_missing_file_names_the_field()
    {
        await OpenAccountsAsync();
        var clerk = await app.ApiClientAsync(Roles.Clerk);

        var bad = await clerk.PostAsync("/api/v1/bank-statements", File(Cfonb.Replace("0000000000472R", "00000000004X2R", StringComparison.Ordinal)));
        var none = await clerk.PostAsync("/api/v1/bank-statements", new MultipartFormDataContent { { new StringContent("12"), "account" } });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var message = (await Json(bad)).GetProperty("errors").GetProperty("file")[0].GetString();
        Assert.StartsWith("record 4, amount:", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.True((await Json(none)).GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task The_bank_import_verb_prints_the_figures_the_API_answers()
    {
        await OpenAccountsAsync();
        var path = Path.Combine(Path.GetTempPath(), $"releve-{Guid.NewGuid():N}.cfo");
        await System.IO.File.WriteAllTextAsync(path, Cfonb.Replace("0124", "0224", StringComparison.Ordinal), Encoding.Latin1);
        var output = new StringWriter();
        var errors = new StringWriter();

        var code = await BankImportVerb.RunAsync(app.Services, [path], output, errors);
        System.IO.File.Delete(path);

        Assert.True(code == 0, errors.ToString());
        var statements = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("statements");
        Assert.Equal(2, statements.GetArrayLength());
        Assert.Equal(1320.10m, statements[0].GetProperty("credits").GetDecimal());
        Assert.Equal(("2024-02-12", 3), (statements[0].GetProperty("from").GetString(), statements[0].GetProperty("newLines").GetInt32()));
    }
}
