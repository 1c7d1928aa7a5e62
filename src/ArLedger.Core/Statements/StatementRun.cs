using ArLedger.Audit;
using ArLedger.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Statements;

/// <summary>
/// The monthly statement run: one item per customer with a balance or activity in the month, shared in batches by
/// the instances that process the run. Keyed by the month, so running it again resumes it and issues nothing twice.
/// </summary>
public sealed class StatementRun(RunEngine engine, IServiceScopeFactory scopes) : IStatementRun
{
    public async Task<JobRun> RunAsync(DateOnly asOf, string requestedBy, CancellationToken ct)
    {
        var month = StatementMonth.EndingOnOrBefore(asOf);
        return await engine.RunAsync(new RunRequest(StatementsJob.Name, month.Key, asOf, requestedBy),
            async c =>
            {
                await using var scope = scopes.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<StatementBuilder>().CustomersToStateAsync(month, c);
            },
            async (customerId, c) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<Actor>().Name = requestedBy;
                var issued = await scope.ServiceProvider.GetRequiredService<StatementIssuer>()
                    .IssueAsync(customerId, month.From, month.To, month.Key, c);
                if (!issued.Succeeded)
                    throw new InvalidOperationException(issued.Problem!.Message);
            }, ct);
    }
}
