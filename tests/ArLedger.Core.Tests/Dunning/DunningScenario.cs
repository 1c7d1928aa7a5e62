using ArLedger.Core.Tests.Statements;
using ArLedger.Customers;
using ArLedger.Dunning;
using ArLedger.Jobs;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Core.Tests.Dunning;

/// <summary>
/// Dunning as a clerk and a manager meet it, over a test database and clock: the weekly run, approving what waits, and what was
/// sent, spoken in account numbers and levels. Services are wired as the app wires them.
/// </summary>
sealed class DunningScenario(TestDatabase db, FakeTimeProvider clock, Action<IServiceCollection>? replace = null) : IAsyncDisposable
{
    readonly ServiceProvider services = StatementScenario.Services(db, clock, replace);

    public Book Book { get; } = new(db, clock);
    public FakeTimeProvider Clock => clock;

    /// <summary>Monday's run, as of the date given (today by default).</summary>
    public Task<JobRun> RunAsync(DateOnly? asOf = null) =>
        services.GetRequiredService<IDunningRun>().RunAsync(asOf ?? clock.Today, "test", CancellationToken.None);

    /// <summary>A manager (or, with <paramref name="asManager"/> false, a clerk) approves every letter waiting in the run of that date.</summary>
    public Task<ApprovalResult> ApproveAllAsync(DateOnly? asOf = null, bool asManager = true) =>
        WithAsync(async sp =>
        {
            var review = sp.GetRequiredService<DunningReview>();
            return await review.ApproveAsync(await review.WaitingAsync(asOf ?? clock.Today));
        }, asManager);

    /// <summary>Work in a scope of its own, as a manager unless <paramref name="asManager"/> is false (then as a clerk).</summary>
    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work, bool asManager = true)
    {
        await using var scope = services.CreateAsyncScope();
        var actor = scope.ServiceProvider.GetRequiredService<Audit.Actor>();
        (actor.Name, actor.IsManager) = asManager ? ("manager", true) : ("clerk", false);
        return await work(scope.ServiceProvider);
    }

    /// <summary>Letters sent for that run, as "ACCOUNT Ln".</summary>
    public async Task<List<string>> SentAsync(DateOnly asOf)
    {
        await using var ctx = db.CreateContext();
        var sent = await (from p in ctx.DunningProposals
                          where p.AsOf == asOf && p.Status == ProposalStatus.Sent
                          join c in ctx.Customers on p.CustomerId equals c.Id
                          select new { c.AccountNumber, p.LevelNo }).ToListAsync();
        return sent.Select(s => $"{s.AccountNumber} L{s.LevelNo}").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Exclusions of that run, as "ACCOUNT Reason".</summary>
    public async Task<List<string>> ExclusionsAsync(DateOnly asOf)
    {
        await using var ctx = db.CreateContext();
        var rows = await (from e in ctx.DunningExclusions
                          where e.AsOf == asOf
                          join c in ctx.Customers on e.CustomerId equals c.Id
                          select new { c.AccountNumber, e.Reason }).ToListAsync();
        return rows.Select(r => $"{r.AccountNumber} {r.Reason}").Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public async Task<Customer> CustomerAsync(string account, string? email = "compta@example.fr", string language = "fr")
    {
        var created = await Book.TryCustomerAsync(new CreateCustomer(account, $"Client {account}", StatementEmail: email, Language: language,
            BillingAddress: new AddressInput("12 rue des Lilas", null, "69003", "Lyon", "FR")));
        return created.Value ?? throw new InvalidOperationException(created.Problem!.Message);
    }

    public async Task<Invoices.Invoice> InvoiceAsync(string account, decimal gross, DateOnly dueDate, DateOnly? invoiceDate = null, decimal vat = 0m)
    {
        var posted = await Book.TryInvoiceAsync(new Invoices.PostInvoice(account, invoiceDate ?? dueDate.AddDays(-30),
            NetAmount: gross - vat, VatAmount: vat, DueDate: dueDate));
        return posted.Value ?? throw new InvalidOperationException(posted.Problem!.Message);
    }

    public async Task ExecAsync(FormattableString sql)
    {
        await using var ctx = db.CreateContext();
        await ctx.Database.ExecuteSqlAsync(sql);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
