using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Seeding;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Customers;

public sealed class CustomerSearchTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    readonly TestClock clock = new();

    public async Task InitializeAsync() => await new Seeder(db.DataSource, clock).SeedDemoAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_later_page_shows_each_customers_balance_and_overdue_amount()
    {
        await using var ctx = db.CreateContext();

        var page = await new CustomerSearch(ctx, clock).SearchAsync(null, page: 3, pageSize: 20);

        Assert.Equal(300, page.TotalCount);
        Assert.Equal(20, page.Items.Count);
        foreach (var c in page.Items)
        {
            var open = await new OpenItems(ctx).AsOfAsync(c.Id, clock.Today);
            Assert.Equal(await ctx.LedgerEntries.Where(e => e.CustomerId == c.Id).SumAsync(e => e.Debit - e.Credit), c.Balance);
            Assert.Equal(open.Where(i => i.Open > 0 && i.DaysOverdue > 0).Sum(i => i.Open), c.Overdue);
        }
    }

    [Fact]
    public async Task Finds_customers_by_part_of_an_account_number()
    {
        await using var ctx = db.CreateContext();

        var page = await new CustomerSearch(ctx, clock).SearchAsync("C0012");

        Assert.Equal(10, page.TotalCount);
        Assert.All(page.Items, c => Assert.StartsWith("C0012", c.AccountNumber, StringComparison.Ordinal));
    }
}
