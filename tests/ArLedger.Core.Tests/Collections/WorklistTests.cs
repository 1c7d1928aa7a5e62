using ArLedger.Activities;
using ArLedger.Disputes;
using ArLedger.Invoices;
using ArLedger.Promises;
using ArLedger.Testing;
using ArLedger.Worklist;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Collections;

/// <summary>
/// The collector's worklist lists whom to call and why, most urgent first. Each test works for a collector of its
/// own, so the customers of other tests in the same database never show in its list.
/// </summary>
public sealed class WorklistTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    /// <summary>No overdue is large by itself unless a test says so.</summary>
    static readonly WorklistOptions OnlyNamedReasons = new() { LargeOverdue = 1_000_000m, TopOverdue = 0 };

    sealed class Desk(TestDatabase db, Book book, long collector)
    {
        public Book Book => book;
        public long Collector => collector;

        /// <summary>A customer of this collector with an invoice that fell due <paramref name="daysLate"/> days ago.</summary>
        public async Task<(string Account, Invoice Invoice)> LateCustomerAsync(decimal amount, int daysLate = 20)
        {
            var account = $"WL{Guid.NewGuid():N}"[..10];
            await book.CustomerAsync(account);
            await ExecAsync($"update customers set collector_id = {collector} where account_number = {account}");
            var invoice = await book.InvoiceAsync(account, amount, book.Today.AddDays(-30 - daysLate));
            return (account, invoice);
        }

        public async Task<WorklistPage> ReadAsync(WorklistOptions? options = null, long? collectorId = -1, int pageSize = 25)
        {
            await using var ctx = db.CreateContext();
            return await new CollectorWorklist(ctx, options ?? OnlyNamedReasons)
                .ReadAsync(book.Today, collectorId == -1 ? collector : collectorId, pageSize: pageSize);
        }

        public async Task<List<string>> AccountsAsync(WorklistOptions? options = null) =>
            (await ReadAsync(options)).Rows.Items.Select(r => r.AccountNumber).ToList();

        public async Task<WorklistRow?> RowAsync(string account, WorklistOptions? options = null) =>
            (await ReadAsync(options)).Rows.Items.SingleOrDefault(r => r.AccountNumber == account);

        public async Task CallAsync(string account)
        {
            var logged = await book.TryLogAsync(new LogActivity(account, ActivityKind.Call, "Rappel", CallOutcome.Reached));
            Assert.True(logged.Succeeded);
        }

        public async Task ExecAsync(FormattableString sql)
        {
            await using var ctx = db.CreateContext();
            await ctx.Database.ExecuteSqlInterpolatedAsync(sql);
        }

        /// <summary>A formal notice on the invoice, sent on <paramref name="sentOn"/> with an eight-day deadline.</summary>
        public async Task FormalNoticeSentAsync(string account, Invoice invoice, DateOnly sentOn)
        {
            var deadline = sentOn.AddDays(8);
            var at = new DateTimeOffset(sentOn.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
            await ExecAsync($"""
                with c as (select id from customers where account_number = {account}),
                archived as (
                    insert into archived_documents (kind, customer_id, period_key, file_name, content_type, content, sha256, created_at, created_by)
                    select 'DunningLetter', c.id, {sentOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} || '/3',
                           'relance.pdf', 'application/pdf', 'x'::bytea, encode(sha256('x'::bytea), 'hex'), {at}, 'test' from c
                    returning id),
                proposal as (
                    insert into dunning_proposals (as_of, customer_id, level_no, level_name, currency, channel, no_email, needs_approval,
                        fixed_fee, previous_charges, deadline, missing_rates, status, sent_at, letter_date, archived_document_id, created_at)
                    select {sentOn}, c.id, 3, 'Mise en demeure', 'EUR', 'Email', false, true, 0, 0, {deadline}, {Array.Empty<string>()}, 'Sent', {at},
                           {sentOn}, archived.id, {at} from c, archived
                    returning id)
                insert into dunning_proposal_items (proposal_id, invoice_id, invoice_number, invoice_date, due_date, invoice_amount,
                    open_amount, disputed_amount, amount_due, days_overdue, interest, compensation)
                select proposal.id, {invoice.Id}, {invoice.Number}, {invoice.DocumentDate}, {invoice.DueDate}, {invoice.Amount},
                       {invoice.Amount}, 0, {invoice.Amount}, 30, 0, 0 from proposal
                """);
        }
    }

    Desk NewDesk() => new(db, new Book(db, new FakeTimeProvider(TestTime.Start)), Random.Shared.NextInt64(1_000_000, long.MaxValue));

    [Fact]
    public async Task A_broken_promise_lists_the_customer_until_someone_contacts_them()
    {
        var desk = NewDesk();
        var (broken, invoice) = await desk.LateCustomerAsync(1_000m);
        var (kept, keptInvoice) = await desk.LateCustomerAsync(1_000m);
        await desk.Book.PromiseAsync(broken, 500m, desk.Book.Today.AddDays(3), invoice.Number);
        await desk.Book.PromiseAsync(kept, 500m, desk.Book.Today.AddDays(3), keptInvoice.Number);
        await desk.Book.PaymentAsync(kept, 500m, allocations: [new Payments.AllocationInput(keptInvoice.Number, 500m)]);

        desk.Book.Clock.Advance(TimeSpan.FromDays(4));
        // Broken before the daily review has decided it, and still after.
        var row = await desk.RowAsync(broken);
        Assert.Equal(WorklistReason.BrokenPromise, row!.Priority);
        Assert.Equal(new WorklistFact(WorklistReason.BrokenPromise, desk.Book.Today.AddDays(-1), 500m, 0m), row.Reasons[0]);
        await desk.Book.ReviewAsync();
        Assert.Equal(WorklistReason.BrokenPromise, (await desk.RowAsync(broken))!.Priority);
        Assert.DoesNotContain(kept, await desk.AccountsAsync());

        await desk.CallAsync(broken);
        desk.Book.Clock.Advance(TimeSpan.FromDays(1));
        Assert.DoesNotContain(broken, await desk.AccountsAsync());
    }

    [Fact]
    public async Task A_promise_falling_due_today_or_tomorrow_asks_for_a_courtesy_call()
    {
        var desk = NewDesk();
        var (account, invoice) = await desk.LateCustomerAsync(800m);
        await desk.Book.PromiseAsync(account, 800m, desk.Book.Today.AddDays(2), invoice.Number);

        Assert.DoesNotContain(account, await desk.AccountsAsync());
        desk.Book.Clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = await desk.RowAsync(account);
        desk.Book.Clock.Advance(TimeSpan.FromDays(1));
        var today = await desk.RowAsync(account);

        Assert.Equal(new WorklistFact(WorklistReason.PromiseDue, desk.Book.Today, 800m, null), Assert.Single(tomorrow!.Reasons));
        Assert.Equal(WorklistReason.PromiseDue, today!.Priority);
    }

    [Fact]
    public async Task A_payment_plan_is_late_once_an_instalment_passes_its_date_unpaid()
    {
        var desk = NewDesk();
        var (late, lateInvoice) = await desk.LateCustomerAsync(600m);
        var (paying, payingInvoice) = await desk.LateCustomerAsync(600m);
        foreach (var (account, invoice) in new[] { (late, lateInvoice), (paying, payingInvoice) })
        {
            var plan = await desk.Book.TryPlanAsync(new CreatePaymentPlan(account, [invoice.Number],
                [new(desk.Book.Today.AddDays(5), 200m), new(desk.Book.Today.AddDays(35), 400m)]));
            Assert.True(plan.Succeeded);
        }

        desk.Book.Clock.Advance(TimeSpan.FromDays(5));
        await desk.Book.PaymentAsync(paying, 200m, allocations: [new Payments.AllocationInput(payingInvoice.Number, 200m)]);
        Assert.Empty(await desk.AccountsAsync());
        desk.Book.Clock.Advance(TimeSpan.FromDays(1));

        var row = await desk.RowAsync(late);
        Assert.Equal(new WorklistFact(WorklistReason.PlanLate, desk.Book.Today.AddDays(-1), 200m, null), Assert.Single(row!.Reasons));
        Assert.DoesNotContain(paying, await desk.AccountsAsync());
    }

    [Fact]
    public async Task A_formal_notice_whose_deadline_passed_without_full_payment_lists_the_customer()
    {
        var desk = NewDesk();
        var (unpaid, unpaidInvoice) = await desk.LateCustomerAsync(3_000m, daysLate: 40);
        var (paid, paidInvoice) = await desk.LateCustomerAsync(3_000m, daysLate: 40);
        var sentOn = desk.Book.Today.AddDays(-5);
        await desk.FormalNoticeSentAsync(unpaid, unpaidInvoice, sentOn);
        await desk.FormalNoticeSentAsync(paid, paidInvoice, sentOn);
        await desk.Book.PaymentAsync(unpaid, 1_000m, allocations: [new Payments.AllocationInput(unpaidInvoice.Number, 1_000m)]);
        await desk.Book.PaymentAsync(paid, 3_000m, allocations: [new Payments.AllocationInput(paidInvoice.Number, 3_000m)]);

        // The deadline day itself is still in time.
        desk.Book.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Empty(await desk.AccountsAsync());
        desk.Book.Clock.Advance(TimeSpan.FromDays(1));

        var row = await desk.RowAsync(unpaid);
        Assert.Equal(new WorklistFact(WorklistReason.NoticeDeadlinePassed, sentOn.AddDays(8), 2_000m, null), Assert.Single(row!.Reasons));
        Assert.DoesNotContain(paid, await desk.AccountsAsync());
    }

    [Fact]
    public async Task A_large_overdue_needs_a_call_after_fourteen_quiet_days_and_the_largest_overdue_count_as_large()
    {
        var desk = NewDesk();
        // Five days late at the first call, twenty days late when the worklist is read fifteen days later.
        var (quiet, _) = await desk.LateCustomerAsync(12_000m, daysLate: 5);
        var (recent, _) = await desk.LateCustomerAsync(15_000m, daysLate: 5);
        var (small, _) = await desk.LateCustomerAsync(900m, daysLate: 5);
        var (smallest, _) = await desk.LateCustomerAsync(100m, daysLate: 5);
        await desk.CallAsync(quiet);
        desk.Book.Clock.Advance(TimeSpan.FromDays(5));
        await desk.CallAsync(recent);
        desk.Book.Clock.Advance(TimeSpan.FromDays(10));

        var byAmount = new WorklistOptions { LargeOverdue = 10_000m, TopOverdue = 0 };
        var withTop = new WorklistOptions { LargeOverdue = 10_000m, TopOverdue = 3, MinimumOverdue = 0m };
        Assert.Equal([quiet], await desk.AccountsAsync(byAmount));
        Assert.Equal(new WorklistFact(WorklistReason.LargeOverdue, null, 12_000m, null), (await desk.RowAsync(quiet, byAmount))!.Reasons.Single());
        // The top three are recent, quiet and small; recent was called ten days ago.
        Assert.Equal([quiet, small], await desk.AccountsAsync(withTop));
        Assert.DoesNotContain(smallest, await desk.AccountsAsync(withTop));
        // Among the largest, an amount under the floor is not worth a call of its own.
        Assert.Equal([quiet], await desk.AccountsAsync(new WorklistOptions { LargeOverdue = 10_000m, TopOverdue = 3, MinimumOverdue = 1_000m }));
    }

    [Fact]
    public async Task Overdue_that_the_customers_own_unapplied_cash_covers_is_not_chased_and_the_rest_says_so()
    {
        var desk = NewDesk();
        var (covered, _) = await desk.LateCustomerAsync(12_000m);
        var (partly, _) = await desk.LateCustomerAsync(20_000m);
        await desk.Book.PaymentAsync(covered, 12_000m);
        await desk.Book.PaymentAsync(partly, 5_000m);

        var options = new WorklistOptions { LargeOverdue = 10_000m, TopOverdue = 0 };
        Assert.DoesNotContain(covered, await desk.AccountsAsync(options));
        var row = await desk.RowAsync(partly, options);
        // What is left to chase once the cash is applied, and the cash to apply first.
        Assert.Equal(new WorklistFact(WorklistReason.LargeOverdue, null, 15_000m, null), Assert.Single(row!.Reasons));
        Assert.Equal(5_000m, row.Unapplied);
        Assert.Equal(20_000m, row.Overdue);
    }

    [Fact]
    public async Task Customers_on_hold_in_litigation_or_whose_overdue_is_all_disputed_are_not_listed()
    {
        var desk = NewDesk();
        var (onHold, _) = await desk.LateCustomerAsync(20_000m);
        var (litigation, _) = await desk.LateCustomerAsync(20_000m);
        var (disputed, disputedInvoice) = await desk.LateCustomerAsync(20_000m);
        var (partly, partlyInvoice) = await desk.LateCustomerAsync(20_000m);
        await desk.ExecAsync($"update customers set on_hold = true, on_hold_reason = 'x' where account_number = {onHold}");
        await desk.ExecAsync($"""
            insert into customer_dunning_states (customer_id, in_litigation, litigation_since, updated_at, updated_by)
            select id, true, {desk.Book.Today}, now(), 'test' from customers where account_number = {litigation}
            """);
        Assert.True((await desk.Book.TryOpenDisputeAsync(new OpenDispute(disputedInvoice.Number, 20_000m, DisputeReason.Price))).Succeeded);
        Assert.True((await desk.Book.TryOpenDisputeAsync(new OpenDispute(partlyInvoice.Number, 5_000m, DisputeReason.Price))).Succeeded);

        Assert.Equal([partly], await desk.AccountsAsync(new WorklistOptions { LargeOverdue = 10_000m, TopOverdue = 0 }));
    }

    [Fact]
    public async Task Reasons_order_the_list_and_ties_go_to_the_largest_overdue()
    {
        var desk = NewDesk();
        var (quietLarge, _) = await desk.LateCustomerAsync(20_000m);
        var (largeDue, largeDueInvoice) = await desk.LateCustomerAsync(50_000m);
        var (due, dueInvoice) = await desk.LateCustomerAsync(700m);
        var (plan, planInvoice) = await desk.LateCustomerAsync(600m);
        var (notice, noticeInvoice) = await desk.LateCustomerAsync(900m, daysLate: 40);
        var (brokenSmall, brokenSmallInvoice) = await desk.LateCustomerAsync(400m);
        var (brokenLarge, brokenLargeInvoice) = await desk.LateCustomerAsync(4_000m);
        await desk.FormalNoticeSentAsync(notice, noticeInvoice, desk.Book.Today.AddDays(-3));
        Assert.True((await desk.Book.TryPlanAsync(new CreatePaymentPlan(plan, [planInvoice.Number],
            [new(desk.Book.Today.AddDays(2), 600m)]))).Succeeded);
        await desk.Book.PromiseAsync(brokenSmall, 400m, desk.Book.Today.AddDays(2), brokenSmallInvoice.Number);
        await desk.Book.PromiseAsync(brokenLarge, 4_000m, desk.Book.Today.AddDays(2), brokenLargeInvoice.Number);
        await desk.Book.PromiseAsync(due, 700m, desk.Book.Today.AddDays(7), dueInvoice.Number);
        await desk.Book.PromiseAsync(largeDue, 5_000m, desk.Book.Today.AddDays(7), largeDueInvoice.Number);
        desk.Book.Clock.Advance(TimeSpan.FromDays(6));

        var rows = (await desk.ReadAsync(new WorklistOptions { LargeOverdue = 10_000m, TopOverdue = 0 })).Rows.Items;

        Assert.Equal([brokenLarge, brokenSmall, notice, plan, largeDue, due, quietLarge], rows.Select(r => r.AccountNumber));
        // A customer with two reasons shows both, the more urgent first.
        Assert.Equal([WorklistReason.PromiseDue, WorklistReason.LargeOverdue], rows.Single(r => r.AccountNumber == largeDue).Reasons.Select(f => f.Reason));
    }

    [Fact]
    public async Task A_customer_contacted_today_leaves_the_list_and_counts_as_done()
    {
        var desk = NewDesk();
        var (called, invoice) = await desk.LateCustomerAsync(1_000m);
        var (other, otherInvoice) = await desk.LateCustomerAsync(1_000m);
        await desk.Book.PromiseAsync(called, 500m, desk.Book.Today.AddDays(1), invoice.Number);
        await desk.Book.PromiseAsync(other, 500m, desk.Book.Today.AddDays(1), otherInvoice.Number);
        desk.Book.Clock.Advance(TimeSpan.FromDays(2));
        var before = await desk.ReadAsync();

        desk.Book.Clock.Advance(TimeSpan.FromHours(1));
        await desk.CallAsync(called);
        var after = await desk.ReadAsync();

        Assert.Equal((2, 0), (before.Rows.TotalCount, before.DoneToday));
        Assert.Equal([other], after.Rows.Items.Select(r => r.AccountNumber));
        Assert.Equal(1, after.DoneToday);
        Assert.Equal(22, Assert.Single(after.Rows.Items).OldestDaysLate);
    }

    [Fact]
    public async Task The_list_shows_one_collectors_customers_or_everyones()
    {
        var mine = NewDesk();
        var theirs = new Desk(db, mine.Book, mine.Collector + 1);
        var (myCustomer, myInvoice) = await mine.LateCustomerAsync(500m);
        var (theirCustomer, theirInvoice) = await theirs.LateCustomerAsync(500m);
        await mine.Book.PromiseAsync(myCustomer, 500m, mine.Book.Today, myInvoice.Number);
        await mine.Book.PromiseAsync(theirCustomer, 500m, mine.Book.Today, theirInvoice.Number);

        var everyone = await mine.ReadAsync(collectorId: null, pageSize: 1000);

        Assert.Equal([myCustomer], await mine.AccountsAsync());
        Assert.Equal([theirCustomer], await theirs.AccountsAsync());
        Assert.Contains(myCustomer, everyone.Rows.Items.Select(r => r.AccountNumber));
        Assert.Contains(theirCustomer, everyone.Rows.Items.Select(r => r.AccountNumber));
    }
}
