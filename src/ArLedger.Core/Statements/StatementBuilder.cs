using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Statements;

/// <summary>
/// Reads what a statement says from the ledger: the balance brought forward, the month's entries, the balance
/// carried forward, and the open items at the end of the period (which add up to that closing balance).
/// </summary>
public sealed class StatementBuilder(ArLedgerDbContext db, CustomerLedger ledger, OpenItems openItems)
{
    public async Task<Statement?> BuildAsync(long customerId, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        (await BuildAsync([customerId], from, to, ct)).SingleOrDefault();

    /// <summary>
    /// The statements of many customers in four queries whatever their number (a run's batch), in the order of the
    /// ids given; an id with no customer has no statement.
    /// </summary>
    public async Task<IReadOnlyList<Statement>> BuildAsync(IReadOnlyCollection<long> customerIds, DateOnly from, DateOnly to,
        CancellationToken ct = default)
    {
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var found = customerIds.Where(customers.ContainsKey).Distinct().ToList();
        if (found.Count == 0)
            return [];
        var views = await ledger.ReadAsync(found, from, to, ct);
        var items = await openItems.AsOfAsync(found, to, ct);
        return [.. found.Select(id =>
        {
            var c = customers[id];
            var view = views[id];
            var open = items[id].ToList();
            var address = new[] { c.Name, c.BillingAddress.Line1, c.BillingAddress.Line2,
                    $"{c.BillingAddress.PostalCode} {c.BillingAddress.City}".Trim(), c.BillingAddress.Country == "FR" ? null : c.BillingAddress.Country }
                .Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!).ToList();
            return new Statement(
                new StatementCustomer(c.Id, c.AccountNumber, c.Name, address, c.Language, c.Currency, c.StatementEmail),
                from, to, view.OpeningBalance, view.Lines, view.ClosingBalance, open, StatementAging.Of(open));
        })];
    }

    /// <summary>The customers a monthly run states: a balance at the end of the month, or any entry in it.</summary>
    public async Task<IReadOnlyList<long>> CustomersToStateAsync(StatementMonth month, CancellationToken ct = default)
    {
        var from = month.From;
        var to = month.To;
        return await db.LedgerEntries.AsNoTracking()
            .Where(e => e.EntryDate <= to)
            .GroupBy(e => e.CustomerId)
            .Where(g => g.Sum(e => e.Debit - e.Credit) != 0 || g.Any(e => e.EntryDate >= from))
            .Select(g => g.Key)
            .OrderBy(id => id)
            .ToListAsync(ct);
    }
}
