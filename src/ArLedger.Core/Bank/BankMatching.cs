using System.Text;
using ArLedger.Customers;
using ArLedger.Dunning;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArLedger.Bank;

/// <summary>
/// Milliseconds of each phase of matching: loading the open items the lines concern (and of that, the queries alone, its
/// floor; and how many items), matching in memory, posting the sure matches, keeping the proposals.
/// </summary>
public sealed record MatchPhases(PhaseTime Load, long LoadQueries, int Items, PhaseTime Match, PhaseTime Post, PhaseTime Propose)
{
    public static readonly MatchPhases None = new(default, 0, 0, default, default, default);
}

/// <summary>
/// Finds, for every credit line, who paid and for what: the document numbers the remittance texts name, the payer
/// (learned IBANs and names, then customers' names), and the amount of one open item or of a few of them. The best
/// candidate is kept as the line's proposal with its reasons; one scoring at least Bank:AutoPostScore is posted at once.
/// </summary>
public sealed class BankMatching(ArLedgerDbContext db, BankPosting posting, IOptions<BankOptions> bank, IOptions<DunningOptions> dunning)
{
    static readonly char[] Separators = [' ', '\t', '\n', '\r', ',', ';', '/', '+', '&', ':', '(', ')', '.', '*', '#'];

    /// <summary>Sure matches are posted this many lines to a transaction: large enough for the sets to pay, small enough to hold few locks long.</summary>
    internal const int PostingBatch = 500;

    IReadOnlyList<PaymentPart>? order;

    /// <summary>The configured payment order, read once for all the lines matched.</summary>
    IReadOnlyList<PaymentPart> Order => order ??= dunning.Value.Order();

    /// <summary>
    /// Matches the lines (credits waiting for a customer, debits that may refund one) and posts the sure ones; answers
    /// how long each phase took, for whoever watches how long the bank takes.
    /// </summary>
    public async Task<MatchPhases> MatchAsync(IReadOnlyCollection<long> lineIds, CancellationToken ct = default)
    {
        var clock = new PhaseClock();
        if (lineIds.Count == 0)
            return MatchPhases.None;
        var lines = await db.Set<BankLine>().AsNoTracking()
            .Where(l => lineIds.Contains(l.Id) && l.Status == BankLineStatus.ToIdentify
                && (l.Amount > 0 || (l.ReturnReason == null && !l.IsReversal))).OrderBy(l => l.Id).ToListAsync(ct);
        if (lines.Count == 0)
            return MatchPhases.None;
        var book = await OpenBook.LoadAsync(db, lines, ct);
        var loaded = clock.Next();
        var amounts = lines.ToDictionary(l => l.Id, l => l.Amount);
        var (sure, proposed) = Decide(lines, book);
        var matched = clock.Next();
        foreach (var batch in sure.Chunk(PostingBatch))
        {
            var left = (await posting.PostSureAsync(batch, ct)).ToHashSet();
            foreach (var (lineId, match) in batch.Where(b => left.Contains(b.LineId)))
            {
                // Alone, through the one-line path: it posts what still can be, or says why not and the line is proposed.
                var posted = await posting.ConfirmAsync(lineId, [new CustomerShare(match.CustomerId, amounts[lineId], match.Items)],
                    automatic: match, ct: ct);
                db.ChangeTracker.Clear();
                if (!posted.Succeeded)
                    proposed.Add((lineId, match));
            }
        }
        var postedAt = clock.Next();
        foreach (var batch in proposed.Chunk(PostingBatch))
            await ProposeAsync(batch, ct);
        return new MatchPhases(loaded, (long)book.QueryTime.TotalMilliseconds, book.ItemCount, matched, postedAt, clock.Next());
    }

    /// <summary>
    /// The best candidate of each line, sorted into the sure ones (money in, scoring at least Bank:AutoPostScore, for no
    /// more than the line) and those a clerk decides; each sure one's items count as paid for the lines after it.
    /// </summary>
    internal (List<(long LineId, MatchProposal Match)> Sure, List<(long LineId, MatchProposal Match)> Proposed) Decide(IReadOnlyList<BankLine> lines,
        OpenBook book)
    {
        var sure = new List<(long LineId, MatchProposal Match)>();
        var proposed = new List<(long LineId, MatchProposal Match)>();
        foreach (var line in lines)
        {
            if ((line.IsCredit ? Propose(line, book) : ProposeRefund(line, book)) is not { } best)
                continue;
            // Money out is never paid automatically: a refund waits for a clerk.
            if (line.IsCredit && best.Score >= bank.Value.AutoPostScore && best.Items.Sum(i => i.Amount) <= line.Amount)
            {
                // The next lines see these items as paid; one that cannot be posted after all is proposed instead.
                sure.Add((line.Id, best));
                book.Spend(best.Items);
            }
            else
                proposed.Add((line.Id, best));
        }
        return (sure, proposed);
    }

    /// <summary>Keeps the proposals of lines still waiting, one statement for the batch.</summary>
    async Task ProposeAsync(IReadOnlyList<(long LineId, MatchProposal Match)> batch, CancellationToken ct)
    {
        var ids = batch.Select(b => b.LineId).ToArray();
        var scores = batch.Select(b => b.Match.Score).ToArray();
        var customers = batch.Select(b => b.Match.CustomerId).ToArray();
        var proposals = batch.Select(b => b.Match.ToJson()).ToArray();
        var (waiting, proposed) = (nameof(BankLineStatus.ToIdentify), nameof(BankLineStatus.Proposed));
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            update bank_lines l set status = {proposed}, score = v.score, customer_id = v.customer_id, proposal = v.proposal::jsonb
              from unnest({ids}, {scores}, {customers}, {proposals}) as v(id, score, customer_id, proposal)
             where l.id = v.id and l.status = {waiting}
            """, ct);
    }

    /// <summary>
    /// A refund for a debit line that is not a returned payment: a customer the payer points to (IBAN, name, learned)
    /// has one unapplied credit (a credit note, an overpayment) of exactly the amount paid out; null otherwise.
    /// </summary>
    internal static MatchProposal? ProposeRefund(BankLine line, OpenBook book)
    {
        var candidates = new List<MatchProposal>();
        foreach (var (customerId, why) in book.Payers(line))
        {
            if (book.CreditsOf(customerId).Where(c => c.Open == -line.Amount).ToList() is not [var credit])
                continue;
            candidates.Add(Proposal(book.Customer(customerId), why.Score + 30,
                [why.Reason, new("the amount paid out is the unapplied credit of {0}, refunded", credit.Number)],
                [new ProposedItem(credit.Id, credit.Kind, credit.Number, -line.Amount)]));
        }
        return candidates.OrderByDescending(c => c.Score).FirstOrDefault();
    }

    /// <summary>The best candidate for a credit line, or null when nothing points to a customer.</summary>
    internal MatchProposal? Propose(BankLine line, OpenBook book)
    {
        var named = Tokens(TextsOf(line)).SelectMany(book.Named).Distinct().ToList();
        var payers = book.Payers(line);
        var candidates = new List<MatchProposal>();

        foreach (var group in named.GroupBy(d => d.CustomerId))
        {
            var customer = book.Customer(group.Key);
            var docs = group.ToList();
            var open = docs.Sum(d => d.Open);
            var numbers = string.Join(", ", docs.Select(d => d.Number));
            var reasons = new List<MatchReason> { new("{0} named in the remittance text", numbers) };
            int score;
            if (open == line.Amount)
            {
                reasons.Add(new("the amount is what they leave open, {0}", Money(open)));
                score = 100;
            }
            else if (Discounted(line, docs, book) is { } discounted)
            {
                reasons.Add(new("the amount is what they leave open less the {0} % early-payment discount, {1}", Percent(discounted.Percent), Money(discounted.Amount)));
                score = 85;
            }
            else
            {
                reasons.Add(new("the amount {0} differs from what they leave open, {1}", Money(line.Amount), Money(open)));
                score = 75;
            }
            if (payers.ContainsKey(group.Key))
            {
                reasons.Add(new("the payer is known for this customer"));
                score = Math.Min(100, score + 5);
            }
            candidates.Add(Proposal(customer, score, reasons, Spread(line, docs)));
        }

        foreach (var (customerId, why) in payers.Where(p => named.All(d => d.CustomerId != p.Key)).Select(p => (p.Key, p.Value)))
        {
            var customer = book.Customer(customerId);
            var items = book.OpenOf(customerId);
            var exact = items.Where(d => d.Open == line.Amount).ToList();
            if (exact.Count == 1)
                candidates.Add(Proposal(customer, why.Score + 30, [why.Reason, new("the amount is the open amount of {0}", exact[0].Number)], Spread(line, exact)));
            else if (items.Select(i => (Item: i, Discount: Discounted(line, [i], book))).FirstOrDefault(x => x.Discount is not null) is { Discount: { } discount } early)
                candidates.Add(Proposal(customer, why.Score + 25,
                    [why.Reason, new("the amount is the open amount of {0} less the {1} % early-payment discount", early.Item.Number, Percent(discount.Percent))],
                    Spread(line, [early.Item])));
            else if (Combination(items, line.Amount, bank.Value.CombinationItems) is { } combination)
                candidates.Add(Proposal(customer, why.Score + 20,
                    [why.Reason, new("the amount is what {0} leave open together", string.Join(", ", combination.Select(d => d.Number)))], Spread(line, combination)));
            else
                candidates.Add(Proposal(customer, why.Score, [why.Reason, new("no open item or combination of this amount")], []));
        }

        if (candidates.Count == 0 && book.OnlyItemOf(line.Amount) is { } only)
            candidates.Add(Proposal(book.Customer(only.CustomerId), 40, [new("the amount is the open amount of {0}, and of no other item", only.Number)],
                Spread(line, [only])));

        return candidates.OrderByDescending(c => c.Score).FirstOrDefault();
    }

    /// <summary>
    /// What the items come to less the early-payment discount the customer's terms grant, when the line pays that (to
    /// a cent per item, for the payer's rounding) within the discount's days of each document; null otherwise. The
    /// discount itself is left open on the items, for the credit note that grants it.
    /// </summary>
    static (decimal Amount, decimal Percent)? Discounted(BankLine line, IReadOnlyList<OpenItem> items, OpenBook book)
    {
        if (items.Count == 0 || book.Discount(items[0].CustomerId) is not { } terms || items.Any(i => line.ValueDate > i.DocumentDate.AddDays(terms.Days)))
            return null;
        var amount = items.Sum(i => Ledger.Money.Round(i.Open * (100 - terms.Percent) / 100));
        return Math.Abs(line.Amount - amount) <= 0.01m * items.Count ? (amount, terms.Percent) : null;
    }

    static MatchProposal Proposal(BookCustomer customer, int score, IReadOnlyList<MatchReason> reasons, IReadOnlyList<ProposedItem> items) =>
        new(customer.Id, customer.AccountNumber, customer.Name, score, reasons, items);

    /// <summary>The line's amount over the items in the configured payment order (fees, interest, principal), never over an item's open amount.</summary>
    IReadOnlyList<ProposedItem> Spread(BankLine line, IReadOnlyList<OpenItem> items) =>
        AllocationProposal.Propose(line.Amount, items.Select(i => new OpenDebit(i.Id, i.Kind, i.Number, i.DocumentDate, i.DueDate, i.Open)),
                Order, line.Remittance ?? line.Label)
            .Where(p => p.Amount > 0).Select(p => new ProposedItem(p.Debit.Id, p.Debit.Kind, p.Debit.Number, p.Amount)).ToList();

    /// <summary>A few of the customer's items (oldest due first, at most <paramref name="size"/>) that add up to the amount exactly.</summary>
    internal static IReadOnlyList<OpenItem>? Combination(IReadOnlyList<OpenItem> items, decimal amount, int size)
    {
        // Bounded: the 20 oldest items and up to `size` of them, a few thousand sums at most. The first combination in
        // the pool's order is the answer; the last item of one is looked up by its amount instead of tried one by one.
        var pool = items.Where(i => i.Open < amount).OrderBy(i => i.DueDate).Take(20).ToList();
        if (!MayAddUpTo(pool, amount, size))
            return null;
        var byOpen = new Dictionary<decimal, List<int>>();
        for (var i = 0; i < pool.Count; i++)
            (byOpen.TryGetValue(pool[i].Open, out var at) ? at : byOpen[pool[i].Open] = []).Add(i);
        var chosen = new List<OpenItem>();
        return Search(0, amount) ? chosen : null;

        bool Search(int from, decimal left)
        {
            if (left == 0)
                return chosen.Count >= 2;
            if (chosen.Count == size)
                return false;
            if (chosen.Count == size - 1)
            {
                // One item more at most: the first one from here whose amount is what is left, if that makes two or more.
                if (chosen.Count == 0 || !byOpen.TryGetValue(left, out var exact) || exact.FirstOrDefault(i => i >= from, -1) is not (>= 0 and var last))
                    return false;
                chosen.Add(pool[last]);
                return true;
            }
            for (var i = from; i < pool.Count; i++)
            {
                if (pool[i].Open > left)
                    continue;
                chosen.Add(pool[i]);
                if (Search(i + 1, left - pool[i].Open))
                    return true;
                chosen.RemoveAt(chosen.Count - 1);
            }
            return false;
        }
    }

    /// <summary>
    /// False when no two to <paramref name="size"/> distinct items of the pool can add up to the amount, so that the
    /// search need not run: most customers a payer's name points to are not the one who paid. The test is cheap (sums of
    /// pairs, sorted) and only ever rules out: items counted twice can make it answer true where the search finds nothing,
    /// and then the search decides. Beyond four items, or amounts that are not whole cents, it leaves the search to decide.
    /// </summary>
    static bool MayAddUpTo(List<OpenItem> pool, decimal amount, int size)
    {
        if (pool.Count < 2 || size < 2)
            return false;
        if (size > 4 || !Cents(amount, out var target))
            return true;
        var cents = new long[pool.Count];
        for (var i = 0; i < pool.Count; i++)
            if (!Cents(pool[i].Open, out cents[i]))
                return true;
        Array.Sort(cents);
        // The largest items together fall short, or the two smallest already go beyond.
        var largest = 0L;
        for (var i = cents.Length - 1; i >= Math.Max(0, cents.Length - size); i--)
            largest += cents[i];
        if (largest < target || cents[0] + cents[1] > target)
            return false;
        var pairs = new long[cents.Length * (cents.Length - 1) / 2];
        var n = 0;
        for (var i = 0; i < cents.Length; i++)
            for (var j = i + 1; j < cents.Length; j++)
                pairs[n++] = cents[i] + cents[j];
        Array.Sort(pairs);
        if (Array.BinarySearch(pairs, target) >= 0)
            return true;
        if (size >= 3)
            foreach (var single in cents)
                if (Array.BinarySearch(pairs, target - single) >= 0)
                    return true;
        if (size >= 4)
            for (int low = 0, high = pairs.Length - 1; low <= high;)
            {
                var sum = pairs[low] + pairs[high];
                if (sum == target)
                    return true;
                if (sum < target)
                    low++;
                else
                    high--;
            }
        return false;

        static bool Cents(decimal amount, out long cents)
        {
            var scaled = amount * 100;
            cents = scaled == decimal.Truncate(scaled) && Math.Abs(scaled) < long.MaxValue / 8 ? (long)scaled : 0;
            return scaled == cents;
        }
    }

    /// <summary>The texts of a line that may name documents: its label and its remittance information.</summary>
    internal static string TextsOf(BankLine line) => string.Join('\n', new[] { line.Label, line.Remittance }.Where(t => t is not null));

    /// <summary>The words of the texts that could be document numbers, as comparison keys ("FA-000123" and "FA123" alike).</summary>
    internal static IEnumerable<string> Tokens(string text) =>
        text.Split(Separators, StringSplitOptions.RemoveEmptyEntries)
            .Select(AllocationProposal.Key)
            .Where(k => k.Length >= 3 && k.Any(char.IsAsciiDigit))
            .Distinct();

    /// <summary>A name compared with others: capitals and digits only, legal forms left out.</summary>
    internal static string? NameKey(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        var words = name.Normalize(NormalizationForm.FormD).ToUpperInvariant()
            .Split([' ', '-', '.', ',', '\'', '&'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => string.Concat(w.Where(char.IsAsciiLetterOrDigit)))
            .Where(w => w.Length > 0 && w is not ("SARL" or "SA" or "SAS" or "SASU" or "EURL" or "SNC" or "SCI" or "STE" or "STES" or "ETS"));
        var key = string.Join(' ', words);
        return key.Length == 0 ? null : key;
    }

    static string Percent(decimal rate) => rate.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    static string Money(decimal amount) => amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
