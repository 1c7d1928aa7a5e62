using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ArLedger.Identity;

namespace ArLedger.Web.Tests.Api;

public sealed class ApiTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    static string NewAccount() => $"API{Guid.NewGuid():N}"[..12].ToUpperInvariant();

    static object Customer(string account, string? externalId = null, string name = "Boulangerie Martin SARL") => new
    {
        accountNumber = account,
        name,
        legalId = "552100554",
        statementEmail = "compta@martin.example",
        billingAddress = new { line1 = "12 rue de la Paix", postalCode = "75002", city = "Paris", country = "FR" },
        paymentTerms = "NET30",
        currency = "EUR",
        externalId,
    };

    static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task The_same_create_again_returns_the_original_and_a_different_body_under_the_same_external_id_is_a_conflict()
    {
        var api = await app.ApiClientAsync(Roles.Clerk);
        var account = NewAccount();
        var externalId = $"erp-{account}";

        var first = await api.PostAsJsonAsync("/api/v1/customers", Customer(account, externalId));
        var again = await api.PostAsJsonAsync("/api/v1/customers", Customer(account, externalId));
        var different = await api.PostAsJsonAsync("/api/v1/customers", Customer(account, externalId, name: "Autre nom"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await Json(first)).GetProperty("id").GetInt64(), (await Json(again)).GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, different.StatusCode);
        Assert.Equal("application/problem+json", different.Content.Headers.ContentType?.MediaType);

        var invoice = new { customerAccountNumber = account, invoiceDate = "2026-03-01", netAmount = 100.00m, vatAmount = 20.00m, externalId = $"inv-{account}" };
        var i1 = await api.PostAsJsonAsync("/api/v1/invoices", invoice);
        var i2 = await api.PostAsJsonAsync("/api/v1/invoices", invoice);
        var i3 = await api.PostAsJsonAsync("/api/v1/invoices", invoice with { });
        Assert.Equal(HttpStatusCode.Created, i1.StatusCode);
        Assert.Equal(HttpStatusCode.OK, i2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, i3.StatusCode);
        var i4 = await api.PostAsJsonAsync("/api/v1/invoices", new { invoice.customerAccountNumber, invoice.invoiceDate, netAmount = 100.01m, invoice.vatAmount, invoice.externalId });
        Assert.Equal(HttpStatusCode.Conflict, i4.StatusCode);

        var ledger = await Json(await api.GetAsync($"/api/v1/customers/{account}/ledger"));
        Assert.Equal(1, ledger.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task A_clerk_key_cannot_set_a_credit_limit_and_a_manager_key_can()
    {
        var account = NewAccount();
        var withLimit = new
        {
            accountNumber = account, name = "Grossiste Lefèvre SA", billingAddress = new { line1 = "3 quai Est", postalCode = "69002", city = "Lyon", country = "FR" },
            paymentTerms = "NET30", currency = "EUR", creditLimit = 5_000_000m,
        };

        var refused = await (await app.ApiClientAsync(Roles.Clerk)).PostAsJsonAsync("/api/v1/customers", withLimit);
        var created = await (await app.ApiClientAsync(Roles.Manager)).PostAsJsonAsync("/api/v1/customers", withLimit);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("Only a manager can set the credit limit.", (await Json(refused)).GetProperty("errors").GetProperty("creditLimit")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(5_000_000m, (await Json(created)).GetProperty("creditLimit").GetDecimal());
    }

    [Fact]
    public async Task A_clerk_keys_credit_note_over_the_limit_waits_for_a_manager_key_and_is_posted_on_its_approval()
    {
        var clerk = await app.ApiClientAsync(Roles.Clerk);
        var account = NewAccount();
        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("/api/v1/customers", Customer(account))).StatusCode);
        var invoice = await Json(await clerk.PostAsJsonAsync("/api/v1/invoices",
            new { customerAccountNumber = account, invoiceDate = "2026-03-01", netAmount = 3_386.67m, vatAmount = 677.33m }));
        var note = new { customerAccountNumber = account, creditNoteDate = "2026-03-02", invoiceNumber = invoice.GetProperty("number").GetString(),
            netAmount = 99_999_999.00m, vatAmount = 0m };

        var waiting = await clerk.PostAsJsonAsync("/api/v1/credit-notes", note);

        Assert.Equal(HttpStatusCode.Accepted, waiting.StatusCode);
        var proposal = await Json(await clerk.GetAsync(waiting.Headers.Location));
        Assert.Equal(("Proposed", 99_999_999.00m), (proposal.GetProperty("status").GetString(), proposal.GetProperty("amount").GetDecimal()));
        var ledger = await Json(await clerk.GetAsync($"/api/v1/customers/{account}/ledger"));
        Assert.Equal(1, ledger.GetProperty("lines").GetArrayLength());
        var decision = $"/api/v1/credit-note-proposals/{proposal.GetProperty("id").GetInt64()}/decision";
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsJsonAsync(decision, new { approve = true })).StatusCode);

        var manager = await app.ApiClientAsync(Roles.Manager);
        var approved = await manager.PostAsJsonAsync(decision, new { approve = true, note = "Geste commercial" });

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var decided = await Json(approved);
        Assert.Equal("Approved", decided.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, decided.GetProperty("creditNoteId").ValueKind);
        ledger = await Json(await clerk.GetAsync($"/api/v1/customers/{account}/ledger"));
        Assert.Equal(2, ledger.GetProperty("lines").GetArrayLength());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await manager.PostAsJsonAsync(decision, new { approve = true })).StatusCode);
        // Within what a clerk may give, a credit note is posted at once.
        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("/api/v1/credit-notes", note with { invoiceNumber = (string?)null, netAmount = 500m })).StatusCode);
    }

    [Fact]
    public async Task An_invalid_body_gets_a_problem_details_400_naming_each_bad_field_and_changes_nothing()
    {
        var api = await app.ApiClientAsync(Roles.Clerk);

        var response = await api.PostAsJsonAsync("/api/v1/customers", new { accountNumber = "", name = "", statementEmail = "not-an-email", currency = "euro", language = "de" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors");
        foreach (var field in new[] { "accountNumber", "name", "statementEmail", "currency", "language" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        var list = await Json(await api.GetAsync("/api/v1/customers?search=not-an-email"));
        Assert.Equal(0, list.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_body_that_does_not_parse_gets_a_400_naming_the_field()
    {
        var api = await app.ApiClientAsync(Roles.Clerk);
        var body = new StringContent("""{ "customerAccountNumber": "X", "amount": "lots", "receivedOn": "2026-03-01" }""", Encoding.UTF8, "application/json");

        var response = await api.PostAsync("/api/v1/payments", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("amount", out _));
    }

    [Fact]
    public async Task Invoice_lines_give_the_totals_and_unknown_customers_or_invoices_are_clear_errors()
    {
        var api = await app.ApiClientAsync(Roles.Clerk);
        var account = NewAccount();
        await api.PostAsJsonAsync("/api/v1/customers", Customer(account));

        var created = await api.PostAsJsonAsync("/api/v1/invoices", new
        {
            customerAccountNumber = account,
            invoiceDate = "2026-01-31",
            lines = new[]
            {
                new { description = "Farine T65, sac 25 kg", quantity = 3m, unitPrice = 18.333m, vatRate = 5.5m },
                new { description = "Livraison", quantity = 1m, unitPrice = 25m, vatRate = 20m },
            },
        });
        var unknownCustomer = await api.PostAsJsonAsync("/api/v1/invoices", new { customerAccountNumber = "NOPE", invoiceDate = "2026-01-31", netAmount = 1m, vatAmount = 0m });
        var unknownInvoice = await api.PostAsJsonAsync("/api/v1/disputes", new { invoiceNumber = "FA-NOPE", amount = 1m, reason = "Price" });
        var unknownGet = await api.GetAsync("/api/v1/customers/NOPE");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var invoice = await Json(created);
        // 3 x 18.333 = 54.999 -> 55.00 net, VAT 3.03; 25.00 net, VAT 5.00; due 30 days later.
        Assert.Equal(80.00m, invoice.GetProperty("netAmount").GetDecimal());
        Assert.Equal(8.03m, invoice.GetProperty("vatAmount").GetDecimal());
        Assert.Equal(88.03m, invoice.GetProperty("amount").GetDecimal());
        Assert.Equal("2026-03-02", invoice.GetProperty("dueDate").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownInvoice.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownGet.StatusCode);
    }

    [Fact]
    public async Task Payments_allocations_reversals_and_disputes_keep_the_ledger_and_open_items_right()
    {
        var api = await app.ApiClientAsync(Roles.Clerk);
        var account = NewAccount();
        await api.PostAsJsonAsync("/api/v1/customers", Customer(account));
        var inv1 = await Json(await api.PostAsJsonAsync("/api/v1/invoices", new { customerAccountNumber = account, invoiceDate = "2026-01-10", netAmount = 100m, vatAmount = 20m }));
        var inv2 = await Json(await api.PostAsJsonAsync("/api/v1/invoices", new { customerAccountNumber = account, invoiceDate = "2026-02-10", netAmount = 50m, vatAmount = 10m }));
        var n1 = inv1.GetProperty("number").GetString();
        var n2 = inv2.GetProperty("number").GetString();

        var payment = await api.PostAsJsonAsync("/api/v1/payments", new
        {
            customerAccountNumber = account, amount = 150m, receivedOn = "2026-03-05", valueDate = "2026-03-04", method = "Transfer",
            reference = $"VIR {n1}", allocations = new[] { new { invoiceNumber = n1, amount = 120m } }, externalId = $"bank-{account}",
        });
        Assert.Equal(HttpStatusCode.Created, payment.StatusCode);
        var p = await Json(payment);
        Assert.Equal(30m, p.GetProperty("unappliedAmount").GetDecimal());

        var over = await api.PostAsJsonAsync("/api/v1/allocations", new { invoiceNumber = n2, paymentNumber = p.GetProperty("number").GetString(), amount = 31m });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        var allocated = await api.PostAsJsonAsync("/api/v1/allocations", new { invoiceNumber = n2, paymentNumber = p.GetProperty("number").GetString(), amount = 30m, externalId = $"al-{account}" });
        Assert.Equal(HttpStatusCode.Created, allocated.StatusCode);
        var allocationId = (await Json(allocated)).GetProperty("id").GetInt64();
        var reversed = await api.PostAsJsonAsync($"/api/v1/allocations/{allocationId}/reverse", new { reason = "wrong invoice" });
        Assert.Equal(HttpStatusCode.OK, reversed.StatusCode);
        Assert.Equal(-30m, (await Json(reversed)).GetProperty("amount").GetDecimal());

        var dispute = await Json(await api.PostAsJsonAsync("/api/v1/disputes", new { invoiceNumber = n2, amount = 12m, reason = "Quantity", description = "2 sacs manquants" }));
        var resolved = await api.PostAsJsonAsync($"/api/v1/disputes/{dispute.GetProperty("id").GetInt64()}/resolve", new { decision = "CreditNote", resolution = "Avoir émis" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("ResolvedByCreditNote", (await Json(resolved)).GetProperty("status").GetString());

        // 120 + 60 invoiced, 150 paid, 12 credited: 18 owed; the ledger's running balance ends there.
        var ledger = await Json(await api.GetAsync($"/api/v1/customers/{account}/ledger"));
        Assert.Equal(18m, ledger.GetProperty("closingBalance").GetDecimal());
        var openNow = await Json(await api.GetAsync($"/api/v1/customers/{account}/open-items"));
        Assert.Equal(18m, openNow.EnumerateArray().Sum(i => i.GetProperty("open").GetDecimal()));
        // On 2026-02-28 nothing was paid yet: both invoices open in full.
        var openBefore = await Json(await api.GetAsync($"/api/v1/customers/{account}/open-items?asOf=2026-02-28"));
        Assert.Equal(180m, openBefore.EnumerateArray().Sum(i => i.GetProperty("open").GetDecimal()));
        var detail = await Json(await api.GetAsync($"/api/v1/customers/{account}"));
        Assert.Equal(18m, detail.GetProperty("figures").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_v1_endpoints()
    {
        var doc = await Json(await app.AnonymousClient().GetAsync("/openapi/v1.json"));
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/customers", "/api/v1/customers/{accountNumber}", "/api/v1/invoices", "/api/v1/credit-notes",
                     "/api/v1/payments", "/api/v1/allocations", "/api/v1/allocations/{id}/reverse", "/api/v1/disputes",
                     "/api/v1/disputes/{id}/resolve", "/api/v1/customers/{accountNumber}/ledger", "/api/v1/customers/{accountNumber}/open-items" })
            Assert.True(paths.TryGetProperty(path, out _), $"missing {path}");
    }
}
