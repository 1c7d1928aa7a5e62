using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ArLedger.Identity;

namespace ArLedger.Web.Tests.Bank;

/// <summary>The reconciliation page: a proposal with its reasons accepted, a bank fee marked, the statement closed, the home tile.</summary>
public sealed partial class ReconciliationPageTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    /// <summary>DURANCIA pays 1,320.10 naming no invoice of ours; the bank takes 47.29 of fees.</summary>
    static readonly string Cfonb = string.Join("\n",
        "0130003    01234EUR2 00055555555  120124                                         0000000  0000000010000{                ",
        "0430003000501234EUR2 0005555555505130124  130124VIR SEPA DURANCIA MONTGENEVRE    0000000  0000000013201{                ",
        "0530003000501234EUR2 0005555555505130124     NPYDURANCIA MONTGENEVRE                                                    ",
        "0430003012001234EUR2 0005555555501130124  150124FRAIS TENUE DE COMPTE            0000000  0000000000472R                ",
        "0730003    01234EUR2 00055555555  130124                                         0000000  0000000022728A                ");

    [Fact]
    public async Task A_clerk_accepts_a_proposal_marks_a_bank_fee_and_closes_the_statement()
    {
        var admin = await app.ApiClientAsync(Roles.Admin);
        var api = await app.ApiClientAsync(Roles.Clerk);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/bank-accounts",
            new { name = "LCL", currency = "EUR", bankCode = "30003", branchCode = "01234", accountNumber = "00055555555" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/customers", new
        {
            accountNumber = "DURANCIA", name = "Durancia Montgenèvre", billingAddress = new { line1 = "1 route", postalCode = "05100", city = "Montgenèvre", country = "FR" },
            paymentTerms = "NET30", currency = "EUR",
        })).StatusCode);
        foreach (var (number, amount) in new[] { ("FD-1001", 1000.00m), ("FD-1002", 320.10m) })
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/invoices",
                new { customerAccountNumber = "DURANCIA", invoiceDate = "2024-01-02", number, netAmount = amount, vatAmount = 0m })).StatusCode);
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.Latin1.GetBytes(Cfonb)), "file", "releve.cfo" } };
        var imported = JsonDocument.Parse(await (await api.PostAsync("/api/v1/bank-statements", form)).Content.ReadAsStringAsync()).RootElement;
        var id = imported.GetProperty("statements")[0].GetProperty("id").GetInt64();
        var page = $"/Bank/Statement/{id}";
        var clerk = await app.SignedInClientAsync(Roles.Clerk);

        Assert.Contains("data-bank-waiting=\"2\"", await clerk.GetStringAsync("/"), StringComparison.Ordinal);
        var before = await clerk.GetStringAsync(page);
        Assert.Contains("FD-1001", before, StringComparison.Ordinal);
        Assert.Contains("le montant est le reste dû cumulé de FD-1001, FD-1002", before, StringComparison.Ordinal);
        var lines = LineIds().Matches(before).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var early = await ArLedgerAppFactory.PostFormAsync(clerk, page, [], handler: "Close");
        var refusal = await early.Content.ReadAsStringAsync();
        Assert.True(refusal.Contains("lignes attendent encore", StringComparison.Ordinal),
            $"{early.StatusCode}: {string.Join(" | ", Regex.Matches(refusal, "<div class=\"alert[^>]*>[^<]*").Select(m => m.Value))}");
        var accepted = await ArLedgerAppFactory.PostFormAsync(clerk, $"{page}?line={lines[0]}", [], handler: "Accept");
        var fee = await ArLedgerAppFactory.PostFormAsync(clerk, $"{page}?line={lines[1]}", new() { ["note"] = "frais bancaires" }, handler: "NotReceivable");
        var closed = await ArLedgerAppFactory.PostFormAsync(clerk, page, [], handler: "Close");

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect], new[] { accepted.StatusCode, fee.StatusCode, closed.StatusCode });
        var after = await clerk.GetStringAsync(page);
        Assert.Contains("data-testid=\"closed\"", after, StringComparison.Ordinal);
        Assert.Contains("Hors créances clients", after, StringComparison.Ordinal);
        var ledger = JsonDocument.Parse(await api.GetStringAsync("/api/v1/customers/DURANCIA")).RootElement;
        Assert.Equal(0m, ledger.GetProperty("figures").GetProperty("balance").GetDecimal());
        Assert.DoesNotContain("data-bank-waiting", await clerk.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [GeneratedRegex("data-bank-line=\"(\\d+)\"")]
    private static partial Regex LineIds();
}
