using ArLedger.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Statements;

/// <summary>Monthly statements; they need the documents, mail and jobs registrations beside them.</summary>
public static class StatementsSetup
{
    public static IServiceCollection AddArLedgerStatements(this IServiceCollection services) => services
        .AddScoped<StatementBuilder>()
        .AddScoped<StatementIssuer>()
        .AddScoped<StatementRun>()
        .AddScoped<IStatementRun>(sp => sp.GetRequiredService<StatementRun>())
        .AddScoped<IResumableRun>(sp => sp.GetRequiredService<StatementRun>());
}
