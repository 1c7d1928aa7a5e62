using ArLedger.Aging;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Testing;
using ArLedger.WriteOffs;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Aging;

/// <summary>
/// The hand-written aging SQL against a plain computation over the EF model's documents, allocations and
/// write-offs, on a random book built day by day with back-dated value dates and allocations, reversals and
/// write-offs, for many as-of dates, both bases and several bucket sets.
/// </summary>
public sealed class AgingReportAgreesWithModelTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static readonly AgingBuckets[] BucketSets = [AgingBuckets.Standard, new([30, 60, 90, 120]), new([15])];

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task The_aging_SQL_agrees_with_a_computation_over_the_model_on_a_random_book(int seed)
    {
        var rng = new Random(seed);
        var start = new DateOnly(2025, 11, 1);
        var book = new Book(db, new FakeTimeProvider(new DateTimeOffset(2025, 11, 1, 10, 0, 0, TimeSpan.Zero)));
        var customers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            customers.Add($"RND{seed}-{i}");
            await book.CustomerAsync(customers[^1], terms: i % 2 == 0 ? "NET30" : "45EOM", currency: i == 4 ? "USD" : "EUR");
        }
        while (book.Today < new DateOnly(2026, 3, 20))
        {
            await RandomStepAsync(book, rng, customers[rng.Next(customers.Count)]);
            book.Clock.Advance(TimeSpan.FromHours(rng.Next(4, 40)));
        }

        var (documents, allocations, writeOffs) = await book.RunAsync(async (ctx, _) => (
            await ctx.Documents.AsNoTracking().ToListAsync(),
            await ctx.Allocations.AsNoTracking().ToListAsync(),
            await ctx.WriteOffs.AsNoTracking().ToListAsync()));
        Assert.Contains(documents, d => d.ReversedAt is not null);
        Assert.Contains(allocations, a => a.ReversesAllocationId is not null);
        Assert.Contains(writeOffs, w => w.Status == WriteOffStatus.Approved);

        var report = new AgingReport(db.DataSource);
        // Dates spread over the book, and the days documents were reversed, where the day's boundary matters.
        var dates = new SortedSet<DateOnly>(documents.Where(d => d.ReversedAt is not null).Select(d => DateOnly.FromDateTime(d.ReversedAt!.Value.UtcDateTime)));
        for (var day = start.AddDays(-1); day <= book.Today.AddDays(40); day = day.AddDays(rng.Next(3, 12)))
            dates.Add(day);
        foreach (var asOf in dates)
        {
            foreach (var basis in new[] { AgingBasis.DueDate, AgingBasis.InvoiceDate })
            {
                var query = new AgingQuery(asOf, basis, BucketSets[rng.Next(BucketSets.Length)]);
                var expected = Expected(query, documents, allocations, writeOffs);
                var actual = await report.ReadAsync(query);

                Assert.Equal(expected.Keys.Order(), actual.Customers.Select(c => c.CustomerId!.Value).Order());
                foreach (var line in actual.Customers)
                {
                    var e = expected[line.CustomerId!.Value];
                    Assert.True(e.Buckets.SequenceEqual(line.Buckets) && e.Unapplied == line.Unapplied && e.Items == line.OpenItems,
                        $"{query}: customer {line.AccountNumber} SQL [{string.Join(" ", line.Buckets)}] {line.Unapplied} ({line.OpenItems} items), "
                        + $"model [{string.Join(" ", e.Buckets)}] {e.Unapplied} ({e.Items} items)");
                    Assert.Equal(line.Buckets.Sum() + line.Unapplied, line.Balance);
                }
                foreach (var total in actual.Totals)
                {
                    var mine = actual.Customers.Where(c => c.Currency == total.Currency).ToList();
                    Assert.Equal(mine.Sum(c => c.Balance), total.Balance);
                    for (var b = 0; b < query.Buckets.Count; b++)
                        Assert.Equal(mine.Sum(c => c.Buckets[b]), total.Buckets[b]);
                }

                // The drill-down of a cell lists the items that make it up.
                if (actual.Customers.Count > 0)
                {
                    var line = actual.Customers[rng.Next(actual.Customers.Count)];
                    var bucket = rng.Next(-1, query.Buckets.Count);
                    var items = await report.ItemsAsync(query, line.CustomerId!.Value, bucket);
                    Assert.Equal(bucket == -1 ? line.Unapplied : line.Buckets[bucket], items.Sum(i => i.Open));
                }
            }
        }
    }

    sealed record ExpectedLine(decimal[] Buckets, decimal Unapplied, int Items);

    /// <summary>The rules of DESIGN.md spelled out over the model, document by document, nothing cached.</summary>
    static Dictionary<long, ExpectedLine> Expected(AgingQuery q, List<Document> documents, List<Allocation> allocations, List<WriteOff> writeOffs)
    {
        var lines = new Dictionary<long, ExpectedLine>();
        foreach (var d in documents)
        {
            var effective = d is Payment p ? p.ValueDate : d.DocumentDate;
            if (effective > q.AsOf || (d.ReversedAt is { } r && DateOnly.FromDateTime(r.UtcDateTime) <= q.AsOf))
                continue;
            var open = d.Amount
                - allocations.Where(a => (a.DebitDocumentId == d.Id || a.CreditDocumentId == d.Id) && a.AllocationDate <= q.AsOf).Sum(a => a.Amount)
                - writeOffs.Where(w => w.InvoiceId == d.Id && w.Status == WriteOffStatus.Approved && w.WriteOffDate <= q.AsOf).Sum(w => w.Amount);
            if (open == 0)
                continue;
            if (!lines.TryGetValue(d.CustomerId, out var line))
                lines[d.CustomerId] = line = new ExpectedLine(new decimal[q.Buckets.Count], 0m, 0);
            if (d is DebitDocument debit)
            {
                var from = q.Basis == AgingBasis.DueDate ? debit.DueDate : debit.DocumentDate;
                line.Buckets[q.Buckets.IndexOf(q.AsOf.DayNumber - from.DayNumber)] += open;
                lines[d.CustomerId] = line with { Items = line.Items + 1 };
            }
            else
            {
                lines[d.CustomerId] = line with { Unapplied = line.Unapplied - open, Items = line.Items + 1 };
            }
        }
        return lines;
    }

    static async Task RandomStepAsync(Book book, Random rng, string customer)
    {
        var today = book.Today;
        switch (rng.Next(10))
        {
            case 0 or 1 or 2:
                await book.TryInvoiceAsync(new PostInvoice(customer, today.AddDays(-rng.Next(0, 10)), NetAmount: Amount(rng), VatAmount: 0m));
                break;
            case 3 or 4:
                await book.TryPaymentAsync(new RecordPayment(customer, Amount(rng), today, ValueDate: today.AddDays(-rng.Next(0, 6))));
                break;
            case 5 or 6:
                {
                    var (debit, credit) = await book.RunAsync(async (ctx, _) =>
                    {
                        var id = await ctx.Customers.Where(c => c.AccountNumber == customer).Select(c => c.Id).SingleAsync();
                        var open = await ctx.Documents.AsNoTracking()
                            .Where(d => d.CustomerId == id && d.ReversedAt == null && d.Amount > d.AllocatedAmount + d.WrittenOffAmount).ToListAsync();
                        return (open.Where(d => d.IsDebit).OrderBy(_ => rng.Next()).FirstOrDefault(), open.Where(d => !d.IsDebit).OrderBy(_ => rng.Next()).FirstOrDefault());
                    });
                    if (debit is null || credit is null)
                        break;
                    var amount = Math.Max(0.01m, Money.Round(Math.Min(debit.OpenAmount, credit.OpenAmount) * (rng.Next(2) == 0 ? 1m : 0.4m)));
                    // Often back-dated; a date before both documents exist is refused, which is fine.
                    DateOnly? date = rng.Next(3) == 0 ? null : today.AddDays(-rng.Next(0, 20));
                    await book.TryAllocateAsync(new Allocate(debit.Id, credit.Id, amount, date));
                    break;
                }
            case 7:
                {
                    var ids = await book.RunAsync((ctx, _) => ctx.Allocations.Where(a => a.ReversesAllocationId == null
                        && !ctx.Allocations.Any(r => r.ReversesAllocationId == a.Id)).Select(a => a.Id).ToListAsync());
                    if (ids.Count > 0)
                        await book.TryReverseAllocationAsync(ids[rng.Next(ids.Count)]);
                    break;
                }
            case 8:
                {
                    var invoice = await book.RunAsync((ctx, _) => ctx.Invoices.AsNoTracking()
                        .Where(d => d.ReversedAt == null && d.Amount > d.AllocatedAmount + d.WrittenOffAmount).OrderBy(d => d.Id).FirstOrDefaultAsync());
                    if (invoice is null)
                        break;
                    var proposed = await book.TryProposeWriteOffAsync(new ProposeWriteOff(invoice.Number, Math.Min(invoice.OpenAmount, 25m), "small balance"));
                    if (proposed.Succeeded)
                        await book.TryDecideWriteOffAsync(new DecideWriteOff(proposed.Value!.Id, true), "manager");
                    break;
                }
            default:
                {
                    var untouched = await book.RunAsync((ctx, _) => ctx.Documents.AsNoTracking()
                        .Where(d => d.ReversedAt == null && d.AllocatedAmount == 0 && d.WrittenOffAmount == 0).Select(d => d.Id).ToListAsync());
                    if (untouched.Count > 0)
                        await book.TryReverseDocumentAsync(untouched[rng.Next(untouched.Count)]);
                    break;
                }
        }
    }

    static decimal Amount(Random rng) => rng.Next(1000, 90000) / 100m;
}
