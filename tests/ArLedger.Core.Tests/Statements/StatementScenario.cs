using ArLedger.Documents;
using ArLedger.Dunning;
using ArLedger.Jobs;
using ArLedger.Mail;
using ArLedger.Persistence;
using ArLedger.Statements;
using ArLedger.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArLedger.Core.Tests.Statements;

/// <summary>The services a statement run uses, wired as the app wires them, over a test database and clock.</summary>
static class StatementScenario
{
    public static ServiceProvider Services(TestDatabase db, FakeTimeProvider clock, Action<IServiceCollection>? replace = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ArLedger"] = db.ConnectionString,
            ["Jobs:Enabled"] = "false",
            ["Company:Name"] = "Dupré Négoce SAS",
            ["Company:AddressLines:0"] = "12 quai de la Fosse",
            ["Company:AddressLines:1"] = "44000 Nantes",
            ["Company:Iban"] = "FR76 3000 4000 0312 3456 7890 143",
            ["Company:Bic"] = "BNPAFRPPXXX",
            ["Company:Email"] = "compta@dupre.example",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddArLedgerData(db.ConnectionString);
        services.AddArLedgerDocuments(config);
        services.AddArLedgerMail(config);
        services.AddArLedgerStatements();
        services.AddArLedgerDunning();
        services.AddArLedgerJobs(config);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(clock);
        replace?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
