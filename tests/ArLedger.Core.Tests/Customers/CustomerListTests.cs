using ArLedger.Customers;
using ArLedger.Seeding;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Customers;

public sealed class CustomerListTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    readonly FakeTimeProvider clock = new(TestTime.Start);

    public async Task InitializeAsync() => await new Seeder(db.DataSource, clock.Calendar).SeedDemoAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<CustomerSort, bool> Sorts()
    {
        var data = new TheoryData<CustomerSort, bool>();
        foreach (var sort in Enum.GetValues<CustomerSort>())
        {
            data.Add(sort, false);
            data.Add(sort, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Keyset_paging_visits_every_customer_exactly_once_forward_and_back(CustomerSort sort, bool descending)
    {
        await using var ctx = db.CreateContext();
        var list = new CustomerList(ctx, clock.Calendar);
        var filter = new CustomerFilter();
        var expected = await list.AllAsync(filter, sort, descending).Select(r => r.Id).ToListAsync();

        var forward = new List<long>();
        var pages = new List<CustomerListPage>();
        var page = await list.PageAsync(filter, sort, descending, pageSize: 23);
        Assert.Null(page.Previous);
        while (true)
        {
            pages.Add(page);
            forward.AddRange(page.Rows.Select(r => r.Id));
            if (page.Next is null)
                break;
            page = await list.PageAsync(filter, sort, descending, after: page.Next, pageSize: 23);
        }

        Assert.Equal(await ctx.Customers.CountAsync(), expected.Count);
        Assert.Equal(expected, forward);
        Assert.Equal(expected.Count, page.TotalCount);

        // Back from the last page, each page is the one seen going forward.
        for (var i = pages.Count - 1; i > 0; i--)
        {
            var previous = await list.PageAsync(filter, sort, descending, before: pages[i].Previous, pageSize: 23);
            Assert.Equal(pages[i - 1].Rows.Select(r => r.Id), previous.Rows.Select(r => r.Id));
        }
    }

    [Fact]
    public async Task Balances_and_overdue_amounts_in_the_list_are_those_of_the_book()
    {
        await using var ctx = db.CreateContext();
        var page = await new CustomerList(ctx, clock.Calendar).PageAsync(new CustomerFilter(), CustomerSort.Balance, descending: true);

        foreach (var row in page.Rows)
        {
            var figures = await BookSums.CustomerAsync(ctx, row.Id, clock.Today);
            Assert.Equal((figures.Balance, figures.Overdue, figures.Disputed, figures.UnappliedCash), (row.Balance, row.Overdue, row.Disputed, row.Unapplied));
        }
        Assert.True(page.Rows.Zip(page.Rows.Skip(1)).All(p => p.First.Balance >= p.Second.Balance));
    }

    [Fact]
    public async Task Filters_keep_only_the_customers_they_name()
    {
        await using var ctx = db.CreateContext();
        var list = new CustomerList(ctx, clock.Calendar);

        async Task<List<CustomerRow>> AllAsync(CustomerFilter f) => await list.AllAsync(f, CustomerSort.Name, false).ToListAsync();

        var overdue = await AllAsync(new CustomerFilter(Overdue: true));
        var onHold = await AllAsync(new CustomerFilter(OnHold: true));
        var overLimit = await AllAsync(new CustomerFilter(OverCreditLimit: true));
        var inDispute = await AllAsync(new CustomerFilter(InDispute: true));
        var both = await AllAsync(new CustomerFilter(Overdue: true, OnHold: true));

        Assert.NotEmpty(overdue);
        Assert.All(overdue, r => Assert.True(r.Overdue > 0));
        Assert.NotEmpty(onHold);
        Assert.All(onHold, r => Assert.True(r.OnHold));
        Assert.All(overLimit, r => Assert.True(r.OverCreditLimit));
        Assert.NotEmpty(inDispute);
        Assert.All(inDispute, r => Assert.True(r.Disputed > 0));
        Assert.Equal(overdue.Where(r => r.OnHold).Select(r => r.Id), both.Select(r => r.Id));
        var page = await list.PageAsync(new CustomerFilter(Overdue: true), CustomerSort.Name, false);
        Assert.Equal(overdue.Count, page.TotalCount);
    }

    [Fact]
    public async Task Search_finds_a_customer_by_part_of_its_name_account_legal_id_or_email()
    {
        await using var ctx = db.CreateContext();
        var someone = await ctx.Customers.AsNoTracking().Where(c => c.StatementEmail != null && c.LegalId != null).OrderBy(c => c.Id).FirstAsync();
        var list = new CustomerList(ctx, clock.Calendar);

        foreach (var term in new[] { someone.Name[..Math.Min(8, someone.Name.Length)].ToUpperInvariant(), someone.AccountNumber, someone.LegalId![2..], someone.StatementEmail! })
        {
            var found = await list.AllAsync(new CustomerFilter(Search: term), CustomerSort.Name, false).ToListAsync();
            Assert.Contains(found, r => r.Id == someone.Id);
        }
        Assert.Empty(await list.AllAsync(new CustomerFilter(Search: "%zz_no such customer"), CustomerSort.Name, false).ToListAsync());
    }
}
