using ArLedger.Ledger;
using ArLedger.Seeding;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Seeding;

public sealed class DemoSeedTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly TestClock clock = new();

    [Fact]
    public async Task The_demo_book_keeps_every_ledger_invariant_and_is_seeded_only_once()
    {
        var seeder = new Seeder(db.DataSource, clock);

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
    public async Task The_demo_book_has_what_a_clerk_works_on()
    {
        await new Seeder(db.DataSource, clock).SeedDemoAsync();
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
}
