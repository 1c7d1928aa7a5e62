using System.Text.Json;
using ArLedger.Audit;
using ArLedger.Bank;
using ArLedger.Web.Api;

namespace ArLedger.Web.Hosting;

/// <summary>
/// <c>bank-import FILE [--account ID]</c>: imports a bank file from the command line (a bank's SFTP drop) exactly as the
/// API does, and prints the same JSON answer. Exit code 0 when imported, 1 for a file refused, 2 for a wrong call.
/// </summary>
public static class BankImportVerb
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors, CancellationToken ct = default)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            errors.WriteLine("Usage: bank-import FILE [--account ID].");
            return 2;
        }
        long? account = null;
        var at = Array.IndexOf(args, "--account");
        if (at >= 0)
        {
            if (at + 1 >= args.Length || !long.TryParse(args[at + 1], out var id))
            {
                errors.WriteLine("--account takes the id of a bank account.");
                return 2;
            }
            account = id;
        }
        if (!File.Exists(args[0]))
        {
            errors.WriteLine($"No file {args[0]}.");
            return 2;
        }

        using var scope = services.CreateScope();
        var actor = scope.ServiceProvider.GetRequiredService<Actor>();
        actor.Name = $"bank-import ({Environment.UserName})";
        var import = scope.ServiceProvider.GetRequiredService<BankImport>();
        var outcome = await import.ImportAsync(Path.GetFileName(args[0]), await File.ReadAllBytesAsync(args[0], ct), account, ct);
        if (outcome.Problem is { } problem)
        {
            errors.WriteLine(problem.Errors is { Count: > 0 } fields
                ? string.Join(Environment.NewLine, fields.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}")))
                : problem.Message);
            return 1;
        }
        output.WriteLine(JsonSerializer.Serialize(BankImportResponse.From(outcome.Value!), Json));
        return 0;
    }
}
