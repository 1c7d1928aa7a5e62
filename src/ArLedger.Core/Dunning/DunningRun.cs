using System.Globalization;
using ArLedger.Audit;
using ArLedger.Jobs;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Dunning;

/// <summary>
/// The weekly dunning run for an as-of date. Its items are groups of <see cref="GroupSize"/> consecutive customer
/// ids holding a customer with an invoice late enough for a letter (or a letter still waiting from an earlier run,
/// which this run replaces): a group is read in a few statements, which is what makes a book of 20,000 customers
/// quick. Each group computes its customers' proposals once and sends those whose level needs no approval; the
/// others wait on the review page. Keyed by its date, so a second start resumes the run, and a letter is sent once
/// per invoice and level whatever runs.
/// </summary>
public sealed class DunningRun(RunEngine engine, IServiceScopeFactory scopes) : IDunningRun, IResumableRun
{
    public const int GroupSize = 100;

    public static string KeyOf(DateOnly asOf) => asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string JobName => DunningJob.Name;

    public async Task<JobRun> RunAsync(DateOnly asOf, string requestedBy, CancellationToken ct)
    {
        var run = await engine.StartAsync(new RunRequest(DunningJob.Name, KeyOf(asOf), asOf, requestedBy),
            async c =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var firstDays = (await scope.ServiceProvider.GetRequiredService<DunningPolicy>().SnapshotAsync(c)).FirstDays;
                return await GroupsToReadAsync(scope.ServiceProvider.GetRequiredService<ArLedgerDbContext>(), asOf, firstDays, c);
            }, ct);
        return await ResumeRunAsync(run, ct);
    }

    /// <summary>What is left of a run another instance started and stopped, or shares of a large one.</summary>
    public Task ResumeAsync(JobRun run, CancellationToken ct) => ResumeRunAsync(run, ct);

    async Task<JobRun> ResumeRunAsync(JobRun run, CancellationToken ct)
    {
        PolicySnapshot? policy = null;
        return await engine.ProcessAsync(run.Id, async (group, c) =>
        {
            IReadOnlyList<long> toSend;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var services = scope.ServiceProvider;
                services.GetRequiredService<Actor>().Name = run.RequestedBy;
                // Read once per share of the run, not per group.
                policy ??= await services.GetRequiredService<DunningPolicy>().SnapshotAsync(c);
                var ids = await services.GetRequiredService<ArLedgerDbContext>().Customers
                    .Where(x => x.Id >= group * GroupSize && x.Id < (group + 1) * GroupSize).Select(x => x.Id).ToListAsync(c);
                toSend = await services.GetRequiredService<DunningProposer>().ProposeAsync(run.AsOf, ids, policy, c);
            }
            foreach (var id in toSend)
                await DunningLetters.SendInScopeAsync(scopes, id, run.RequestedBy, approvedByManager: false, c);
        }, ct);
    }

    /// <summary>
    /// The groups of customers with an invoice unpaid and due at least <paramref name="firstDays"/> days before the
    /// date, read through the index of open documents (plus those settled or reversed after the date, for a run as
    /// of a past date), and of customers with a letter still waiting from an earlier run.
    /// </summary>
    static async Task<IReadOnlyList<long>> GroupsToReadAsync(ArLedgerDbContext db, DateOnly asOf, int firstDays, CancellationToken ct)
    {
        if (firstDays == int.MaxValue)
            return [];
        var dueBy = asOf.AddDays(-firstDays);
        return await db.Database.SqlQuery<long>($"""
            select distinct customer_id / {GroupSize} as "Value" from (
                select customer_id from documents
                where kind = 'Invoice' and due_date <= {dueBy} and document_date <= {asOf}
                  and reversed_at is null and amount - allocated_amount - written_off_amount <> 0
                union
                select d.customer_id from allocations a join documents d on d.id = a.debit_document_id
                where a.allocation_date > {asOf} and d.kind = 'Invoice' and d.due_date <= {dueBy}
                union
                select d.customer_id from documents d
                where d.kind = 'Invoice' and d.due_date <= {dueBy} and d.reversed_at >= ({asOf} + 1)::timestamp at time zone 'UTC'
                union
                select customer_id from dunning_proposals where status = 'Proposed' and as_of < {asOf}
            ) t
            order by 1
            """).ToListAsync(ct);
    }
}
