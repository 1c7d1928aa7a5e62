using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Bank;

/// <summary>An open debit (invoice, fee, interest) as matching sees it.</summary>
public sealed record OpenItem(long Id, long CustomerId, DocumentKind Kind, string Number, DateOnly DocumentDate, DateOnly DueDate, decimal Open);

/// <summary>
/// The open items, customers and learned payers that matching a batch of lines reads, loaded once per batch: one read of
/// the book, then every line is matched in memory.
/// </summary>
sealed class OpenBook
{
    readonly Dictionary<long, Customer> customers;
    readonly Dictionary<string, List<OpenItem>> byKey = new(StringComparer.Ordinal);
    readonly Dictionary<long, List<OpenItem>> byCustomer = [];
    readonly Dictionary<decimal, List<OpenItem>> byAmount = [];
    readonly Dictionary<string, List<long>> customersByName = new(StringComparer.Ordinal);
    readonly List<BankPayer> payers;
    readonly Dictionary<long, decimal> spent = [];
    readonly Dictionary<long, PaymentTerms> discounts;
    readonly Dictionary<long, List<OpenItem>> creditsByCustomer = [];

    OpenBook(List<Customer> customers, List<OpenItem> items, List<OpenItem> credits, List<BankPayer> payers, List<PaymentTerms> discounting)
    {
        foreach (var credit in credits)
            Add(creditsByCustomer, credit.CustomerId, credit);
        this.customers = customers.ToDictionary(c => c.Id);
        discounts = discounting.ToDictionary(t => t.Id);
        this.payers = payers;
        foreach (var item in items)
        {
            Add(byKey, AllocationProposal.Key(item.Number), item);
            Add(byCustomer, item.CustomerId, item);
            Add(byAmount, item.Open, item);
        }
        foreach (var c in customers)
            if (BankMatching.NameKey(c.Name) is { } key)
                Add(customersByName, key, c.Id);
    }

    public static async Task<OpenBook> LoadAsync(ArLedgerDbContext db, IReadOnlyList<BankLine> lines, CancellationToken ct)
    {
        var currencies = lines.Select(l => l.Currency).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => currencies.Contains(c.Currency)).ToListAsync(ct);
        var items = await db.Documents.OfType<DebitDocument>().AsNoTracking()
            .Where(d => currencies.Contains(d.Currency) && d.ReversedAt == null && d.Amount - d.AllocatedAmount - d.WrittenOffAmount > 0)
            .Select(d => new OpenItem(d.Id, d.CustomerId, d.Kind, d.Number, d.DocumentDate, d.DueDate, d.Amount - d.AllocatedAmount - d.WrittenOffAmount))
            .ToListAsync(ct);
        // Unapplied credits (credit notes, overpayments) are what money paid out to a customer can refund.
        var credits = lines.Any(l => !l.IsCredit)
            ? await db.Documents.AsNoTracking()
                .Where(d => (d.Kind == DocumentKind.Payment || d.Kind == DocumentKind.CreditNote) && currencies.Contains(d.Currency)
                    && d.ReversedAt == null && d.Amount - d.AllocatedAmount > 0)
                .Select(d => new OpenItem(d.Id, d.CustomerId, d.Kind, d.Number, d.DocumentDate, d.DocumentDate, d.Amount - d.AllocatedAmount))
                .ToListAsync(ct)
            : [];
        var payers = await db.Set<BankPayer>().AsNoTracking().ToListAsync(ct);
        var discounting = await db.PaymentTerms.AsNoTracking().Where(t => t.DiscountDays != null && t.DiscountPercent > 0).ToListAsync(ct);
        return new OpenBook(customers, items, credits, payers, discounting);
    }

    public Customer Customer(long id) => customers[id];

    /// <summary>The early-payment discount the customer's terms grant (days after the document date, percent), or null.</summary>
    public (int Days, decimal Percent)? Discount(long customerId) =>
        discounts.TryGetValue(customers[customerId].PaymentTermsId, out var t) ? (t.DiscountDays!.Value, t.DiscountPercent!.Value) : null;

    /// <summary>The open items whose number has this comparison key.</summary>
    public IEnumerable<OpenItem> Named(string key) => byKey.TryGetValue(key, out var items) ? Live(items) : [];

    public IReadOnlyList<OpenItem> OpenOf(long customerId) => byCustomer.TryGetValue(customerId, out var items) ? Live(items).ToList() : [];

    /// <summary>The customer's unapplied credits (credit notes, payments) with what is left of each.</summary>
    public IReadOnlyList<OpenItem> CreditsOf(long customerId) => creditsByCustomer.TryGetValue(customerId, out var items) ? Live(items).ToList() : [];

    /// <summary>The one open item in the book with this open amount, or null when none or several have it.</summary>
    public OpenItem? OnlyItemOf(decimal amount) =>
        byAmount.TryGetValue(amount, out var items) && Live(items).Take(2).ToList() is [var only] ? only : null;

    /// <summary>The customers the line's payer points to, each with how sure and why: a learned IBAN, a learned name, a customer's name.</summary>
    public Dictionary<long, (int Score, MatchReason Reason)> Payers(BankLine line)
    {
        var found = new Dictionary<long, (int, MatchReason)>();
        var name = BankMatching.NameKey(line.CounterpartyName);
        foreach (var p in payers.Where(p => line.CounterpartyIban is not null && p.Iban == line.CounterpartyIban))
            found.TryAdd(p.CustomerId, (55, new MatchReason("the payer's IBAN {0} paid for this customer before", line.CounterpartyIban!)));
        foreach (var p in payers.Where(p => name is not null && p.NameKey == name))
            found.TryAdd(p.CustomerId, (50, new MatchReason("the payer {0} paid for this customer before", line.CounterpartyName!)));
        if (name is not null && customersByName.TryGetValue(name, out var ids))
            foreach (var id in ids)
                found.TryAdd(id, (45, new MatchReason("the payer's name {0} is the customer's", line.CounterpartyName!)));
        return found;
    }

    /// <summary>Lowers the items a posting just paid, so the next lines of the batch see what is still open.</summary>
    public void Spend(IEnumerable<ProposedItem> items)
    {
        foreach (var item in items)
            spent[item.DocumentId] = spent.GetValueOrDefault(item.DocumentId) + item.Amount;
    }

    IEnumerable<OpenItem> Live(IEnumerable<OpenItem> items) =>
        items.Select(i => spent.TryGetValue(i.Id, out var s) ? i with { Open = i.Open - s } : i).Where(i => i.Open > 0);

    static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = [];
        list.Add(value);
    }
}
