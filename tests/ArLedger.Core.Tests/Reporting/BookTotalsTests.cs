using ArLedger.Disputes;
using ArLedger.Payments;
using ArLedger.Reporting;
using ArLedger.Seeding;
using ArLedger.Testing;
using ArLedger.WriteOffs;

namespace ArLedger.Core.Tests.Reporting;

/// <summary>The home page's totals come from the kept customer balances; they must be what summing the book gives.</summary>
public sealed class BookTotalsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Home_totals_equal_a_fresh_sum_over_the_book_after_each_kind_of_operation()
    {
        var book = new Book(db);
        await new Seeder(db.DataSource, book.Clock.Calendar).SeedDemoAsync();
        var demo = await AssertTotalsMatchBookAsync(book);
        Assert.True(demo.Overdue > 0 && demo.Disputed > 0 && demo.UnappliedCash > 0 && demo.OpenInvoices > 0);

        await book.CustomerAsync("TOT1");
        var late = await book.InvoiceAsync("TOT1", 500m, date: book.Today.AddDays(-60));
        var recent = await book.InvoiceAsync("TOT1", 200m, date: book.Today.AddDays(-5));
        var invoiced = await AssertTotalsMatchBookAsync(book);
        Assert.Equal((demo.Receivables + 700m, demo.Overdue + 500m, demo.OpenInvoices + 2, demo.Customers + 1),
            (invoiced.Receivables, invoiced.Overdue, invoiced.OpenInvoices, invoiced.Customers));

        var payment = await book.PaymentAsync("TOT1", 350m);
        Assert.Equal(invoiced.UnappliedCash + 350m, (await AssertTotalsMatchBookAsync(book)).UnappliedCash);

        var allocation = await book.AllocateAsync(late.Id, payment.Id, 300m);
        await AssertTotalsMatchBookAsync(book);
        await book.PaymentAsync("TOT1", 200m, allocations: [new AllocationInput(late.Number, 200m)]);
        Assert.Equal(invoiced.OpenInvoices - 1, (await AssertTotalsMatchBookAsync(book)).OpenInvoices);
        Assert.True((await book.TryReverseAllocationAsync(allocation.Id)).Succeeded);
        Assert.Equal(invoiced.OpenInvoices, (await AssertTotalsMatchBookAsync(book)).OpenInvoices);

        var dispute = (await book.TryOpenDisputeAsync(new OpenDispute(recent.Number, 120m, DisputeReason.Price))).Value!;
        Assert.Equal(demo.Disputed + 120m, (await AssertTotalsMatchBookAsync(book)).Disputed);
        Assert.True((await book.TryResolveDisputeAsync(new ResolveDispute(dispute.Id, DisputeDecision.Reject, "Prix conforme au contrat"))).Succeeded);
        await AssertTotalsMatchBookAsync(book);

        await book.CreditNoteAsync("TOT1", 50m, recent.Number);
        await AssertTotalsMatchBookAsync(book);
        var proposal = (await book.TryProposeWriteOffAsync(new ProposeWriteOff(late.Number, 40m, "Petit solde"))).Value!;
        Assert.True((await book.TryDecideWriteOffAsync(new DecideWriteOff(proposal.Id, true), "manager")).Succeeded);
        await AssertTotalsMatchBookAsync(book);
        Assert.True((await book.TryReverseDocumentAsync(payment.Id)).Succeeded);
        var reversedPayment = await AssertTotalsMatchBookAsync(book);
        var mistake = await book.InvoiceAsync("TOT1", 80m);
        Assert.True((await book.TryReverseDocumentAsync(mistake.Id)).Succeeded);
        Assert.Equal(reversedPayment, await AssertTotalsMatchBookAsync(book));

        // A new day makes the recent invoice overdue with no write at all.
        var before = await AssertTotalsMatchBookAsync(book);
        book.Clock.Advance(TimeSpan.FromDays(40));
        Assert.True((await AssertTotalsMatchBookAsync(book)).Overdue > before.Overdue);
    }

    static Task<BookTotals> AssertTotalsMatchBookAsync(Book book) => book.RunAsync(async (ctx, _) =>
    {
        var home = await new BookTotalsQuery(ctx, book.Clock.Calendar).ReadAsync();
        Assert.Equal(await BookSums.TotalsAsync(ctx, book.Today), home);
        return home;
    });
}
