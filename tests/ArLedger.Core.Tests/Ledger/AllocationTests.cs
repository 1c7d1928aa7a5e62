using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Ledger;

public sealed class AllocationTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly Book book = new(db);
    static string NewAccount() => $"AL{Guid.NewGuid():N}"[..10];

    [Fact]
    public async Task Allocation_never_exceeds_the_open_amount_under_concurrency()
    {
        var c = NewAccount();
        await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 100m);
        var payments = new List<Payment>();
        for (var i = 0; i < 12; i++)
            payments.Add(await book.PaymentAsync(c, 30m));

        // Twelve clerks apply 30.00 each to the same 100.00 invoice at the same moment: only three fit.
        var outcomes = await Task.WhenAll(payments.Select(p => Task.Run(() => book.TryAllocateAsync(new Allocate(invoice.Id, p.Id, 30m)))));

        Assert.Equal(3, outcomes.Count(o => o.Succeeded));
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(ProblemKind.Refused, o.Problem!.Kind));
        var after = await book.RunAsync((ctx, _) => ctx.Documents.AsNoTracking().SingleAsync(d => d.Id == invoice.Id));
        Assert.Equal(90m, after.AllocatedAmount);
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task One_payment_allocated_concurrently_to_many_invoices_is_never_over_applied()
    {
        var c = NewAccount();
        await book.CustomerAsync(c);
        var payment = await book.PaymentAsync(c, 50m);
        var invoices = new List<ArLedger.Invoices.Invoice>();
        for (var i = 0; i < 10; i++)
            invoices.Add(await book.InvoiceAsync(c, 20m));

        var outcomes = await Task.WhenAll(invoices.Select(inv => Task.Run(() => book.TryAllocateAsync(new Allocate(inv.Id, payment.Id, 20m)))));

        Assert.Equal(2, outcomes.Count(o => o.Succeeded));
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task Allocation_joins_only_documents_of_one_customer_and_one_currency()
    {
        var a = NewAccount();
        var b = NewAccount();
        var usd = NewAccount();
        await book.CustomerAsync(a);
        await book.CustomerAsync(b);
        await book.CustomerAsync(usd, currency: "USD");
        var invoiceA = await book.InvoiceAsync(a, 100m);
        var paymentB = await book.PaymentAsync(b, 100m);
        var paymentUsd = await book.PaymentAsync(usd, 100m);

        var otherCustomer = await book.TryAllocateAsync(new Allocate(invoiceA.Id, paymentB.Id, 10m));
        var otherCurrency = await book.TryAllocateAsync(new Allocate(invoiceA.Id, paymentUsd.Id, 10m));
        var wrongWayRound = await book.TryAllocateAsync(new Allocate(paymentB.Id, invoiceA.Id, 10m));

        Assert.Equal(ProblemKind.Refused, otherCustomer.Problem?.Kind);
        Assert.Equal(ProblemKind.Refused, otherCurrency.Problem?.Kind);
        Assert.Equal(ProblemKind.NotFound, wrongWayRound.Problem?.Kind);
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task Reversing_an_allocation_writes_one_reversal_and_reopens_both_documents()
    {
        var c = NewAccount();
        await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 100m);
        var payment = await book.PaymentAsync(c, 100m);
        var allocation = await book.AllocateAsync(invoice.Id, payment.Id, 100m);

        var reversal = await book.TryReverseAllocationAsync(allocation.Id);
        var again = await book.TryReverseAllocationAsync(allocation.Id);

        Assert.True(reversal.Succeeded);
        Assert.Equal(-100m, reversal.Value!.Amount);
        Assert.Equal(allocation.Id, reversal.Value.ReversesAllocationId);
        Assert.True(again.Replayed);
        Assert.Equal(reversal.Value.Id, again.Value!.Id);
        var rows = await book.RunAsync((ctx, _) => ctx.Allocations.Where(x => x.DebitDocumentId == invoice.Id).CountAsync());
        Assert.Equal(2, rows);
        var open = await book.RunAsync((ctx, _) => ctx.Documents.Where(d => d.Id == invoice.Id || d.Id == payment.Id).Select(d => d.AllocatedAmount).ToListAsync());
        Assert.All(open, a => Assert.Equal(0m, a));
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task A_payment_counts_from_its_value_date_and_its_allocation_cannot_be_dated_earlier()
    {
        var c = NewAccount();
        await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 100m, date: book.Today.AddDays(-40));
        var payment = await book.TryPaymentAsync(new RecordPayment(c, 100m, book.Today, ValueDate: book.Today.AddDays(-10)));

        var tooEarly = await book.TryAllocateAsync(new Allocate(invoice.Id, payment.Value!.Id, 100m, book.Today.AddDays(-20)));
        var allocation = await book.AllocateAsync(invoice.Id, payment.Value.Id, 100m);

        Assert.Equal(ProblemKind.Invalid, tooEarly.Problem?.Kind);
        Assert.Equal(book.Today.AddDays(-10), allocation.AllocationDate);
        var entryDate = await book.RunAsync((ctx, _) => ctx.LedgerEntries.Where(e => e.DocumentId == payment.Value.Id).Select(e => e.EntryDate).SingleAsync());
        Assert.Equal(book.Today.AddDays(-10), entryDate);
    }
}
