using ArLedger.Disputes;
using ArLedger.Invoices;
using ArLedger.Testing;
using ArLedger.WriteOffs;

namespace ArLedger.Core.Tests.Invoicing;

public sealed class InvoiceSearchTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly Book book = new(db);
    static string NewAccount() => $"IS{Guid.NewGuid():N}"[..10];

    Task<InvoiceList> SearchAsync(InvoiceQuery query) =>
        book.RunAsync((ctx, _) => new InvoiceSearch(ctx, book.Clock.Calendar).SearchAsync(query));

    /// <summary>A customer with one invoice in each state, dated a day apart, oldest first.</summary>
    async Task<(string Account, Dictionary<string, Invoice> Invoices)> OneOfEachAsync()
    {
        var c = NewAccount();
        await book.CustomerAsync(c);
        var d = book.Today.AddDays(-100);
        var open = await book.InvoiceAsync(c, 100m, d);
        var partial = await book.InvoiceAsync(c, 200m, d.AddDays(1));
        var paid = await book.InvoiceAsync(c, 300m, d.AddDays(2));
        var disputed = await book.InvoiceAsync(c, 400m, d.AddDays(3));
        var writtenOff = await book.InvoiceAsync(c, 500m, d.AddDays(4));
        var notDue = await book.InvoiceAsync(c, 600m, book.Today);
        var cash = await book.PaymentAsync(c, 350m);
        await book.AllocateAsync(partial.Id, cash.Id, 50m);
        await book.AllocateAsync(paid.Id, cash.Id, 300m);
        Assert.True((await book.TryOpenDisputeAsync(new OpenDispute(disputed.Number, 40m, DisputeReason.Price))).Succeeded);
        var proposed = await book.TryProposeWriteOffAsync(new ProposeWriteOff(writtenOff.Number, 500m, "Liquidation"));
        Assert.True((await book.TryDecideWriteOffAsync(new DecideWriteOff(proposed.Value!.Id, true), "manager")).Succeeded);
        return (c, new()
        {
            ["open"] = open,
            ["partial"] = partial,
            ["paid"] = paid,
            ["disputed"] = disputed,
            ["writtenOff"] = writtenOff,
            ["notDue"] = notDue,
        });
    }

    static string[] Numbers(InvoiceList list) => list.Items.Select(i => i.Number).ToArray();

    [Fact]
    public async Task Each_status_filter_finds_the_invoices_in_that_state()
    {
        var (c, i) = await OneOfEachAsync();
        async Task<string[]> Filter(InvoiceFilter f) =>
            Numbers(await SearchAsync(new InvoiceQuery(Status: f, CustomerAccountNumber: c, Descending: false)));

        Assert.Equal([i["open"].Number, i["partial"].Number, i["disputed"].Number, i["notDue"].Number], await Filter(InvoiceFilter.Open));
        Assert.Equal([i["partial"].Number], await Filter(InvoiceFilter.PartiallyPaid));
        Assert.Equal([i["paid"].Number], await Filter(InvoiceFilter.Paid));
        Assert.Equal([i["open"].Number, i["partial"].Number, i["disputed"].Number], await Filter(InvoiceFilter.Overdue));
        Assert.Equal([i["disputed"].Number], await Filter(InvoiceFilter.Disputed));
        Assert.Equal([i["writtenOff"].Number], await Filter(InvoiceFilter.WrittenOff));
    }

    [Fact]
    public async Task Rows_carry_status_open_amount_dispute_and_days_overdue()
    {
        var (c, i) = await OneOfEachAsync();

        var rows = (await SearchAsync(new InvoiceQuery(CustomerAccountNumber: c))).Items.ToDictionary(r => r.Number);

        Assert.Equal(InvoiceStatus.PartiallyPaid, rows[i["partial"].Number].Status);
        Assert.Equal(150m, rows[i["partial"].Number].Open);
        Assert.Equal(InvoiceStatus.Paid, rows[i["paid"].Number].Status);
        Assert.Equal(InvoiceStatus.WrittenOff, rows[i["writtenOff"].Number].Status);
        Assert.Equal(40m, rows[i["disputed"].Number].Disputed);
        Assert.Equal(0, rows[i["notDue"].Number].DaysOverdue);
        Assert.Equal(book.Today.DayNumber - i["open"].DueDate.DayNumber, rows[i["open"].Number].DaysOverdue);
    }

    [Fact]
    public async Task Search_finds_invoices_by_number_reference_customer_name_or_account()
    {
        var c = NewAccount();
        await book.CustomerAsync(c);
        var byRef = await book.TryInvoiceAsync(new PostInvoice(c, book.Today, NetAmount: 10m, VatAmount: 2m, Reference: "PO-ZEBRA-77"));
        var other = await book.InvoiceAsync(c, 20m);

        Assert.Equal([byRef.Value!.Number], Numbers(await SearchAsync(new InvoiceQuery("zebra"))));
        Assert.Equal([other.Number], Numbers(await SearchAsync(new InvoiceQuery(other.Number[3..]))));
        Assert.Equal(2, (await SearchAsync(new InvoiceQuery($"Client {c}"))).Items.Count);
        Assert.Equal(2, (await SearchAsync(new InvoiceQuery(c.ToLowerInvariant()))).Items.Count);
    }

    [Fact]
    public async Task Keyset_pages_walk_forward_and_back_without_gaps_or_repeats_in_every_sort()
    {
        var c = NewAccount();
        await book.CustomerAsync(c);
        var amounts = new[] { 30m, 10m, 50m, 10m, 20m, 40m, 10m };
        for (var n = 0; n < amounts.Length; n++)
            await book.InvoiceAsync(c, amounts[n], book.Today.AddDays(-n % 3));

        foreach (var sort in Enum.GetValues<InvoiceSort>())
            foreach (var descending in new[] { true, false })
            {
                var all = Numbers(await SearchAsync(new InvoiceQuery(CustomerAccountNumber: c, Sort: sort, Descending: descending, PageSize: 50)));
                var walked = new List<string>();
                var pages = new List<InvoiceList>();
                var page = await SearchAsync(new InvoiceQuery(CustomerAccountNumber: c, Sort: sort, Descending: descending, PageSize: 3));
                Assert.Null(page.PreviousCursor);
                while (true)
                {
                    pages.Add(page);
                    walked.AddRange(Numbers(page));
                    if (page.NextCursor is null)
                        break;
                    page = await SearchAsync(new InvoiceQuery(CustomerAccountNumber: c, Sort: sort, Descending: descending, PageSize: 3, After: page.NextCursor));
                }
                Assert.Equal(all, walked);
                Assert.Equal(7, page.Count);

                var back = await SearchAsync(new InvoiceQuery(CustomerAccountNumber: c, Sort: sort, Descending: descending, PageSize: 3, Before: pages[^1].PreviousCursor));
                Assert.Equal(Numbers(pages[^2]), Numbers(back));
                var first = await SearchAsync(new InvoiceQuery(CustomerAccountNumber: c, Sort: sort, Descending: descending, PageSize: 3, Before: back.PreviousCursor));
                Assert.Equal(Numbers(pages[0]), Numbers(first));
                Assert.Null(first.PreviousCursor);
            }
    }

    [Fact]
    public async Task Date_range_limits_the_list_to_invoices_dated_within_it()
    {
        var c = NewAccount();
        await book.CustomerAsync(c);
        await book.InvoiceAsync(c, 10m, book.Today.AddDays(-40));
        var inside = await book.InvoiceAsync(c, 10m, book.Today.AddDays(-20));
        await book.InvoiceAsync(c, 10m, book.Today);

        var list = await SearchAsync(new InvoiceQuery(CustomerAccountNumber: c, From: book.Today.AddDays(-30), To: book.Today.AddDays(-1)));

        Assert.Equal([inside.Number], Numbers(list));
    }
}
