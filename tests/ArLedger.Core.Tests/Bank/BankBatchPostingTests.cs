using ArLedger.Bank;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArLedger.Core.Tests.Bank;

/// <summary>
/// The sure matches of an import are posted in batches; a batch must write exactly what confirming each line alone
/// writes. The same book is built in two databases and the same statement imported into each, once posted by batch
/// and once line by line, and every row the postings touch is compared.
/// </summary>
public sealed class BankBatchPostingTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static readonly DateOnly Day = new(2026, 3, 13);
    const string PayerIban = "FR7630004000011234567890185";

    [Fact]
    public async Task A_batch_posts_the_same_documents_entries_allocations_balances_and_audit_events_as_confirming_each_line_alone()
    {
        // Two books of their own, so nothing another test of the class writes gets in the comparison.
        var (one, other) = (new TestDatabase(), new TestDatabase());
        await one.InitializeAsync();
        await other.InitializeAsync();
        try
        {
            var (batched, alone) = (new Book(one), new Book(other));
            var ibanA = await BuildAsync(batched);
            var ibanB = await BuildAsync(alone);
            Assert.Equal(ibanA, ibanB);

            // By batch: the import posts its sure matches itself.
            await new BankScenario(batched).ImportAsync(Statement(ibanA));
            // Line by line: nothing automatic, then each sure proposal confirmed alone as the import used to.
            var imported = (await new BankScenario(alone).ImportAsync(Statement(ibanB), autoPostScore: 101)).Single();
            foreach (var line in await new BankScenario(alone).LinesAsync(imported.Id))
            {
                if (MatchProposal.FromJson(line.Proposal) is not { Score: >= 90 } match)
                    continue;
                var posted = await new BankScenario(alone).RunAsync((_, posting, _) =>
                    posting.ConfirmAsync(line.Id, [new CustomerShare(match.CustomerId, line.Amount, match.Items)], automatic: match));
                Assert.True(posted.Succeeded, posted.Problem?.Message);
            }

            var (a, b) = (await SnapshotAsync(one.DataSource), await SnapshotAsync(other.DataSource));
            foreach (var table in a.Keys)
                Assert.True(a[table].SequenceEqual(b[table]),
                    $"{table} differs:\nbatch: {string.Join("\n       ", a[table].Except(b[table]))}\nalone: {string.Join("\n       ", b[table].Except(a[table]))}");
            var statuses = await batched.RunAsync((ctx, _) => ctx.Set<BankLine>().GroupBy(l => l.Status).Select(g => new { g.Key, N = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.N));
            Assert.Equal(5, statuses[BankLineStatus.Matched]);
            Assert.Equal(1, statuses[BankLineStatus.Proposed]);
            Assert.Empty(await batched.InvariantViolationsAsync());
        }
        finally
        {
            await one.DisposeAsync();
            await other.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_line_whose_invoice_another_payment_took_is_left_out_of_its_batch_and_the_others_are_posted()
    {
        var book = new Book(db);
        var bank = new BankScenario(book);
        var iban = await bank.AccountAsync();
        var customer = $"BB{Guid.NewGuid():N}"[..10].ToUpperInvariant();
        await book.CustomerAsync(customer);
        var taken = await book.InvoiceAsync(customer, 300m, number: $"T{customer}");
        var free = await book.InvoiceAsync(customer, 200m, number: $"U{customer}");
        var imported = (await bank.ImportAsync(BankScenario.Camt(iban, Day, [new(300m, "ECHO", Text: taken.Number), new(200m, "ECHO", Text: free.Number)]),
            autoPostScore: 101)).Single();
        var lines = await bank.LinesAsync(imported.Id);
        // A clerk's payment took the first invoice after the lines were matched.
        await book.AllocateAsync(taken.Id, (await book.PaymentAsync(customer, 300m)).Id, 300m);

        var left = await bank.RunAsync((_, posting, _) =>
            posting.PostSureAsync(lines.Select(l => (l.Id, MatchProposal.FromJson(l.Proposal)!)).ToList(), CancellationToken.None));

        Assert.Equal([lines[0].Id], left);
        var after = await bank.LinesAsync(imported.Id);
        Assert.Equal([BankLineStatus.Proposed, BankLineStatus.Matched], after.Select(l => l.Status));
        Assert.Equal((0m, 0m), ((await bank.DocumentAsync(taken.Id)).OpenAmount, (await bank.DocumentAsync(free.Id)).OpenAmount));
        Assert.Equal(0, await book.RunAsync((ctx, _) => ctx.Payments.CountAsync(p => p.ExternalId == $"bank-line:{lines[0].Id}")));
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    /// <summary>The same customers, invoices and bank account in any fresh copy of the template, in the same order.</summary>
    static async Task<string> BuildAsync(Book book)
    {
        var made = await book.RunAsync((ctx, actor) =>
            new BankAccounts(ctx, book.Clock.Calendar, actor).CreateAsync(new CreateBankAccount("Compte", "EUR", "FR7630004000031234567890143")));
        Assert.True(made.Succeeded, made.Problem?.Message);
        await book.CustomerAsync("C001");
        await book.CustomerAsync("C002");
        await book.CustomerAsync("C003");
        foreach (var (customer, number, amount) in new[]
                 {
                     ("C001", "F1001", 120m), ("C001", "F1002", 80.50m), ("C001", "F1003", 99.50m), ("C002", "F2001", 640m),
                     ("C002", "F2002", 410.25m), ("C003", "F3001", 1_000m), ("C003", "F3002", 55m), ("C003", "F3003", 70m),
                 })
            await book.InvoiceAsync(customer, amount, date: Day.AddDays(-20), number: number);
        return made.Value!.Iban!;
    }

    static byte[] Statement(string iban) => BankScenario.Camt(iban, Day,
    [
        new(300m, "DURANCIA", PayerIban, "F1001 F1002+F1003"),
        new(640m, "GROUPE GAMMA", PayerIban, "facture F2001"),
        new(410.25m, "GROUPE GAMMA", PayerIban, "F2002"),
        new(1_000m, "ALPHA SARL", Text: "F3001"),
        new(55m, "ALPHA SARL", Text: "reglement F3002"),
        // Names an invoice but pays less than it leaves open: proposed, not posted.
        new(50m, "BETA", Text: "F3003"),
    ]);

    /// <summary>Every row the bank postings write or change, without the surrogate ids that differ between two books.</summary>
    static async Task<Dictionary<string, List<string>>> SnapshotAsync(NpgsqlDataSource source)
    {
        var queries = new Dictionary<string, string>
        {
            ["documents"] = """
                select kind, number, customer_id, external_id, document_date, currency, amount, allocated_amount, written_off_amount,
                       reference, description, reversed_at, created_at, created_by, due_date, method, value_date from documents
                """,
            ["ledger_entries"] = """
                select e.customer_id, e.entry_date, e.posted_at, e.kind, d.number, e.debit, e.credit, e.currency, e.description, e.created_by
                  from ledger_entries e left join documents d on d.id = e.document_id
                """,
            ["allocations"] = """
                select a.customer_id, dd.number, cd.number, a.amount, a.allocation_date, a.external_id, a.created_at, a.created_by
                  from allocations a join documents dd on dd.id = a.debit_document_id join documents cd on cd.id = a.credit_document_id
                """,
            ["customer_balances"] = "select * from customer_balances",
            ["external_requests"] = """
                select r.kind, r.external_id, r.body_hash, case when r.kind = 'payment' then d.number end, r.received_at
                  from external_requests r left join documents d on d.id = r.resource_id
                """,
            ["bank_lines"] = "select id, status, customer_id, score, proposal, note, settled_at, settled_by from bank_lines",
            ["bank_line_postings"] = """
                select p.bank_line_id, p.customer_id, d.number, p.amount, p.automatic, p.created_at, p.created_by, p.reversed_at
                  from bank_line_postings p join documents d on d.id = p.payment_id
                """,
            ["bank_payers"] = "select customer_id, iban, name_key, learned_at, learned_by from bank_payers",
            ["audit_events"] = """
                select occurred_at, actor, action, entity_type, case when entity_type in ('Payment', 'Allocation') then null else entity_id end,
                       customer_id, before, after, remote_address from audit_events
                """,
        };
        var snapshot = new Dictionary<string, List<string>>();
        await using var connection = await source.OpenConnectionAsync();
        foreach (var (table, sql) in queries)
        {
            await using var cmd = new NpgsqlCommand($"select x::text as row from ({sql}) x order by row", connection);
            await using var reader = await cmd.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
                rows.Add(reader.GetString(0));
            snapshot[table] = rows;
        }
        return snapshot;
    }
}
