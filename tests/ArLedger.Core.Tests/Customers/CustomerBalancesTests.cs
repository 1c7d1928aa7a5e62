using ArLedger.Customers;
using ArLedger.Disputes;
using ArLedger.Testing;
using ArLedger.WriteOffs;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Customers;

/// <summary>The trigger-kept balances agree with the figures computed from the book, after every kind of operation.</summary>
public sealed class CustomerBalancesTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Kept_balances_match_the_book_after_invoices_payments_allocations_reversals_disputes_and_write_offs()
    {
        var book = new Book(db);
        var acct = $"KB{Guid.NewGuid():N}"[..12];
        await book.CustomerAsync(acct);
        await AssertKeptMatchesBookAsync(book, acct);

        var late = await book.InvoiceAsync(acct, 500m, date: book.Today.AddDays(-60));
        var recent = await book.InvoiceAsync(acct, 200m, date: book.Today.AddDays(-5));
        await AssertKeptMatchesBookAsync(book, acct);

        var payment = await book.PaymentAsync(acct, 350m);
        await AssertKeptMatchesBookAsync(book, acct);

        var allocation = await book.AllocateAsync(late.Id, payment.Id, 300m);
        await AssertKeptMatchesBookAsync(book, acct);

        Assert.True((await book.TryReverseAllocationAsync(allocation.Id)).Succeeded);
        await AssertKeptMatchesBookAsync(book, acct);

        var dispute = (await book.TryOpenDisputeAsync(new OpenDispute(late.Number, 120m, DisputeReason.Price))).Value!;
        await AssertKeptMatchesBookAsync(book, acct);
        Assert.True((await book.TryResolveDisputeAsync(new ResolveDispute(dispute.Id, DisputeDecision.Reject, "Prix conforme au contrat"))).Succeeded);
        await AssertKeptMatchesBookAsync(book, acct);

        await book.CreditNoteAsync(acct, 50m, recent.Number);
        await AssertKeptMatchesBookAsync(book, acct);

        var proposal = (await book.TryProposeWriteOffAsync(new ProposeWriteOff(late.Number, 40m, "Petit solde"))).Value!;
        Assert.True((await book.TryDecideWriteOffAsync(new DecideWriteOff(proposal.Id, true), "manager")).Succeeded);
        await AssertKeptMatchesBookAsync(book, acct);

        Assert.True((await book.TryReverseDocumentAsync(payment.Id)).Succeeded);
        await AssertKeptMatchesBookAsync(book, acct);

        // Time alone makes the recent invoice overdue: the next read brings the figure to the new date.
        book.Clock.Advance(TimeSpan.FromDays(40));
        await AssertKeptMatchesBookAsync(book, acct);
    }

    static async Task AssertKeptMatchesBookAsync(Book book, string acct)
    {
        await book.RunAsync(async (ctx, _) =>
        {
            var id = await ctx.Customers.Where(c => c.AccountNumber == acct).Select(c => c.Id).SingleAsync();
            await CustomerBalances.RefreshOverdueAsync(ctx, book.Today);
            var kept = await ctx.CustomerBalances.AsNoTracking().SingleAsync(b => b.CustomerId == id);
            var figures = await BookSums.CustomerAsync(ctx, id, book.Today);
            Assert.Equal((figures.Balance, figures.Overdue, figures.UnappliedCash, figures.Disputed, await BookSums.OpenInvoicesAsync(ctx, id)),
                (kept.Balance, kept.Overdue, kept.Unapplied, kept.Disputed, kept.OpenInvoices));
            Assert.Equal(book.Today, kept.OverdueAsOf);
            return 0;
        });
    }
}
