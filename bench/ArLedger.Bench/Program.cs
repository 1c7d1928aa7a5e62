using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Npgsql;

// The bench's helper: chooses the requests wrk replays against a running app (see bench/customer-pages.sh).
//   paths --base URL --cookie NAME=VALUE --out DIR
// writes search.txt (customer searches), pages.txt (the list's first 60 pages by name and by balance, reached by
// following "next" links as a clerk would) and customer.txt (customer pages), one path per line.
// The timed reporting scenarios (see bench/reporting.sh and bench/statements.sh):
//   aging [--repeat R]      render-floor [--count N]      smtp-floor --port P [--count N] [--connections C] [--bytes B]
//   bank-file --iban I --out F [--lines N]      bank-floor --file F
// The long random walk with kills and restarts (see bench/walk.sh):
//   walk --app DIR --work DIR --key CLERK_API_KEY [--seed S] [--steps N] [--clients C] [--kills K] [--port P]
int Opt(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length
    ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
if (args is ["smtp-floor", ..])
    return await StatementBench.SmtpFloorAsync("127.0.0.1", Opt("--port", 2525), Opt("--count", 2000), Opt("--connections", 4), Opt("--bytes", 8192));
if (args is ["walk", ..])
{
    string Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{name} is missing.");
    var walkCs = Environment.GetEnvironmentVariable("ConnectionStrings__ArLedger")
        ?? throw new InvalidOperationException("ConnectionStrings__ArLedger is not set.");
    // The company's today, as the app reckons it (Company__TimeZone's default).
    var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    return await new Walk(new WalkOptions(Opt("--seed", Environment.TickCount & 0xFFFF), Opt("--steps", 10_000), Opt("--clients", 4), Opt("--kills", 20),
        Opt("--port", 5180), Arg("--app"), Arg("--work"), walkCs, Arg("--key"), today)).RunAsync();
}
if (args is ["bank-file", ..] or ["bank-floor", ..])
{
    string Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{name} is missing.");
    var bankCs = Environment.GetEnvironmentVariable("ConnectionStrings__ArLedger")
        ?? throw new InvalidOperationException("ConnectionStrings__ArLedger is not set.");
    return args[0] == "bank-file"
        ? await BankBench.FileAsync(bankCs, Opt("--lines", 10_000), Arg("--iban"), Arg("--out"))
        : await BankBench.FloorAsync(bankCs, Arg("--file"));
}
if (args is ["render-floor", ..] or ["aging", ..])
{
    var cs = Environment.GetEnvironmentVariable("ConnectionStrings__ArLedger")
        ?? throw new InvalidOperationException("ConnectionStrings__ArLedger is not set.");
    return args[0] == "render-floor"
        ? await StatementBench.RenderFloorAsync(cs, Opt("--count", 2000))
        : await ReportingBench.AgingAsync(cs, Opt("--repeat", 5));
}
if (args.Length < 1 || args[0] != "paths")
{
    Console.Error.WriteLine("Usage: paths --base URL --cookie NAME=VALUE --out DIR");
    return 2;
}
var options = new Dictionary<string, string>();
for (var i = 1; i + 1 < args.Length; i += 2)
    options[args[i].TrimStart('-')] = args[i + 1];
var baseUrl = new Uri(options["base"]);
var outDir = options["out"];
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__ArLedger")
    ?? throw new InvalidOperationException("ConnectionStrings__ArLedger is not set.");

using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseUrl };
http.DefaultRequestHeaders.Add("Cookie", options["cookie"]);

var sample = await SampleCustomersAsync(connectionString, 400);
var random = new Random(4711);

// Searches a clerk types: a word of a name, part of an account number, a SIREN, part of an email.
var searches = new List<string>();
foreach (var c in sample)
{
    var words = c.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4).ToArray();
    var term = random.Next(4) switch
    {
        0 when words.Length > 0 => words[random.Next(words.Length)],
        1 => c.AccountNumber[..6],
        2 when c.LegalId is not null => c.LegalId,
        3 when c.Email is not null => c.Email[..c.Email.IndexOf('@', StringComparison.Ordinal)],
        _ => c.AccountNumber,
    };
    searches.Add("/Customers?q=" + Uri.EscapeDataString(term));
}
await CheckAsync(searches[0]);

var pages = new List<string>();
foreach (var start in new[] { "/Customers", "/Customers?sort=balance&desc=true" })
    pages.AddRange(await FollowNextAsync(start, 60));

var customers = sample.Select(c => "/Customers/" + Uri.EscapeDataString(c.AccountNumber)).ToList();
await CheckAsync(customers[0]);

await File.WriteAllLinesAsync(Path.Combine(outDir, "search.txt"), searches);
await File.WriteAllLinesAsync(Path.Combine(outDir, "pages.txt"), pages);
await File.WriteAllLinesAsync(Path.Combine(outDir, "customer.txt"), customers);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{searches.Count} searches, {pages.Count} list pages, {customers.Count} customer pages chosen."));
return 0;

async Task<string> CheckAsync(string path)
{
    using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
    if (response.StatusCode != HttpStatusCode.OK)
        throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}: is the cookie valid?");
    return await response.Content.ReadAsStringAsync();
}

async Task<List<string>> FollowNextAsync(string first, int count)
{
    var found = new List<string> { first };
    var path = first;
    while (found.Count < count)
    {
        var next = Regex.Match(await CheckAsync(path), "<a[^>]*href=\"([^\"]+)\"[^>]*rel=\"next\"");
        if (!next.Success)
            break;
        path = WebUtility.HtmlDecode(next.Groups[1].Value);
        found.Add(path);
    }
    return found;
}

static async Task<List<(string AccountNumber, string Name, string? LegalId, string? Email)>> SampleCustomersAsync(string cs, int n)
{
    await using var conn = new NpgsqlConnection(cs);
    await conn.OpenAsync();
    await using var cmd = new NpgsqlCommand(
        "select account_number, name, legal_id, statement_email from customers order by md5(id::text) limit $1", conn);
    cmd.Parameters.AddWithValue(n);
    await using var r = await cmd.ExecuteReaderAsync();
    var rows = new List<(string, string, string?, string?)>();
    while (await r.ReadAsync())
        rows.Add((r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
    return rows;
}
