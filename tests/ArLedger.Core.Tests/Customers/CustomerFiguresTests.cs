using ArLedger.Customers;
using ArLedger.Disputes;
using ArLedger.Testing;

namespace ArLedger.Core.Tests.Customers;

public sealed class CustomerFiguresTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Figures_give_balance_overdue_disputed_and_unapplied_cash()
    {
        var book = new Book(db);
        await book.CustomerAsync("FIG1");
        var late = await book.InvoiceAsync("FIG1", 100m, date: book.Today.AddDays(-45));
        await book.InvoiceAsync("FIG1", 50m, date: book.Today.AddDays(-5));
        await book.PaymentAsync("FIG1", 30m);
        await book.TryOpenDisputeAsync(new OpenDispute(late.Number, 20m, DisputeReason.Price));

        var figures = await book.RunAsync((ctx, _) => CustomerBalances.FiguresAsync(ctx, late.CustomerId, creditLimit: null, book.Today));

        Assert.Equal(120m, figures.Balance);
        Assert.Equal(100m, figures.Overdue);
        Assert.Equal(20m, figures.Disputed);
        Assert.Equal(30m, figures.UnappliedCash);
    }
}
