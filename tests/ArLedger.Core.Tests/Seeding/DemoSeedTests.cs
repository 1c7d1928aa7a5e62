using ArLedger.Activities;
using ArLedger.Audit;
using ArLedger.Bank;
using ArLedger.Core.Tests.Bank;
using ArLedger.Ledger;
using ArLedger.Promises;
using ArLedger.Seeding;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Seeding;

public sealed class DemoSeedTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly FakeTimeProvider clock = new(TestTime.Start);

    [Fact]
    public async Task The_demo_book_keeps_every_ledger_invariant_and_is_seeded_only_once()
    {
        var seeder = new Seeder(db.DataSource, clock.Calendar);

        var first = await seeder.SeedDemoAsync();
        var second = await seeder.SeedDemoAsync();

        Assert.True(first.Seeded);
        Assert.Equal(300, first.Customers);
        Assert.Equal(4_000, first.Invoices);
        Assert.Empty(await LedgerInvariants.CheckAsync(db.DataSource));
        Assert.False(second.Seeded);
        await using var ctx = db.CreateContext();
        Assert.Equal(300, await ctx.Customers.CountAsync());
    }

    [Fact]
    public async Task The_demo_bank_has_two_days_of_statements_that_pay_invoices_every_way_customers_do()
    {
        await new Seeder(db.DataSource, clock.Calendar).SeedDemoAsync();
        var book = new Book(db, clock);

        await new BankScenario(book).RunAsync(async (import, _, _) =>
        {
            await book.RunAsync(async (ctx, actor) =>
            {
                await new DemoBank(ctx, new BankAccounts(ctx, clock.Calendar, actor), import).SeedAsync(clock.Today);
                return 0;
            });
            return 0;
        });

        await using var ctx = db.CreateContext();
        var statements = await ctx.Set<BankStatement>().OrderBy(s => s.FromDate).ToListAsync();
        Assert.Equal([BankFileFormat.Cfonb120, BankFileFormat.Camt053], statements.Select(s => s.Format));
        Assert.All(statements, s => Assert.Equal(0m, s.Difference));
        var lines = await ctx.Set<BankLine>().ToListAsync();
        Assert.Equal(11, lines.Count);
        Assert.Equal(4, lines.Count(l => l.Status == BankLineStatus.Matched));
        Assert.Equal(3, lines.Count(l => l.Status == BankLineStatus.Proposed));
        // Money paid back to a customer whose credit note no invoice took: proposed as the refund of that credit note.
        Assert.Contains(lines, l => l.Amount < 0 && l.Status == BankLineStatus.Proposed
            && MatchProposal.FromJson(l.Proposal)!.Items is [{ Kind: DocumentKind.CreditNote } credit] && credit.Amount == -l.Amount);
        Assert.Contains(lines, l => l.Amount < 0 && l.ReturnReason == "AM04" && l.EndToEndId!.StartsWith("PRLV-", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Amount > 0 && l.Status == BankLineStatus.ToIdentify && l.CounterpartyName == "SCI LES TILLEULS");
        Assert.Equal(4, lines.Count(l => l.Amount < 0));
        Assert.Empty(await LedgerInvariants.CheckAsync(db.DataSource));
    }

    [Fact]
    public async Task The_demo_book_has_what_a_clerk_works_on()
    {
        await new Seeder(db.DataSource, clock.Calendar).SeedDemoAsync();
        await using var ctx = db.CreateContext();
        var today = clock.Today;

        Assert.InRange(await ctx.Disputes.CountAsync(d => d.Status == Disputes.DisputeStatus.Open), 25, 35);
        Assert.True(await ctx.WriteOffs.AnyAsync(w => w.Status == WriteOffs.WriteOffStatus.Approved));
        Assert.True(await ctx.Customers.AnyAsync(c => c.OnHold));
        Assert.True(await ctx.Payments.AnyAsync(p => p.AllocatedAmount == 0), "unapplied cash");
        Assert.True(await ctx.CreditNotes.AnyAsync(c => c.InvoiceId != null));
        var overdueAges = await ctx.Invoices
            .Where(i => i.Amount - i.AllocatedAmount - i.WrittenOffAmount > 0 && i.DueDate < today)
            .Select(i => today.DayNumber - i.DueDate.DayNumber).ToListAsync();
        Assert.Contains(overdueAges, d => d <= 30);
        Assert.Contains(overdueAges, d => d is > 30 and <= 90);
        Assert.Contains(overdueAges, d => d > 90);
    }

    [Fact]
    public async Task The_demo_book_has_calls_promises_and_a_history_on_every_customer_timeline()
    {
        await new Seeder(db.DataSource, clock.Calendar).SeedDemoAsync();
        await using var ctx = db.CreateContext();
        var today = clock.Today;

        Assert.True(await ctx.Activities.CountAsync(a => a.Kind == ActivityKind.Call) >= 40);
        Assert.True(await ctx.Promises.AnyAsync(p => p.PromisedDate >= today), "a promise still pending");
        Assert.True(await ctx.Promises.CountAsync(p => p.PromisedDate < today) >= 8, "promises past their date");

        // Promises past their date are decided by the review's own rule; the seed's kept ones are kept by it.
        var decided = await new PromiseReview(ctx, clock.Calendar, new Actor(), new PlanProgress(ctx, clock.Calendar)).EvaluateAsync(today);
        Assert.True(decided.Kept >= 5, $"{decided.Kept} kept");

        // Every document, allocation and dispute has the event its use case records, on its customer.
        Assert.Equal(await ctx.Invoices.CountAsync(), await ctx.AuditEvents.CountAsync(e => e.Action == "invoice.posted"));
        Assert.Equal(await ctx.Payments.CountAsync(), await ctx.AuditEvents.CountAsync(e => e.Action == "payment.recorded"));
        Assert.Equal(await ctx.Allocations.CountAsync(), await ctx.AuditEvents.CountAsync(e => e.Action == "allocation.created"));
        Assert.Equal(await ctx.Disputes.CountAsync(), await ctx.AuditEvents.CountAsync(e => e.Action == "dispute.opened"));
        Assert.False(await ctx.Customers.AnyAsync(c => !ctx.AuditEvents.Any(e => e.CustomerId == c.Id && e.Action == "customer.created")));
        var timeline = await new CustomerTimeline(ctx).ReadAsync(
            (await ctx.Promises.OrderBy(p => p.Id).FirstAsync()).CustomerId, TimelineFilter.All, 1);
        Assert.Contains(timeline.Items, i => i.Kind == ActivityKind.Call);
        Assert.Contains(timeline.Items, i => i.Action == "promise.logged");
        Assert.All(timeline.Items, i => Assert.True(i.At <= clock.GetUtcNow()));
    }
}
