using System.Text.Json;
using ArLedger.Dunning;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArLedger.Core.Tests.Dunning;

/// <summary>A partial payment on a dunned account settles costs, then interest, then the invoices, unless configured otherwise.</summary>
public sealed class PaymentOrderTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly Book book = new(db);

    /// <summary>An invoice of 1,000.00 with a 40.00 compensation and 20.00 interest claimed on it.</summary>
    async Task<long> DunnedAccountAsync(string account)
    {
        await book.CustomerAsync(account);
        var invoice = await book.InvoiceAsync(account, 1_000m, book.Today.AddDays(-90));
        await book.DunningChargesAsync(invoice, compensation: 40m, interest: 20m);
        return invoice.CustomerId;
    }

    Task<Outcome<IReadOnlyList<Allocation>>> ApplyAsync(long creditId, string order) => book.RunAsync((ctx, a) =>
        new PaymentOrder(ctx, new ApplyCreditHandler(ctx, new Allocations(ctx, book.Clock.Calendar, a)), Options.Create(new DunningOptions { PaymentOrder = order }))
            .ApplyAsync(creditId));

    Task<Dictionary<DocumentKind, decimal>> OpenByKindAsync(long customerId) => book.RunAsync((ctx, _) =>
        ctx.Documents.Where(d => d.CustomerId == customerId && d.Kind != DocumentKind.Payment)
            .ToDictionaryAsync(d => d.Kind, d => d.Amount - d.AllocatedAmount));

    [Fact]
    public async Task By_default_applying_a_partial_payment_settles_the_fee_then_the_interest_then_the_invoice_and_keeps_the_ledger_whole()
    {
        var customer = await DunnedAccountAsync("PO1");
        var payment = await book.PaymentAsync("PO1", 100m);

        var applied = await ApplyAsync(payment.Id, new DunningOptions().PaymentOrder);

        Assert.True(applied.Succeeded, applied.Problem?.Message);
        Assert.Equal([40m, 20m, 40m], applied.Value!.Select(a => a.Amount));
        Assert.Equal(new Dictionary<DocumentKind, decimal> { [DocumentKind.Fee] = 0m, [DocumentKind.Interest] = 0m, [DocumentKind.Invoice] = 960m },
            await OpenByKindAsync(customer));
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task A_configured_order_puts_the_principal_first_and_never_applies_more_than_the_payment()
    {
        var customer = await DunnedAccountAsync("PO2");
        var payment = await book.PaymentAsync("PO2", 1_010m);

        var applied = await ApplyAsync(payment.Id, "Principal, Interest, Fees");

        Assert.True(applied.Succeeded, applied.Problem?.Message);
        Assert.Equal(new Dictionary<DocumentKind, decimal> { [DocumentKind.Fee] = 40m, [DocumentKind.Interest] = 10m, [DocumentKind.Invoice] = 0m },
            await OpenByKindAsync(customer));
    }

    [Fact]
    public async Task A_payment_with_nothing_left_to_apply_applies_nothing_and_is_no_error()
    {
        var customer = await DunnedAccountAsync("PO3");
        var payment = await book.PaymentAsync("PO3", 60m);
        await ApplyAsync(payment.Id, "Fees,Interest,Principal");

        var again = await ApplyAsync(payment.Id, "Fees,Interest,Principal");

        Assert.True(again.Succeeded, again.Problem?.Message);
        Assert.Empty(again.Value!);
        Assert.Equal(1_000m, (await OpenByKindAsync(customer))[DocumentKind.Invoice]);
    }

    [Fact]
    public async Task A_payment_recorded_with_its_allocations_can_settle_a_fee_and_interest_named_by_kind_and_number()
    {
        var customer = await DunnedAccountAsync("PO4");
        var numbers = await book.RunAsync((ctx, _) => ctx.Documents.Where(d => d.CustomerId == customer).ToDictionaryAsync(d => d.Kind, d => d.Number));

        await book.PaymentAsync("PO4", 70m, allocations:
        [
            new(numbers[DocumentKind.Fee], 40m, DocumentKind.Fee),
            new(numbers[DocumentKind.Interest], 20m, DocumentKind.Interest),
            new(numbers[DocumentKind.Invoice], 10m),
        ]);
        var wrongKind = await book.TryPaymentAsync(new RecordPayment("PO4", 5m, book.Today, Allocations: [new(numbers[DocumentKind.Fee], 5m)]));

        Assert.Equal(new Dictionary<DocumentKind, decimal> { [DocumentKind.Fee] = 0m, [DocumentKind.Interest] = 0m, [DocumentKind.Invoice] = 990m },
            await OpenByKindAsync(customer));
        Assert.Contains("Allocations[0].InvoiceNumber", wrongKind.Problem!.Errors!.Keys);
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    [Fact]
    public void An_invoice_allocation_reads_as_it_did_before_fees_could_be_named_so_a_remembered_request_still_replays()
    {
        // ExternalRequests hashes the request's body in this form to recognise a replay.
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        Assert.Equal("""{"invoiceNumber":"FA-000001","amount":10}""", JsonSerializer.Serialize(new AllocationInput("FA-000001", 10m), web));
        Assert.Equal("""{"invoiceNumber":"FR-000001","amount":10,"kind":3}""", JsonSerializer.Serialize(new AllocationInput("FR-000001", 10m, DocumentKind.Fee), web));
    }

    [Fact]
    public void An_order_naming_something_unknown_is_a_configuration_error()
    {
        Assert.Throws<InvalidOperationException>(() => new DunningOptions { PaymentOrder = "Fees,Penalties" }.Order());
        Assert.Equal([PaymentPart.Interest, PaymentPart.Fees, PaymentPart.Principal], new DunningOptions { PaymentOrder = "Interest" }.Order());
    }
}
