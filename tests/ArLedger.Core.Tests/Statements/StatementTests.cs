using ArLedger.Core.Tests.Documents;
using ArLedger.Documents;
using ArLedger.Jobs;
using ArLedger.Ledger;
using ArLedger.Seeding;
using ArLedger.Statements;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Core.Tests.Statements;

public sealed class StatementTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero));

    async Task SeedOnceAsync()
    {
        await using var ctx = db.CreateContext();
        if (!await ctx.Customers.AnyAsync())
            await new Seeder(db.DataSource, Clock.Calendar).SeedDemoAsync();
    }

    [Fact]
    public async Task Opening_plus_debits_minus_credits_is_the_closing_balance_and_the_sum_of_open_items_for_every_customer_and_month()
    {
        await SeedOnceAsync();
        await using var services = StatementScenario.Services(db, Clock);
        var checkedStatements = 0;
        foreach (var month in new[] { new StatementMonth(2025, 6), new StatementMonth(2025, 12), new StatementMonth(2026, 2) })
        {
            await using var scope = services.CreateAsyncScope();
            var builder = scope.ServiceProvider.GetRequiredService<StatementBuilder>();
            foreach (var customerId in await builder.CustomersToStateAsync(month))
            {
                var s = (await builder.BuildAsync(customerId, month.From, month.To))!;
                Assert.Equal(s.ClosingBalance, s.OpeningBalance + s.Debits - s.Credits);
                Assert.True(s.ClosingBalance == s.OpenItems.Sum(i => i.Open),
                    $"customer {s.Customer.AccountNumber} {month.Key}: closing {s.ClosingBalance}, open items {s.OpenItems.Sum(i => i.Open)}");
                Assert.Equal(s.ClosingBalance, s.Aging.Total);
                checkedStatements++;
            }
        }
        Assert.True(checkedStatements > 300, $"only {checkedStatements} statements checked");
    }

    [Fact]
    public async Task A_run_stopped_after_some_customers_and_resumed_issues_one_statement_and_one_email_per_customer()
    {
        await SeedOnceAsync();
        var month = new StatementMonth(2026, 1);
        // Batches of 50, two at a time: the first two are issued whole; then rendering fails part-way, and a batch
        // not rendered whole is written not at all, nor are the batches after it.
        var failing = new FailingAfter(150);
        await using (var crashing = StatementScenario.Services(db, Clock, s => s.AddSingleton<IPdfRenderer>(sp => failing.Wrap(sp))))
        {
            var first = await crashing.GetRequiredService<IStatementRun>().RunAsync(month.To, "test", CancellationToken.None);
            Assert.Equal(RunStatus.Failed, first.Status);
            Assert.True(first.Done is 100 or 150, $"{first.Done} done");
            Assert.True(first.Done < first.Total);
        }

        await using var services = StatementScenario.Services(db, Clock);
        var resumed = await services.GetRequiredService<IStatementRun>().RunAsync(month.To.AddDays(1), "test", CancellationToken.None);
        var again = await services.GetRequiredService<IStatementRun>().RunAsync(month.To.AddDays(3), "test", CancellationToken.None);

        Assert.Equal(RunStatus.Completed, resumed.Status);
        Assert.Equal(resumed.Total, resumed.Done);
        Assert.Equal(resumed.Id, again.Id);
        await using var ctx = db.CreateContext();
        var stated = await services.CreateScope().ServiceProvider.GetRequiredService<StatementBuilder>().CustomersToStateAsync(month);
        var archived = await ctx.ArchivedDocuments.Where(d => d.PeriodKey == month.Key && d.Kind == ArchivedDocumentKind.Statement)
            .GroupBy(d => d.CustomerId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(stated.Count, archived.Count);
        Assert.All(archived, n => Assert.Equal(1, n));
        var withEmail = await ctx.Customers.CountAsync(c => stated.Contains(c.Id) && c.StatementEmail != null && c.StatementEmail != "");
        var emails = await ctx.OutboxMessages.Where(m => m.CorrelationKey.StartsWith("statement:" + month.Key + ":"))
            .GroupBy(m => m.CustomerId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(withEmail, emails.Count);
        Assert.All(emails, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task A_run_issued_in_batches_states_each_customer_from_its_own_ledger_once_and_keeps_a_statement_issued_before_it()
    {
        await SeedOnceAsync();
        var month = new StatementMonth(2025, 9);
        await using var services = StatementScenario.Services(db, Clock);
        IReadOnlyList<long> stated;
        long first;
        string firstSha;
        await using (var scope = services.CreateAsyncScope())
        {
            stated = await scope.ServiceProvider.GetRequiredService<StatementBuilder>().CustomersToStateAsync(month);
            // One customer's statement is issued before the run, as a resumed run finds it.
            first = stated[60];
            var issued = await scope.ServiceProvider.GetRequiredService<StatementIssuer>().IssueAsync(first, month.From, month.To, month.Key);
            firstSha = issued.Value!.Document.Sha256;
        }

        var run = await services.GetRequiredService<IStatementRun>().RunAsync(month.To.AddDays(1), "test", CancellationToken.None);

        Assert.Equal((RunStatus.Completed, stated.Count), (run.Status, run.Done));
        await using var ctx = db.CreateContext();
        var archived = await ctx.ArchivedDocuments.AsNoTracking()
            .Where(d => d.PeriodKey == month.Key && d.Kind == ArchivedDocumentKind.Statement)
            .Select(d => new { d.Id, CustomerId = d.CustomerId!.Value, d.Sha256 }).ToListAsync();
        Assert.Equal(stated.Order(), archived.Select(d => d.CustomerId).Order());
        Assert.Equal(firstSha, archived.Single(d => d.CustomerId == first).Sha256);
        var events = (await ctx.AuditEvents.AsNoTracking().Where(e => e.Action.StartsWith("statement."))
                .Select(e => new { e.CustomerId, e.After }).ToListAsync())
            .Where(e => System.Text.Json.JsonDocument.Parse(e.After!).RootElement.GetProperty("periodKey").GetString() == month.Key)
            .ToList();
        Assert.Equal(stated.Order(), events.Select(e => e.CustomerId!.Value).Order());

        // Each statement in the archive says what the customer's own ledger says, read alone.
        await using var check = services.CreateAsyncScope();
        var builder = check.ServiceProvider.GetRequiredService<StatementBuilder>();
        foreach (var customerId in stated.Where((_, i) => i % 17 == 0))
        {
            var alone = (await builder.BuildAsync(customerId, month.From, month.To))!;
            var recorded = System.Text.Json.JsonDocument.Parse(events.Single(e => e.CustomerId == customerId).After!)
                .RootElement.GetProperty("closingBalance").GetDecimal();
            Assert.Equal(alone.ClosingBalance, recorded);
        }
    }

    [Fact]
    public async Task An_open_run_is_finished_by_the_instances_that_sweep_for_it_each_customer_once()
    {
        await SeedOnceAsync();
        var month = new StatementMonth(2025, 11);
        await using var first = StatementScenario.Services(db, Clock);
        JobRun started;
        await using (var scope = first.CreateAsyncScope())
        {
            var builder = scope.ServiceProvider.GetRequiredService<StatementBuilder>();
            // The node that started the run lists its items and stops before doing any.
            started = await first.GetRequiredService<RunEngine>().StartAsync(
                new RunRequest(StatementsJob.Name, month.Key, month.To, "test"), c => builder.CustomersToStateAsync(month, c));
        }
        Assert.Equal(RunStatus.Running, started.Status);

        await using var b = StatementScenario.Services(db, Clock);
        await using var c = StatementScenario.Services(db, Clock);
        await Task.WhenAll(
            Task.Run(() => b.GetRequiredService<RunSharing>().SweepAsync(CancellationToken.None)),
            Task.Run(() => c.GetRequiredService<RunSharing>().SweepAsync(CancellationToken.None)));

        var finished = await first.GetRequiredService<RunEngine>().FindAsync(started.Id);
        Assert.Equal(RunStatus.Completed, finished!.Status);
        Assert.Equal(started.Total, finished.Done);
        await using var ctx = db.CreateContext();
        var perCustomer = await ctx.ArchivedDocuments.Where(d => d.PeriodKey == month.Key).GroupBy(d => d.CustomerId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(started.Total, perCustomer.Count);
        Assert.All(perCustomer, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task The_statement_pdf_reads_in_French_with_the_euro_sign_and_the_right_totals()
    {
        await SeedOnceAsync();
        await using var services = StatementScenario.Services(db, Clock);
        await using var scope = services.CreateAsyncScope();
        var builder = scope.ServiceProvider.GetRequiredService<StatementBuilder>();
        var month = new StatementMonth(2026, 2);
        await using var ctx = db.CreateContext();
        var candidates = await builder.CustomersToStateAsync(month);
        var customer = await ctx.Customers.Where(c => candidates.Contains(c.Id) && c.Language == "fr")
            .OrderBy(c => c.AccountNumber).FirstAsync();
        var statement = (await builder.BuildAsync(customer.Id, month.From, month.To))!;

        var preview = await scope.ServiceProvider.GetRequiredService<StatementIssuer>().PreviewAsync(customer.Id, month.From, month.To);
        var text = Spaces(await PdfTools.KeepAndReadAsync(preview!.Value.Pdf, "statement-fr", dpi: 70, layout: true));

        foreach (var words in new[] { "Relevé de compte", "Solde d'ouverture", "Solde de clôture", "Pièces non lettrées", "Échéance", "Ancienneté", "Règlement", "€" })
            Assert.Contains(words, text, StringComparison.Ordinal);
        Assert.Contains(Spaces(Amounts.Format(statement.ClosingBalance, "EUR", "fr")), text, StringComparison.Ordinal);
        Assert.Contains(Spaces(Amounts.Format(statement.OpeningBalance, "EUR", "fr")), text, StringComparison.Ordinal);
        Assert.Contains(customer.AccountNumber, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_without_a_statement_address_is_listed_for_print_and_gets_no_email()
    {
        var book = new Book(db, Clock);
        var customer = await book.CustomerAsync("NOMAIL1");
        await book.InvoiceAsync("NOMAIL1", 250m, date: new DateOnly(2026, 2, 10));
        await using var services = StatementScenario.Services(db, Clock);
        await using var scope = services.CreateAsyncScope();

        var issued = await scope.ServiceProvider.GetRequiredService<StatementIssuer>()
            .IssueAsync(customer.Id, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), "2026-02");

        Assert.Equal(StatementDelivery.ForPrint, issued.Value!.Delivery);
        Assert.Equal(250m, issued.Value.ClosingBalance);
        await using var ctx = db.CreateContext();
        Assert.False(await ctx.OutboxMessages.AnyAsync(m => m.CustomerId == customer.Id));
    }

    static string Spaces(string s) => s.Replace('\u00A0', ' ').Replace('\u202F', ' ');
}
