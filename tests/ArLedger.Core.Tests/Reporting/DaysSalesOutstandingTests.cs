using ArLedger.Aging;
using ArLedger.Jobs;
using ArLedger.Reporting;
using ArLedger.Testing;

namespace ArLedger.Core.Tests.Reporting;

/// <summary>DSO = receivables / credit sales of the 90 days up to the date × 90, today and at stored month ends.</summary>
public sealed class DaysSalesOutstandingTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Dso_divides_the_book_balance_by_the_90_days_invoiced_today_and_at_a_snapshotted_month_end()
    {
        var book = new Book(db); // today is 16 March 2026: its 90 days run from 17 December 2025
        await book.CustomerAsync("DSO1");
        await book.InvoiceAsync("DSO1", 6_000m, date: new DateOnly(2025, 11, 30));   // before both windows
        await book.InvoiceAsync("DSO1", 20_000m, date: new DateOnly(2026, 1, 10));
        var cancelled = await book.InvoiceAsync("DSO1", 4_000m, date: new DateOnly(2026, 2, 20));
        await book.InvoiceAsync("DSO1", 16_000m, date: new DateOnly(2026, 3, 1));
        await book.PaymentAsync("DSO1", 30_000m, date: new DateOnly(2026, 3, 10));
        // Reversed today: it counted on 28 February, it no longer does.
        Assert.True((await book.TryReverseDocumentAsync(cancelled.Id)).Succeeded);
        await new AgingSnapshots(db.DataSource, new RunEngine(db.DataSource, book.Clock), AgingBuckets.Standard, book.Clock)
            .StoreAsync(new DateOnly(2026, 2, 28), "test");

        var dso = await new DaysSalesOutstanding(db.DataSource, book.Clock.Calendar).ReadAsync();

        // Today: 6,000 + 20,000 + 16,000 - 30,000 = 12,000 owed; 20,000 + 16,000 = 36,000 invoiced in the window;
        // 12,000 / 36,000 × 90 = 30.0 days.
        Assert.Equal(new DsoPoint(book.Today, 12_000m, 36_000m, 30.0m), dso.Today);
        // 28 February (window from 1 December): 6,000 + 20,000 + 4,000 = 30,000 owed, the payment came later;
        // 20,000 + 4,000 = 24,000 invoiced; 30,000 / 24,000 × 90 = 112.5 days.
        Assert.Equal(12, dso.MonthEnds.Count);
        Assert.Equal(new DsoPoint(new DateOnly(2026, 2, 28), 30_000m, 24_000m, 112.5m), dso.MonthEnds[^1]);
        // 31 January has no snapshot: its sales are known, its receivables and DSO are not.
        Assert.Equal(new DsoPoint(new DateOnly(2026, 1, 31), null, 20_000m + 6_000m, null), dso.MonthEnds[^2]);
        Assert.Equal(new DateOnly(2025, 3, 31), dso.MonthEnds[0].Date);
        Assert.Equal(11, dso.MonthEndsWithoutSnapshot.Count);
        Assert.DoesNotContain(new DateOnly(2026, 2, 28), dso.MonthEndsWithoutSnapshot);
    }

    [Theory]
    [InlineData(12_000, 36_000, 30.0)]
    [InlineData(10_000, 30_000, 30.0)]
    [InlineData(1_000, 7_000, 12.9)]   // 12.857… rounds to one decimal
    public void Dso_is_receivables_over_sales_times_ninety_to_one_decimal(decimal receivables, decimal sales, decimal days) =>
        Assert.Equal(days, DaysSalesOutstanding.Days(receivables, sales));

    [Fact]
    public void Dso_has_no_value_when_nothing_was_invoiced() => Assert.Null(DaysSalesOutstanding.Days(5_000m, 0m));
}
