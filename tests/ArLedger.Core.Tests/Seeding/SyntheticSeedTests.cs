using ArLedger.Ledger;
using ArLedger.Seeding;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Seeding;

public sealed class SyntheticSeedTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_synthetic_book_keeps_every_ledger_invariant()
    {
        var clock = new FakeTimeProvider(TestTime.Start);

        var result = await new Seeder(db.DataSource, clock.Calendar).SeedSyntheticAsync(customers: 1_050, invoicesPerCustomer: 10);

        Assert.True(result.Seeded);
        Assert.Equal(1_050, result.Customers);
        Assert.Equal(10_500, result.Invoices);
        Assert.Empty(await LedgerInvariants.CheckAsync(db.DataSource));
        await using var ctx = db.CreateContext();
        // Ids and numbers come from the tables' sequences, so what the app posts next does not collide.
        var next = await new Invoices.PostInvoiceHandler(ctx, clock.Calendar, new Audit.Actor { Name = "test" }).HandleAsync(
            new Invoices.PostInvoice("S0000001", clock.Today, NetAmount: 100m, VatAmount: 20m));
        Assert.True(next.Succeeded, next.Problem?.Message);
        Assert.Equal(10_501, await ctx.Invoices.CountAsync());
        Assert.Empty(await LedgerInvariants.CheckAsync(db.DataSource));
    }
}
