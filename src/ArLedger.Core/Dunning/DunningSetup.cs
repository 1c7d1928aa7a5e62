using ArLedger.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Dunning;

/// <summary>Registers dunning: the policy, the run (replacing the scheduler's placeholder), letters, review, approval runs and payment order.</summary>
public static class DunningSetup
{
    /// <summary>Section <c>Dunning</c> (PaymentOrder) is read from the configuration when the host has one.</summary>
    public static IServiceCollection AddArLedgerDunning(this IServiceCollection services)
    {
        services.AddOptions<DunningOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(DunningOptions.Section).Bind(o))
            // A misspelt payment order stops start-up rather than the first payment page that reads it.
            .Validate(o => o.PaymentOrder.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .All(p => Enum.TryParse<Payments.PaymentPart>(p, ignoreCase: true, out _)),
                "Dunning:PaymentOrder lists Fees, Interest and Principal, separated by commas.")
            .ValidateOnStart();
        return services
            .AddScoped<DunningPolicy>()
            .AddScoped<EcbRates>()
            .AddScoped<DunningBook>()
            .AddScoped<DunningHolds>()
            .AddScoped<DunningProposer>()
            .AddScoped<DunningLetters>()
            .AddScoped<DunningReview>()
            .AddScoped<ApproveLetters>()
            .AddScoped<DunningApproval>()
            .AddScoped<IResumableRun>(sp => sp.GetRequiredService<DunningApproval>())
            .AddScoped<CustomerDunning>()
            .AddScoped<PaymentOrder>()
            .AddScoped<DunningRun>()
            .AddScoped<IDunningRun>(sp => sp.GetRequiredService<DunningRun>())
            .AddScoped<IResumableRun>(sp => sp.GetRequiredService<DunningRun>());
    }
}
