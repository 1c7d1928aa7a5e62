using ArLedger.Aging;
using ArLedger.Jobs;
using ArLedger.Payments;
using ArLedger.Testing;
using Npgsql;

namespace ArLedger.Core.Tests.Aging;

/// <summary>Aging as of a date depends only on what is dated up to it; stored snapshots keep what was known when taken.</summary>
public sealed class AgingAsOfTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static readonly DateOnly EndOfFebruary = new(2026, 2, 28);

    AgingReport Report => new(db.DataSource);

    AgingSnapshots Snapshots(FakeTimeProvider clock) =>
        new(db.DataSource, new RunEngine(db.DataSource, clock), AgingBuckets.Standard, clock);

    static AgingQuery AsOf(DateOnly date) => new(date, AgingBasis.DueDate, AgingBuckets.Standard);

    async Task<AgingLine> CustomerLineAsync(string account, DateOnly date) =>
        (await Report.ReadAsync(AsOf(date))).Customers.Single(c => c.AccountNumber == account);

    [Fact]
    public async Task Aging_as_of_a_past_date_is_unchanged_by_documents_and_allocations_dated_after_it()
    {
        var book = new Book(db);
        await book.CustomerAsync("C-ASOF");
        var january = await book.InvoiceAsync("C-ASOF", 1000m, new DateOnly(2026, 1, 10));
        await book.InvoiceAsync("C-ASOF", 500m, new DateOnly(2026, 2, 1));
        var before = await CustomerLineAsync("C-ASOF", EndOfFebruary);

        // In March: a new invoice, and a payment (value date 10 March, entered on the 16th) applied to January's.
        await book.InvoiceAsync("C-ASOF", 300m, new DateOnly(2026, 3, 5));
        var payment = await book.TryPaymentAsync(new RecordPayment("C-ASOF", 1200m, book.Today, ValueDate: new DateOnly(2026, 3, 10)));
        await book.AllocateAsync(january.Id, payment.Value!.Id, 1000m, new DateOnly(2026, 3, 10));

        var after = await CustomerLineAsync("C-ASOF", EndOfFebruary);
        Assert.Equal(before.Buckets, after.Buckets);
        Assert.Equal((1500m, 0m), (after.Balance, after.Unapplied));
        // 1-30 days late: January's invoice fell due on 9 February.
        Assert.Equal([500m, 1000m, 0m, 0m, 0m], after.Buckets);

        var march = await CustomerLineAsync("C-ASOF", new DateOnly(2026, 3, 15));
        Assert.Equal([300m, 500m, 0m, 0m, 0m], march.Buckets);
        Assert.Equal((-200m, 600m), (march.Unapplied, march.Balance));
    }

    [Fact]
    public async Task A_back_dated_allocation_changes_the_recomputed_aging_for_its_date_but_never_a_stored_snapshot()
    {
        var book = new Book(db, new FakeTimeProvider(new DateTimeOffset(2026, 2, 28, 21, 0, 0, TimeSpan.Zero)));
        await book.CustomerAsync("C-SNAP");
        var invoice = await book.InvoiceAsync("C-SNAP", 1000m, new DateOnly(2026, 1, 10));
        var payment = await book.PaymentAsync("C-SNAP", 1000m, new DateOnly(2026, 2, 20));
        var run = await Snapshots(book.Clock).TakeAsync(EndOfFebruary, "scheduler");
        Assert.Equal(RunStatus.Completed, run.Status);

        // On 3 March a clerk matches the payment, dated when it arrived.
        book.Clock.Advance(TimeSpan.FromDays(3));
        await book.AllocateAsync(invoice.Id, payment.Id, 1000m, new DateOnly(2026, 2, 20));

        var recomputed = (await Report.ReadAsync(AsOf(EndOfFebruary))).Customers.SingleOrDefault(c => c.AccountNumber == "C-SNAP");
        Assert.Null(recomputed);

        var stored = (await Snapshots(book.Clock).ReadAsync(EndOfFebruary))!.Customers.Single(c => c.AccountNumber == "C-SNAP");
        Assert.Equal([0m, 1000m, 0m, 0m, 0m], stored.Buckets);
        Assert.Equal((-1000m, 0m), (stored.Unapplied, stored.Balance));

        // Taking the date again changes nothing, and the rows themselves refuse to change.
        await Snapshots(book.Clock).TakeAsync(EndOfFebruary, "manager");
        var again = (await Snapshots(book.Clock).ReadAsync(EndOfFebruary))!.Customers.Single(c => c.AccountNumber == "C-SNAP");
        Assert.Equal(stored.Buckets, again.Buckets);
        await using var update = db.DataSource.CreateCommand("update aging_snapshot_lines set balance = 0");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        Assert.Equal("P0001", refused.SqlState);
    }

    [Fact]
    public async Task A_stored_snapshots_drill_down_shows_the_items_as_recorded_when_taken_and_adds_up_to_its_cells()
    {
        var endOfJanuary = new DateOnly(2026, 1, 31);
        var book = new Book(db, new FakeTimeProvider(new DateTimeOffset(2026, 1, 31, 21, 0, 0, TimeSpan.Zero)));
        var customer = await book.CustomerAsync("C-KEPT");
        var late = await book.InvoiceAsync("C-KEPT", 1000m, new DateOnly(2025, 12, 1));
        await book.InvoiceAsync("C-KEPT", 400m, new DateOnly(2026, 1, 5));
        var payment = await book.PaymentAsync("C-KEPT", 600m, new DateOnly(2026, 1, 20));
        var takenAt = book.Clock.GetUtcNow();
        await Snapshots(book.Clock).TakeAsync(endOfJanuary, "scheduler");

        // On 3 February a clerk matches the payment to the late invoice, dated when the payment arrived.
        book.Clock.Advance(TimeSpan.FromDays(3));
        await book.AllocateAsync(late.Id, payment.Id, 600m, new DateOnly(2026, 1, 20));

        var snapshot = (await Snapshots(book.Clock).ReadAsync(endOfJanuary))!;
        var stored = snapshot.Customers.Single(c => c.CustomerId == customer.Id);
        Assert.Equal([400m, 0m, 1000m, 0m, 0m], stored.Buckets);
        Assert.Equal(-600m, stored.Unapplied);
        var kept = (await Snapshots(book.Clock).ItemsAsync(endOfJanuary, customer.Id, bucket: 2))!;
        Assert.True(kept.Kept);
        Assert.Equal(takenAt, kept.TakenAt);
        Assert.Equal((late.Id, 1000m, 31), (Assert.Single(kept.Items).DocumentId, kept.Items[0].Open, kept.Items[0].Days!.Value));

        // Every cell of the snapshot, this customer's and the others', is the sum of the items kept behind it.
        foreach (var line in snapshot.Customers)
        {
            var items = (await Snapshots(book.Clock).ItemsAsync(endOfJanuary, line.CustomerId!.Value, bucket: null))!.Items;
            for (var b = 0; b < line.Buckets.Length; b++)
                Assert.Equal(line.Buckets[b], items.Where(i => i.Bucket == b).Sum(i => i.Open));
            Assert.Equal(line.Unapplied, items.Where(i => i.Bucket == -1).Sum(i => i.Open));
            Assert.Equal(line.Balance, items.Sum(i => i.Open));
        }

        // Recomputed from today's book, the back-dated allocation shows in the same cell.
        var query = AsOf(endOfJanuary);
        var recomputed = (await Report.ReadAsync(query)).Customers.Single(c => c.CustomerId == customer.Id);
        Assert.Equal([400m, 0m, 400m, 0m, 0m], recomputed.Buckets);
        Assert.Equal(0m, recomputed.Unapplied);
        Assert.Equal(400m, Assert.Single(await Report.ItemsAsync(query, customer.Id, bucket: 2)).Open);
        Assert.Empty(await Report.ItemsAsync(query, customer.Id, bucket: -1));

        // The kept items refuse to change, as the snapshot's lines do.
        await using var update = db.DataSource.CreateCommand("update aging_snapshot_items set open_amount = 0");
        Assert.Equal("P0001", (await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync())).SqlState);
    }

    [Fact]
    public async Task A_daily_snapshot_keeps_its_totals_only_and_a_month_end_one_its_items_too()
    {
        var book = new Book(db, new FakeTimeProvider(new DateTimeOffset(2026, 4, 30, 21, 0, 0, TimeSpan.Zero)));
        var customer = await book.CustomerAsync("C-DAILY");
        await book.InvoiceAsync("C-DAILY", 250m, new DateOnly(2026, 3, 2));
        var midMonth = new DateOnly(2026, 4, 15);
        var monthEnd = new DateOnly(2026, 4, 30);

        await Snapshots(book.Clock).TakeAsync(midMonth, "scheduler");
        await Snapshots(book.Clock).TakeAsync(monthEnd, "scheduler");

        var daily = (await Snapshots(book.Clock).ItemsAsync(midMonth, customer.Id, bucket: null))!;
        Assert.False(daily.Kept);
        Assert.Empty(daily.Items);
        Assert.Equal(250m, (await Snapshots(book.Clock).ReadAsync(midMonth))!.Customers.Single(l => l.CustomerId == customer.Id).Balance);
        var kept = (await Snapshots(book.Clock).ItemsAsync(monthEnd, customer.Id, bucket: null))!;
        Assert.True(kept.Kept);
        Assert.Equal(250m, Assert.Single(kept.Items).Open);
    }

    [Fact]
    public async Task A_snapshot_taken_before_snapshots_kept_their_items_says_it_has_none()
    {
        var date = new DateOnly(2025, 12, 31);
        await using (var older = db.DataSource.CreateCommand("""
            insert into aging_snapshots (snapshot_date, basis, bucket_bounds, taken_at, taken_by)
            values ('2025-12-31', 'DueDate', '{0,30,60,90}', '2026-01-01 02:00+00', 'scheduler')
            """))
        {
            await older.ExecuteNonQueryAsync();
        }
        var book = new Book(db);
        var customer = await book.CustomerAsync("C-OLDSNAP");

        var found = await Snapshots(book.Clock).ItemsAsync(date, customer.Id, bucket: null);

        Assert.NotNull(found);
        Assert.False(found.Kept);
        Assert.Empty(found.Items);
        Assert.Null(await Snapshots(book.Clock).ItemsAsync(date.AddDays(-1), customer.Id, bucket: null));
    }

    [Fact]
    public async Task Unapplied_credits_have_their_own_column_and_each_line_adds_up_to_its_balance()
    {
        var book = new Book(db);
        await book.CustomerAsync("C-UNAP");
        await book.InvoiceAsync("C-UNAP", 400m, new DateOnly(2025, 10, 1));
        await book.PaymentAsync("C-UNAP", 150m, new DateOnly(2026, 3, 1));

        var aging = await Report.ReadAsync(AsOf(book.Today));
        var line = aging.Customers.Single(c => c.AccountNumber == "C-UNAP");

        Assert.Equal([0m, 0m, 0m, 0m, 400m], line.Buckets);
        Assert.Equal((-150m, 250m, 2), (line.Unapplied, line.Balance, line.OpenItems));
        Assert.All(aging.Customers.Concat(aging.Totals), l => Assert.Equal(l.Balance, l.Buckets.Sum() + l.Unapplied));
        var items = await Report.ItemsAsync(AsOf(book.Today), line.CustomerId!.Value, bucket: -1);
        Assert.Equal(-150m, Assert.Single(items).Open);
    }

    [Fact]
    public async Task On_invoice_date_the_age_counts_from_the_invoice_date()
    {
        var book = new Book(db);
        await book.CustomerAsync("C-INVD", terms: "NET60");
        await book.InvoiceAsync("C-INVD", 100m, new DateOnly(2026, 1, 20));

        var query = new AgingQuery(new DateOnly(2026, 3, 1), AgingBasis.InvoiceDate, AgingBuckets.Standard);
        var line = (await Report.ReadAsync(query)).Customers.Single(c => c.AccountNumber == "C-INVD");

        // 40 days since the invoice, though not due until 21 March.
        Assert.Equal([0m, 0m, 100m, 0m, 0m], line.Buckets);
        var item = Assert.Single(await Report.ItemsAsync(query, line.CustomerId!.Value, bucket: 2));
        Assert.Equal(40, item.Days);
    }
}
