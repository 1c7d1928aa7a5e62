using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using ArLedger.Identity;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Api;

/// <summary>Statements through the API: a month's register, the archived PDF with the archive's SHA-256, and a
/// statement for any period, previewed or sent.</summary>
public sealed class StatementsApiTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    async Task<string> ArchivedShaAsync(long id)
    {
        await using var db = app.Database.CreateContext();
        return await db.ArchivedDocuments.Where(d => d.Id == id).Select(d => d.Sha256).SingleAsync();
    }

    [Fact]
    public async Task A_months_statements_are_listed_and_each_fetched_has_the_archives_sha256()
    {
        var clerk = await app.ApiClientAsync(Roles.Clerk);
        var manager = await app.ApiClientAsync(Roles.Manager);
        var account = await ApiCalls.CustomerAsync(clerk, "ST");
        await (await clerk.PostAsJsonAsync("/api/v1/invoices", new { customerAccountNumber = account, invoiceDate = "2026-02-10", netAmount = 120m, vatAmount = 24m })).OkAsync();
        var run = await manager.PostAsJsonAsync("/api/v1/jobs/Statements/runs", new { asOf = "2026-02-28" });
        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        await Eventually.UntilAsync(async () =>
        {
            var response = await manager.GetAsync(run.Headers.Location);
            return response.StatusCode == HttpStatusCode.NotFound ? "not started" : (await response.OkAsync()).GetProperty("status").GetString();
        }, status => status == "Completed", "the statement run to complete");

        var month = await (await clerk.GetAsync("/api/v1/statements?month=2026-02")).OkAsync();
        var statement = month.GetProperty("statements").EnumerateArray().Single(s => s.GetProperty("accountNumber").GetString() == account);
        var file = await clerk.GetAsync(statement.GetProperty("link").GetString());

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        var bytes = await file.Content.ReadAsByteArrayAsync();
        var archived = await ArchivedShaAsync(statement.GetProperty("documentId").GetInt64());
        Assert.Equal(archived, Sha256(bytes));
        Assert.Equal(archived, file.Headers.GetValues("X-Content-SHA256").Single());
        Assert.Equal(archived, statement.GetProperty("sha256").GetString());
        Assert.Equal("ForPrint", statement.GetProperty("delivery").GetString());
        await ApiCalls.AssertRefusedQueryAsync(clerk, "/api/v1/statements?month=2026-13", "month");
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync("/api/v1/documents/987654321")).StatusCode);
    }

    [Fact]
    public async Task A_statement_for_any_period_is_a_pdf_or_sent_once_per_external_id()
    {
        var clerk = await app.ApiClientAsync(Roles.Clerk);
        var account = await ApiCalls.CustomerAsync(clerk, "SP");
        await (await clerk.PostAsJsonAsync("/api/v1/invoices", new { customerAccountNumber = account, invoiceDate = "2026-03-02", netAmount = 80m, vatAmount = 16m })).OkAsync();
        var path = $"/api/v1/customers/{account}/statements";

        var preview = await clerk.PostAsJsonAsync(path, new { from = "2026-03-01", to = "2026-03-15" });
        var sent = await clerk.PostAsJsonAsync(path, new { from = "2026-03-01", to = "2026-03-15", send = true, externalId = "erp-1" });
        var again = await clerk.PostAsJsonAsync(path, new { from = "2026-03-01", to = "2026-03-15", send = true, externalId = "erp-1" });
        var backwards = await clerk.PostAsJsonAsync(path, new { from = "2026-03-15", to = "2026-03-01" });

        Assert.Equal("application/pdf", preview.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await preview.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var issued = await sent.OkAsync();
        Assert.Equal((96m, "ForPrint"), (issued.GetProperty("closingBalance").GetDecimal(), issued.GetProperty("delivery").GetString()));
        Assert.Equal(issued.GetProperty("documentId").GetInt64(), (await again.OkAsync()).GetProperty("documentId").GetInt64());
        var bytes = await (await clerk.GetAsync(sent.Headers.Location)).Content.ReadAsByteArrayAsync();
        Assert.Equal(await ArchivedShaAsync(issued.GetProperty("documentId").GetInt64()), Sha256(bytes));
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.PostAsJsonAsync("/api/v1/customers/NOPE-404/statements", new { from = "2026-03-01", to = "2026-03-15" })).StatusCode);
    }
}
