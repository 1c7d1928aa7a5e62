using ArLedger.Disputes;
using ArLedger.Payments;
using ArLedger.Promises;
using ArLedger.Reporting;
using ArLedger.Testing;

namespace ArLedger.Core.Tests.Reporting;

/// <summary>The home page's month of collections counts this month's cash, decisions and letters, and today's disputes.</summary>
public sealed class MonthCollectionsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Month_collections_count_this_months_unreversed_cash_by_value_date_and_the_decided_promises_due_this_month()
    {
        var book = new Book(db, new FakeTimeProvider(new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.Zero)));
        await book.CustomerAsync("MC1");
        await book.CustomerAsync("MC2");
        await book.InvoiceAsync("MC1", 5_000m, date: new DateOnly(2026, 1, 15));
        var contested = await book.InvoiceAsync("MC2", 3_000m, date: new DateOnly(2026, 1, 20));
        await book.PromiseAsync("MC1", 400m, new DateOnly(2026, 2, 5));
        book.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero));
        await book.ReviewAsync(); // broken in February: not this month's
        await book.PromiseAsync("MC2", 300m, new DateOnly(2026, 2, 27));

        book.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        // Due in February and decided on 2 March: February's, as the home page counts promises by the month they were due.
        Assert.Equal(new ReviewResult(0, 1, 0), await book.ReviewAsync());
        await book.PaymentAsync("MC1", 500m, date: new DateOnly(2026, 2, 27));                      // last month
        await book.TryPaymentAsync(new RecordPayment("MC1", 250m, new DateOnly(2026, 2, 28), ValueDate: new DateOnly(2026, 3, 1)));
        await book.PromiseAsync("MC1", 1_000m, new DateOnly(2026, 3, 4));
        await book.PromiseAsync("MC2", 800m, new DateOnly(2026, 3, 6));
        await book.PaymentAsync("MC1", 1_000m);                                                      // keeps MC1's promise
        book.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.Zero));
        var mistake = await book.PaymentAsync("MC1", 700m);
        Assert.True((await book.TryReverseDocumentAsync(mistake.Id)).Succeeded);
        await book.TryOpenDisputeAsync(new OpenDispute(contested.Number, 120m, DisputeReason.Price));
        var rejected = (await book.TryOpenDisputeAsync(new OpenDispute(contested.Number, 200m, DisputeReason.Quantity))).Value!;
        await book.TryResolveDisputeAsync(new ResolveDispute(rejected.Id, DisputeDecision.Reject, "Quantités livrées conformes"));
        book.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(new ReviewResult(1, 1, 0), await book.ReviewAsync());

        var month = await new MonthCollections(db.DataSource, book.Clock.Calendar).ReadAsync();

        // Cash: 250 value-dated 1 March + 1,000 on 2 March; not the 500 of February nor the reversed 700.
        Assert.Equal(new MonthCollectionsFigures(new DateOnly(2026, 3, 1), CashReceived: 1_250m, PromisesKept: 1, PromisesBroken: 1,
            OpenDisputes: 1, Disputed: 120m, LettersSent: 0), month);
    }
}
