using ArLedger.Audit;
using ArLedger.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArLedger.Statements;

/// <summary>
/// The monthly statement run: one item per customer with a balance or activity in the month, shared in batches by
/// the instances that process the run. Keyed by the month, so running it again resumes it and issues nothing twice.
/// Each batch is issued whole (read together, rendered on every core, written in one transaction); a batch that
/// cannot be is issued customer by customer, so one customer's problem fails that customer only.
/// </summary>
public sealed class StatementRun(RunEngine engine, IServiceScopeFactory scopes, ILogger<StatementRun> log) : IStatementRun, IResumableRun
{
    // Two batches at a time: while one waits on the database, the other renders on the cores (measured in
    // bench/statements.sh; more gained nothing on two cores).
    const int SideBySide = 2;

    public string JobName => StatementsJob.Name;

    public async Task<JobRun> RunAsync(DateOnly asOf, string requestedBy, CancellationToken ct)
    {
        var month = StatementMonth.EndingOnOrBefore(asOf);
        var run = await engine.StartAsync(new RunRequest(StatementsJob.Name, month.Key, asOf, requestedBy),
            async c =>
            {
                await using var scope = scopes.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<StatementBuilder>().CustomersToStateAsync(month, c);
            }, ct);
        return await engine.ProcessBatchesAsync(run.Id, (customerIds, c) => IssueAsync(customerIds, month, requestedBy, c), SideBySide, ct);
    }

    public Task ResumeAsync(JobRun run, CancellationToken ct) =>
        StatementMonth.TryParse(run.RunKey, out var month)
            ? engine.ProcessBatchesAsync(run.Id, (customerIds, c) => IssueAsync(customerIds, month, run.RequestedBy, c), SideBySide, ct)
            : Task.CompletedTask;

    async Task<IReadOnlyDictionary<long, string>> IssueAsync(IReadOnlyList<long> customerIds, StatementMonth month, string requestedBy,
        CancellationToken ct)
    {
        try
        {
            await using var scope = Scope(requestedBy);
            await scope.ServiceProvider.GetRequiredService<StatementIssuer>().IssueManyAsync(customerIds, month.From, month.To, month.Key, ct);
            return new Dictionary<long, string>();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogInformation(e, "Statements {Month}: issuing a batch of {Count} customer by customer", month.Key, customerIds.Count);
        }
        var failed = new Dictionary<long, string>();
        foreach (var customerId in customerIds)
        {
            try
            {
                await using var scope = Scope(requestedBy);
                var issued = await scope.ServiceProvider.GetRequiredService<StatementIssuer>()
                    .IssueAsync(customerId, month.From, month.To, month.Key, ct);
                if (!issued.Succeeded)
                    failed[customerId] = issued.Problem!.Message;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Statement {Month} of customer {Customer} failed", month.Key, customerId);
                failed[customerId] = e.Message;
            }
        }
        return failed;
    }

    AsyncServiceScope Scope(string requestedBy)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Actor>().Name = requestedBy;
        return scope;
    }
}
