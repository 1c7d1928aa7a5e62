using ArLedger.Audit;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Promises;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Collections;

/// <summary>A promise to pay is kept or broken by itself once its date passes; nobody has to mark it.</summary>
public sealed class PromiseReviewTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static string NewAccount() => $"PR{Guid.NewGuid():N}"[..10];

    /// <summary>Each test has its own clock, as the review decides every promise of the database due by its date.</summary>
    Book NewBook() => new(db, new FakeTimeProvider(TestTime.Start));

    [Fact]
    public async Task A_promise_ignores_a_payment_allocated_and_received_earlier_the_same_day()
    {
        var book = new Book(db, new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 17, 37, 0, TimeSpan.Zero)));
        var c = NewAccount();
        var customer = await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 2_000m, date: book.Today.AddDays(-40));
        // 18:37 in Paris: a payment allocated to the invoice, and another one received on account.
        await book.PaymentAsync(c, 821.93m, allocations: [new AllocationInput(invoice.Number, 821.93m)]);
        await book.PaymentAsync(c, 100m);
        // 18:40: the customer promises 821.93 on the invoice.
        book.Clock.Advance(TimeSpan.FromMinutes(3));
        var promise = await book.PromiseAsync(c, 821.93m, book.Today.AddDays(2), invoice.Number);

        book.Clock.Advance(TimeSpan.FromDays(3));
        var shown = (await book.PromisesOfAsync(customer.Id)).Single();
        await book.ReviewAsync();

        Assert.Equal((PromiseStatus.Broken, 0m), (shown.Status, shown.Paid));
        var stored = await book.RunAsync((ctx, _) => ctx.Promises.AsNoTracking().SingleAsync(p => p.Id == promise.Id));
        Assert.Equal((PromiseStatus.Broken, 0m), (stored.Status, stored.PaidAmount));
    }

    [Fact]
    public async Task A_promise_is_kept_when_a_payment_allocated_to_its_invoice_covers_it_before_the_date_passes()
    {
        var book = NewBook();
        var c = NewAccount();
        var customer = await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 1_000m);
        var promise = await book.PromiseAsync(c, 600m, book.Today.AddDays(7), invoice.Number);

        book.Clock.Advance(TimeSpan.FromDays(5));
        await book.PaymentAsync(c, 600m, allocations: [new AllocationInput(invoice.Number, 600m)]);
        Assert.Equal(PromiseStatus.Pending, (await book.PromisesOfAsync(customer.Id)).Single().Status);

        book.Clock.Advance(TimeSpan.FromDays(3));
        var shown = (await book.PromisesOfAsync(customer.Id)).Single();
        Assert.Equal(PromiseStatus.Kept, shown.Status);
        Assert.Equal(600m, shown.Paid);

        await book.ReviewAsync();
        var stored = await book.RunAsync((ctx, _) => ctx.Promises.AsNoTracking().SingleAsync(p => p.Id == promise.Id));
        Assert.Equal(PromiseStatus.Kept, stored.Status);
        Assert.Equal(600m, stored.PaidAmount);
    }

    [Fact]
    public async Task A_promise_is_broken_when_its_date_passes_without_payment()
    {
        var book = NewBook();
        var c = NewAccount();
        var customer = await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 1_000m);
        var promise = await book.PromiseAsync(c, 400m, book.Today.AddDays(3), invoice.Number);

        // The promised day itself is still in time.
        book.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(PromiseStatus.Pending, (await book.PromisesOfAsync(customer.Id)).Single().Status);

        book.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(PromiseStatus.Broken, (await book.PromisesOfAsync(customer.Id)).Single().Status);
        await book.ReviewAsync();

        var stored = await book.RunAsync((ctx, _) => ctx.Promises.AsNoTracking().SingleAsync(p => p.Id == promise.Id));
        Assert.Equal(PromiseStatus.Broken, stored.Status);
        var events = await EventsAsync(book, promise.Id);
        Assert.Equal(["promise.logged", "promise.broken"], events);
    }

    [Fact]
    public async Task A_payment_short_of_the_promised_amount_breaks_the_promise()
    {
        var book = NewBook();
        var c = NewAccount();
        var customer = await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 1_000m);
        await book.PromiseAsync(c, 500m, book.Today.AddDays(2), invoice.Number);

        book.Clock.Advance(TimeSpan.FromDays(1));
        await book.PaymentAsync(c, 300m, allocations: [new AllocationInput(invoice.Number, 300m)]);
        book.Clock.Advance(TimeSpan.FromDays(2));

        var shown = (await book.PromisesOfAsync(customer.Id)).Single();
        Assert.Equal(PromiseStatus.Broken, shown.Status);
        Assert.Equal(300m, shown.Paid);
    }

    [Fact]
    public async Task Cash_received_in_time_but_not_yet_matched_keeps_the_promise()
    {
        var book = NewBook();
        var c = NewAccount();
        var customer = await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 800m);
        await book.PromiseAsync(c, 800m, book.Today.AddDays(5), invoice.Number);

        book.Clock.Advance(TimeSpan.FromDays(4));
        await book.PaymentAsync(c, 800m);
        book.Clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(PromiseStatus.Kept, (await book.PromisesOfAsync(customer.Id)).Single().Status);
    }

    [Fact]
    public async Task A_payment_from_before_the_promise_does_not_count_towards_it()
    {
        var book = NewBook();
        var c = NewAccount();
        var customer = await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 500m);
        var early = await book.PaymentAsync(c, 200m);
        book.Clock.Advance(TimeSpan.FromDays(1));
        await book.PromiseAsync(c, 200m, book.Today.AddDays(2), invoice.Number);
        // Old unapplied cash matched now is dated when it was received, before the promise.
        await book.AllocateAsync(invoice.Id, early.Id, 200m);
        book.Clock.Advance(TimeSpan.FromDays(3));

        Assert.Equal(PromiseStatus.Broken, (await book.PromisesOfAsync(customer.Id)).Single().Status);
    }

    [Fact]
    public async Task Reviewing_again_decides_nothing_twice()
    {
        var book = NewBook();
        var c = NewAccount();
        await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 100m);
        var promise = await book.PromiseAsync(c, 100m, book.Today.AddDays(1), invoice.Number);
        book.Clock.Advance(TimeSpan.FromDays(2));

        await book.ReviewAsync();
        // A late payment does not turn a decided promise back.
        await book.PaymentAsync(c, 100m, allocations: [new AllocationInput(invoice.Number, 100m)]);
        var again = await book.ReviewAsync();

        Assert.Equal(0, again.Kept + again.Broken);
        Assert.Equal(["promise.logged", "promise.broken"], await EventsAsync(book, promise.Id));
    }

    [Fact]
    public async Task A_promise_cannot_be_dated_in_the_past_nor_exceed_the_open_amount_of_its_invoices()
    {
        var book = NewBook();
        var c = NewAccount();
        await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 300m);

        var past = await book.TryPromiseAsync(new LogPromise(c, 100m, book.Today.AddDays(-1), [invoice.Number]));
        var over = await book.TryPromiseAsync(new LogPromise(c, 300.01m, book.Today.AddDays(5), [invoice.Number]));
        var zero = await book.TryPromiseAsync(new LogPromise(c, 0m, book.Today.AddDays(5), [invoice.Number]));

        Assert.Equal(nameof(LogPromise.PromisedDate), Assert.Single(past.Problem!.Errors!).Key);
        Assert.Equal(nameof(LogPromise.Amount), Assert.Single(over.Problem!.Errors!).Key);
        Assert.Equal(nameof(LogPromise.Amount), Assert.Single(zero.Problem!.Errors!).Key);
    }

    static Task<List<string>> EventsAsync(Book book, long promiseId) =>
        book.RunAsync((ctx, _) => ctx.AuditEvents.Where(e => e.EntityType == nameof(Promise) && e.EntityId == promiseId.ToString())
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
}
