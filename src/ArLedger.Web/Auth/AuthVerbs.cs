using ArLedger.Audit;
using ArLedger.Identity;

namespace ArLedger.Web.Auth;

/// <summary>
/// <c>api-key create --name NAME --role ROLE</c> and <c>user create --name NAME --password PASSWORD --role ROLE
/// [--display-name TEXT] [--collector-name TEXT]</c>. The new key is the only thing printed on stdout besides one short line, so a
/// script can capture it. A password left out is read from the first line of stdin, out of the process list.
/// </summary>
public static class AuthVerbs
{
    public const string Usage =
        "api-key create --name NAME --role Clerk|Manager|Admin\n" +
        "user create --name NAME [--password PASSWORD] --role Clerk|Manager|Admin [--display-name TEXT] [--collector-name TEXT]";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length < 2 || args[1] != "create" || !TryParse(args.AsSpan(2), out var options))
            return Fail($"Usage:\n{Usage}");

        await using var scope = services.CreateAsyncScope();
        // Audit events and created_by name the command line, as there is no signed-in user here.
        scope.ServiceProvider.GetRequiredService<Actor>().Name = "command-line";
        return args[0] switch
        {
            "api-key" => await CreateApiKeyAsync(scope.ServiceProvider, options),
            "user" => await CreateUserAsync(scope.ServiceProvider, options),
            _ => Fail($"Usage:\n{Usage}"),
        };
    }

    static async Task<int> CreateApiKeyAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        if (!options.TryGetValue("name", out var name) || !options.TryGetValue("role", out var role))
            return Fail("api-key create needs --name and --role.");
        if (!Roles.All.Contains(role))
            return Fail($"Role is one of {string.Join(", ", Roles.All)}.");
        var created = await services.GetRequiredService<ApiKeys>().CreateAsync(name, role);
        Console.WriteLine($"API key '{created.Row.Name}' ({created.Row.Role}), shown once:");
        Console.WriteLine(created.Key);
        return 0;
    }

    static async Task<int> CreateUserAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        if (!options.TryGetValue("name", out var name) || !options.TryGetValue("role", out var role))
            return Fail("user create needs --name and --role.");
        var password = options.GetValueOrDefault("password") ?? await Console.In.ReadLineAsync();
        if (string.IsNullOrEmpty(password))
            return Fail("No password given (--password or the first line of stdin).");

        var result = await services.GetRequiredService<UserAccounts>()
            .CreateAsync(name, password, role, options.GetValueOrDefault("display-name"), options.GetValueOrDefault("collector-name"));
        if (!result.Succeeded)
            return Fail(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
        Console.WriteLine($"User '{name}' created ({role}).");
        return 0;
    }

    static bool TryParse(ReadOnlySpan<string> args, out Dictionary<string, string> options)
    {
        options = [];
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                return false;
            options[args[i][2..]] = args[i + 1];
        }
        return true;
    }

    static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
