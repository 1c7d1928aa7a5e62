using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Bank;

/// <summary>The bank reconciliation's use cases, one scoped service each; section <c>Bank</c> (AutoPostScore, CombinationItems).</summary>
public static class BankSetup
{
    public static IServiceCollection AddArLedgerBank(this IServiceCollection services)
    {
        services.AddOptions<BankOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(BankOptions.Section).Bind(o))
            .Validate(o => o.AutoPostScore is >= 1 and <= 101 && o.CombinationItems is >= 2 and <= 8,
                "Bank:AutoPostScore is from 1 to 101 (101: never automatic) and Bank:CombinationItems from 2 to 8.");
        return services
            .AddScoped<BankAccounts>()
            .AddScoped<BankImport>()
            .AddScoped<BankMatching>()
            .AddScoped<BankPosting>()
            .AddScoped<BankStatements>();
    }
}
