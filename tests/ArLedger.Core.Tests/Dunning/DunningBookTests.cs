using ArLedger.Dunning;
using ArLedger.Ledger;
using ArLedger.Seeding;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Dunning;

/// <summary>The run's hand-written read of open documents agrees with the plain per-customer one, on the demo book and past dates.</summary>
public sealed class DunningBookTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_open_documents_of_a_group_as_of_any_date_are_those_OpenItems_finds_customer_by_customer()
    {
        var clock = new FakeTimeProvider(TestTime.Start);
        await new Seeder(db.DataSource, clock.Calendar).SeedDemoAsync();
        await using var ctx = db.CreateContext();
        var customers = await ctx.Customers.Select(c => c.Id).OrderBy(id => id).ToListAsync();
        var compared = 0;
        foreach (var asOf in new[] { clock.Today, clock.Today.AddDays(-45), clock.Today.AddDays(-200) })
        {
            var grouped = await new DunningBook(ctx).OpenAsync(customers, asOf);
            foreach (var id in customers)
            {
                var expected = (await new OpenItems(ctx).AsOfAsync(id, asOf)).Select(i => (i.DocumentId, i.Kind, i.Open, i.DueDate)).ToList();
                var actual = (grouped.GetValueOrDefault(id) ?? []).Select(i => (i.DocumentId, i.Kind, i.Open, i.DueDate)).ToList();
                Assert.Equal(expected.OrderBy(x => x.DocumentId), actual.OrderBy(x => x.DocumentId));
                compared += expected.Count;
            }
        }
        Assert.True(compared > 1000, $"only {compared} open documents compared");
    }
}
