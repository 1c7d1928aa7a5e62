using System.Diagnostics;
using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArLedger.Bank;

/// <summary>An open debit (invoice, fee, interest, refund) as matching sees it.</summary>
public sealed record OpenItem(long Id, long CustomerId, DocumentKind Kind, string Number, DateOnly DocumentDate, DateOnly DueDate, decimal Open);

/// <summary>A customer as matching names it: who, and the terms an early-payment discount comes from.</summary>
public sealed record BookCustomer(long Id, string AccountNumber, string Name, long PaymentTermsId);

/// <summary>
/// What matching a batch of lines reads, loaded once per batch, then every line is matched in memory: the customers, the
/// learned payers the lines' IBANs and names point to, and the open items the lines can concern, which are those of
/// the customers their payers point to, those whose number their texts name, and those of exactly the amount of a line
/// pointing to no customer (the only ones <see cref="Named"/>, <see cref="OpenOf"/> and <see cref="OnlyItemOf"/> can
/// answer with), not the whole open book; with the unapplied credits of the customers money out may refund.
/// </summary>
sealed class OpenBook
{
    readonly Dictionary<long, BookCustomer> customers;
    readonly Dictionary<string, List<OpenItem>> byKey = new(StringComparer.Ordinal);
    readonly Dictionary<long, List<OpenItem>> byCustomer = [];
    readonly Dictionary<decimal, List<OpenItem>> byAmount = [];
    readonly Dictionary<string, List<long>> customersByName = new(StringComparer.Ordinal);
    readonly List<BankPayer> payers;
    readonly Dictionary<long, decimal> spent = [];
    readonly Dictionary<long, PaymentTerms> discounts;
    readonly Dictionary<long, List<OpenItem>> creditsByCustomer = [];

    OpenBook(List<BookCustomer> customers, List<BankPayer> payers, List<PaymentTerms> discounting)
    {
        this.customers = customers.ToDictionary(c => c.Id);
        discounts = discounting.ToDictionary(t => t.Id);
        this.payers = payers;
        foreach (var c in customers)
            if (BankMatching.NameKey(c.Name) is { } key)
                Add(customersByName, key, c.Id);
    }

    /// <summary>How many open items were loaded.</summary>
    internal int ItemCount { get; private set; }

    /// <summary>The time the load spent in its queries, reading their rows: the floor of the load.</summary>
    internal TimeSpan QueryTime { get; private set; }

    /// <summary>
    /// Loads what matching the lines reads. With <paramref name="whole"/>, every open item and unapplied credit of the
    /// lines' currencies instead: the reference the narrowed load gives the same proposals as (a test compares them).
    /// </summary>
    public static async Task<OpenBook> LoadAsync(ArLedgerDbContext db, IReadOnlyList<BankLine> lines, CancellationToken ct, bool whole = false)
    {
        var queries = Stopwatch.StartNew();
        var currencies = lines.Select(l => l.Currency).Distinct().ToArray();
        var customers = await db.Customers.AsNoTracking().Where(c => currencies.Contains(c.Currency)).OrderBy(c => c.Id)
            .Select(c => new BookCustomer(c.Id, c.AccountNumber, c.Name, c.PaymentTermsId)).ToListAsync(ct);
        var ibans = lines.Select(l => l.CounterpartyIban).OfType<string>().Distinct().ToList();
        var names = lines.Select(l => BankMatching.NameKey(l.CounterpartyName)).OfType<string>().Distinct().ToList();
        var payers = await db.Set<BankPayer>().AsNoTracking()
            .Where(p => whole || (p.Iban != null && ibans.Contains(p.Iban)) || (p.NameKey != null && names.Contains(p.NameKey)))
            .OrderBy(p => p.Id).ToListAsync(ct);
        var discounting = await db.PaymentTerms.AsNoTracking().Where(t => t.DiscountDays != null && t.DiscountPercent > 0).ToListAsync(ct);
        queries.Stop();
        var book = new OpenBook(customers, payers, discounting);

        var (credits, debits) = (lines.Where(l => l.IsCredit).ToList(), lines.Where(l => !l.IsCredit).ToList());
        // A line whose payer points to a customer always has a candidate, so only a line pointing nowhere is matched by
        // its amount alone (OnlyItemOf), and only such lines' amounts need their items.
        var pointed = credits.Select(l => (Line: l, Customers: book.Payers(l).Keys)).ToList();
        var concerns = new Concerns(
            pointed.SelectMany(p => p.Customers).Distinct().ToArray(),
            credits.SelectMany(l => BankMatching.Tokens(BankMatching.TextsOf(l))).Distinct().ToArray(),
            pointed.Where(p => p.Customers.Count == 0).Select(p => p.Line.Amount).Distinct().ToArray());
        await using var connection = await ContextConnection.OpenAsync(db, ct);
        queries.Start();
        var items = whole
            ? await ReadAsync(connection.Connection, WholeBookSql, [currencies], ct)
            : await ReadAsync(connection.Connection, ConcernedSql, [currencies, concerns.Customers, concerns.Keys, concerns.Amounts], ct);
        queries.Stop();
        foreach (var item in items)
        {
            Add(book.byKey, AllocationProposal.Key(item.Number), item);
            Add(book.byCustomer, item.CustomerId, item);
            Add(book.byAmount, item.Open, item);
            book.ItemCount++;
        }
        // Unapplied credits (credit notes, overpayments) are what money paid out to a customer can refund.
        if (debits.Count > 0)
        {
            var refunded = debits.SelectMany(l => book.Payers(l).Keys).Distinct().ToArray();
            queries.Start();
            var found = whole
                ? await ReadAsync(connection.Connection, WholeCreditsSql, [currencies], ct)
                : await ReadAsync(connection.Connection, ConcernedCreditsSql, [currencies, refunded], ct);
            queries.Stop();
            foreach (var credit in found)
                Add(book.creditsByCustomer, credit.CustomerId, credit);
        }
        book.QueryTime = queries.Elapsed;
        return book;
    }

    /// <summary>What the lines can concern: the customers their payers point to, the keys of the numbers their texts name, their amounts.</summary>
    sealed record Concerns(long[] Customers, string[] Keys, decimal[] Amounts);

    // The open debits, as ix_documents_open_debits and the two indexes of 0029 select them (the same predicate, so the
    // planner takes them), in id order so that matching meets them in the same order whichever way they are loaded.
    const string OpenDebit = """
        select id, customer_id, kind, number, document_date, due_date, amount - allocated_amount - written_off_amount
        from documents
        where reversed_at is null and kind in ('Invoice', 'Fee', 'Interest', 'Refund') and allocated_amount + written_off_amount < amount
          and currency = any($1)
        """;

    const string ConcernedSql = $"""
        {OpenDebit} and customer_id = any($2)
        union
        {OpenDebit} and document_number_key(number) = any($3)
        union
        {OpenDebit} and amount - allocated_amount - written_off_amount = any($4)
        order by id
        """;

    const string WholeBookSql = $"{OpenDebit} order by id";

    // Credits carry no write-off, so their open amount is amount - allocated; the third term lets ix_documents_open serve.
    const string Credit = """
        select id, customer_id, kind, number, document_date, document_date, amount - allocated_amount
        from documents
        where reversed_at is null and kind in ('Payment', 'CreditNote') and amount - allocated_amount > 0
          and amount - allocated_amount - written_off_amount <> 0 and currency = any($1)
        """;

    const string ConcernedCreditsSql = $"{Credit} and customer_id = any($2) order by id";

    const string WholeCreditsSql = $"{Credit} order by id";

    static async Task<List<OpenItem>> ReadAsync(NpgsqlConnection connection, string sql, IReadOnlyList<object> values, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        var items = new List<OpenItem>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            items.Add(new OpenItem(r.GetInt64(0), r.GetInt64(1), Enum.Parse<DocumentKind>(r.GetString(2)), r.GetString(3),
                r.GetFieldValue<DateOnly>(4), r.GetFieldValue<DateOnly>(5), r.GetDecimal(6)));
        return items;
    }

    public BookCustomer Customer(long id) => customers[id];

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
