using ArLedger.Persistence;
using ArLedger.Web.Auth;

namespace ArLedger.Web.Hosting;

/// <summary>
/// Command-line verbs run instead of the web server: <c>migrate</c>, <c>seed</c>, <c>api-key create</c>, <c>user create</c>, <c>run-job</c>, <c>bank-import</c>.
/// They use the same configuration as the app, so they work on any environment it runs in.
/// </summary>
public static class Verbs
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
            return false;
        var cs = app.Configuration.GetConnectionString("ArLedger")!;
        switch (args[0])
        {
            case "migrate":
                var applied = await new MigrationRunner(cs, app.Logger).MigrateAsync();
                Console.WriteLine(applied.Count == 0 ? "Database is up to date." : $"Applied: {string.Join(", ", applied)}");
                return true;
            case "api-key" or "user":
                Environment.ExitCode = await AuthVerbs.RunAsync(app.Services, args);
                return true;
            case "seed":
                await SeedHosting.RunVerbAsync(app, args[1..]);
                return true;
            case "bank-import":
                Environment.ExitCode = await BankImportVerb.RunAsync(app.Services, args[1..], Console.Out, Console.Error);
                return true;
            case "run-job":
                Environment.ExitCode = await RunJobVerb.RunAsync(app.Services, args[1..], Console.Out, Console.Error);
                return true;
            default:
                Console.Error.WriteLine($"Unknown verb '{args[0]}'. Verbs: migrate, seed, api-key create, user create, run-job, bank-import.");
                Environment.ExitCode = 2;
                return true;
        }
    }
}
