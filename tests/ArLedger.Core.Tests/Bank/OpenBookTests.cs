using ArLedger.Bank;
using ArLedger.Dunning;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenItem = ArLedger.Bank.OpenItem;

namespace ArLedger.Core.Tests.Bank;

/// <summary>
/// Matching reads only the open items a statement can concern, not the whole open book; it must decide every line as
/// it would with the whole book in memory. A statement that uses every way of pointing to an item is decided both
/// ways on the same data, and the decisions compared.
/// </summary>
public sealed class OpenBookTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static readonly DateOnly Day = new(2026, 3, 13);

    [Fact]
    public async Task The_items_a_statement_can_concern_give_the_same_proposals_and_sure_matches_as_the_whole_open_book()
    {
        var book = new Book(db);
        var bank = new BankScenario(book);
        await book.RunAsync((ctx, _) => ctx.Database.ExecuteSqlRawAsync("""
            insert into payment_terms (code, name, days, end_of_month, discount_days, discount_percent)
            values ('ESC2', '2 % à 10 jours, 30 jours net', 30, 'None', 10, 2) on conflict do nothing
            """));
        var iban = await bank.AccountAsync();
        var learnedIban = BankScenario.NewIban();
        foreach (var account in new[] { "OB-ALPHA", "OB-BETA", "OB-GAMMA", "OB-DELTA", "OB-HOLD", "OB-REFUND" })
            await book.CustomerAsync(account, terms: account == "OB-BETA" ? "ESC2" : "NET30");
        await book.CustomerAsync("OB-DOLLAR", currency: "USD");
        await book.InvoiceAsync("OB-ALPHA", 120m, Day.AddDays(-20), "OBA-000101");
        await book.InvoiceAsync("OB-ALPHA", 80.50m, Day.AddDays(-20), "OBA-000102");
        await book.InvoiceAsync("OB-ALPHA", 99.50m, Day.AddDays(-19), "OBA-000103");
        await book.InvoiceAsync("OB-BETA", 1_000m, Day.AddDays(-5), "OBB-1");
        await book.InvoiceAsync("OB-GAMMA", 40m, Day.AddDays(-30), "OBG-1");
        await book.InvoiceAsync("OB-GAMMA", 60m, Day.AddDays(-29), "OBG-2");
        await book.InvoiceAsync("OB-GAMMA", 75m, Day.AddDays(-28), "OBG-3");
        await book.InvoiceAsync("OB-DELTA", 4_321.09m, Day.AddDays(-10), "OBD-1");
        await book.InvoiceAsync("OB-DELTA", 777.77m, Day.AddDays(-10), "OBD-2");
        await book.InvoiceAsync("OB-HOLD", 777.77m, Day.AddDays(-9), "OBH-1");
        await book.InvoiceAsync("OB-HOLD", 310m, Day.AddDays(-9), "OBH-2");
        await book.InvoiceAsync("OB-DOLLAR", 120m, Day.AddDays(-20), "OBA-101");
        await book.CreditNoteAsync("OB-REFUND", 150m);
        // Customers the statement does not concern, whose items the narrowed load leaves out.
        for (var n = 0; n < 12; n++)
        {
            await book.CustomerAsync($"OB-OTHER{n}");
            await book.InvoiceAsync($"OB-OTHER{n}", 200m + n, Day.AddDays(-15), $"OBO-{n}");
        }
        var hold = await book.RunAsync((ctx, _) => ctx.Customers.SingleAsync(c => c.AccountNumber == "OB-HOLD"));
        await book.RunAsync(async (ctx, _) =>
        {
            ctx.Set<BankPayer>().Add(new BankPayer { CustomerId = hold.Id, Iban = learnedIban, LearnedAt = book.Clock.GetUtcNow(), LearnedBy = "test" });
            return await ctx.SaveChangesAsync();
        });

        var imported = (await bank.ImportAsync(BankScenario.Camt(iban, Day,
        [
            new(120m, "PAYEUR", Text: "facture oba101"), // the number written another way
            new(120m, "PAYEUR", Text: "OBA-000101"), // the same invoice again: paid by the line before
            new(180m, "CLIENT OB-ALPHA", Text: "OBA-000102+OBA-000103"), // two numbers, what they leave open
            new(980m, "CLIENT OB-BETA", Text: "OBB-1"), // less the early-payment discount
            new(100m, "CLIENT OB-GAMMA"), // no number: a combination of the customer's items
            new(4_321.09m, "INCONNU"), // the amount of one item in the book and of no other
            new(777.77m, "INCONNU"), // the amount of two items: nothing to propose
            new(310m, "HOLDING", learnedIban), // a payer learned by its IBAN
            new(-150m, "CLIENT OB-REFUND", Text: "REMBOURSEMENT AVOIR"), // money out refunding a credit note
            new(55m, "PERSONNE"), // nothing points anywhere
        ]), autoPostScore: 101)).Single();

        var (narrowed, whole) = await book.RunAsync(async (ctx, actor) =>
        {
            var lines = await ctx.Set<BankLine>().AsNoTracking().Where(l => l.BankStatementId == imported.Id).OrderBy(l => l.Id).ToListAsync();
            var allocations = new Allocations(ctx, book.Clock.Calendar, actor);
            var posting = new BankPosting(ctx, book.Clock.Calendar, actor, new RecordPaymentHandler(ctx, book.Clock.Calendar, actor, allocations),
                allocations, new ReverseDocumentHandler(ctx, book.Clock.Calendar, actor));
            var matching = new BankMatching(ctx, posting, Options.Create(new BankOptions()), Options.Create(new DunningOptions()));
            var (narrowBook, wholeBook) = (await OpenBook.LoadAsync(ctx, lines, default), await OpenBook.LoadAsync(ctx, lines, default, whole: true));
            Assert.True(narrowBook.ItemCount < wholeBook.ItemCount, $"{narrowBook.ItemCount} items loaded of {wholeBook.ItemCount}");
            return (matching.Decide(lines, narrowBook), matching.Decide(lines, wholeBook));
        });

        Assert.Equal(Describe(whole.Sure), Describe(narrowed.Sure));
        Assert.Equal(Describe(whole.Proposed), Describe(narrowed.Proposed));
        // Every way of pointing to an item was taken, so the comparison covers each.
        var reasons = whole.Sure.Concat(whole.Proposed).SelectMany(d => d.Match.Reasons).Select(r => r.Text).ToList();
        Assert.Contains("the amount is what they leave open less the {0} % early-payment discount, {1}", reasons);
        Assert.Contains("the amount is what {0} leave open together", reasons);
        Assert.Contains("the amount is the open amount of {0}, and of no other item", reasons);
        Assert.Contains("the payer's IBAN {0} paid for this customer before", reasons);
        Assert.Contains("the amount paid out is the unapplied credit of {0}, refunded", reasons);
        Assert.Equal(3, whole.Sure.Count);
    }

    [Theory]
    [InlineData("FA-000123")]
    [InlineData("fa123")]
    [InlineData("F000")]
    [InlineData("2026-0042/01")]
    [InlineData("A0B00C7")]
    [InlineData("Avoir n° 0012-é")]
    public async Task The_databases_number_key_is_the_key_matching_compares_numbers_by(string number)
    {
        var key = await new Book(db).RunAsync((ctx, _) =>
            ctx.Database.SqlQuery<string>($"select document_number_key({number}) as \"Value\"").SingleAsync());
        Assert.Equal(AllocationProposal.Key(number), key);
    }

    [Fact]
    public void The_combination_found_is_the_first_an_exhaustive_search_of_the_pool_finds()
    {
        var random = new Random(20_260_316);
        for (var run = 0; run < 2_000; run++)
        {
            // Few distinct amounts, so that sums coincide often and the order decides which combination is the answer.
            var items = Enumerable.Range(0, random.Next(1, 26)).Select(n => new OpenItem(n + 1, 1, DocumentKind.Invoice, $"F{n}", Day,
                Day.AddDays(random.Next(60)), random.Next(1, 12) * 10m + (random.Next(3) == 0 ? 0.5m : 0m))).ToList();
            var amount = random.Next(2, 60) * 10m + (random.Next(4) == 0 ? 1m : 0m);
            var size = random.Next(1, 6);
            Assert.Equal(Exhaustive(items, amount, size)?.Select(i => i.Id), BankMatching.Combination(items, amount, size)?.Select(i => i.Id));
        }
    }

    /// <summary>The search as first written: every item tried at every depth, in the pool's order.</summary>
    static List<OpenItem>? Exhaustive(IReadOnlyList<OpenItem> items, decimal amount, int size)
    {
        var pool = items.Where(i => i.Open < amount).OrderBy(i => i.DueDate).Take(20).ToList();
        var chosen = new List<OpenItem>();
        return Search(0, amount) ? chosen : null;

        bool Search(int from, decimal left)
        {
            if (left == 0)
                return chosen.Count >= 2;
            if (chosen.Count == size)
                return false;
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

    static List<string> Describe(List<(long LineId, MatchProposal Match)> decided) => decided.Select(d => $"{d.LineId}: {d.Match.ToJson()}").ToList();
}
