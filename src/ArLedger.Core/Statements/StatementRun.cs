using ArLedger.Audit;
using ArLedger.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Statements;

/// <summary>
/// The monthly statement run: one item per customer with a balance or activity in the month, shared in batches by
/// the instances that process the run. Keyed by the month, so running it again resumes it and issues nothing twice.
/// </summary>
public sealed class StatementRun(RunEngine engine, IServiceScopeFactory scopes) : IStatementRun, IResumableRun
{
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
        return await engine.ProcessAsync(run.Id, (customerId, c) => IssueAsync(customerId, month, requestedBy, c), ct);
    }

    public Task ResumeAsync(JobRun run, CancellationToken ct) =>
        StatementMonth.TryParse(run.RunKey, out var month)
            ? engine.ProcessAsync(run.Id, (customerId, c) => IssueAsync(customerId, month, run.RequestedBy, c), ct)
            : Task.CompletedTask;

    async Task IssueAsync(long customerId, StatementMonth month, string requestedBy, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Actor>().Name = requestedBy;
        var issued = await scope.ServiceProvider.GetRequiredService<StatementIssuer>()
            .IssueAsync(customerId, month.From, month.To, month.Key, ct);
        if (!issued.Succeeded)
            throw new InvalidOperationException(issued.Problem!.Message);
    }
}
