using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

/// <summary>
/// The long random walk (bench/walk.sh): clients drive two running app instances through the API with a seeded
/// sequence of ledger operations, while instances and job runs are killed (SIGKILL) and restarted at seeded steps.
/// A request whose answer was lost (connection refused or reset, a timeout, a 5xx while an instance dies) or that
/// lost a race (a 409) is sent again, with the same body and external id, until it gets a real answer; some are repeated on purpose after they
/// succeeded. At the end the interrupted runs are resumed to completion and the app's own <c>verify</c> runs; the walk
/// then checks that every document an answer acknowledged exists once, and that no statement, email or letter was
/// issued twice. Each client's operations come from the seed, so a failing seed replays the same operations (the
/// interleaving of the clients and the moments of the kills depend on timing).
/// </summary>
sealed class Walk(WalkOptions o)
{
    readonly ConcurrentDictionary<string, string> acknowledged = new(); // external id -> document number
    readonly ConcurrentBag<string> customers = [];
    readonly ConcurrentBag<long> allocations = [];
    readonly List<Instance> instances = [new(o, 0), new(o, 1)];
    readonly ConcurrentBag<Task> restarts = [];
    readonly object jobLock = new();
    Process? job;
    int step, requests, retries, replays, instanceKills, jobKills, jobRuns;

    public async Task<int> RunAsync()
    {
        Console.WriteLine($"walk: seed {o.Seed}, {o.Steps} steps, {o.Clients} clients, {o.Kills} kills, as of {o.Today:yyyy-MM-dd}");
        var started = Stopwatch.StartNew();
        await Task.WhenAll(instances.Select(i => i.StartAsync()));

        // The kill schedule: which steps, and what dies there (an instance, or the job run then going on).
        var schedule = new Random(o.Seed);
        var kills = new SortedDictionary<int, int>();
        while (kills.Count < o.Kills)
            kills.TryAdd(schedule.Next(o.Steps / 20, o.Steps), schedule.Next(3));
        var jobStarts = Enumerable.Range(1, 6).Select(k => k * o.Steps / 7).ToHashSet();

        var chaos = Task.Run(async () =>
        {
            var done = 0;
            while (Volatile.Read(ref step) < o.Steps)
            {
                var now = Volatile.Read(ref step);
                foreach (var (at, what) in kills.Where(k => k.Key <= now).ToList())
                {
                    kills.Remove(at);
                    await KillAsync(what);
                }
                foreach (var at in jobStarts.Where(s => s <= now).ToList())
                {
                    jobStarts.Remove(at);
                    StartJob(done++ % 2 == 0 ? "Statements" : "Dunning");
                }
                await Task.Delay(50);
            }
        });
        var clients = Enumerable.Range(0, o.Clients).Select(c => Task.Run(() => ClientAsync(c))).ToList();
        await Task.WhenAll(clients);
        await chaos;
        await Task.WhenAll(restarts);

        Console.WriteLine($"walk: {o.Steps} steps in {started.Elapsed.TotalSeconds:0} s: {requests} requests, {retries} sent again after a lost answer or a 409, " +
                          $"{replays} repeated on purpose; {instanceKills} instance kills, {jobKills} job kills, {jobRuns} job runs started");
        lock (jobLock)
            job?.WaitForExit();
        // Resume what was killed: a run is keyed by its period, so running it again finishes it without sending twice.
        var resumed = await RunVerbAsync("run-job", "Statements", "--as-of", o.StatementMonthEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                      + await RunVerbAsync("run-job", "Dunning", "--as-of", o.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        foreach (var instance in instances)
            instance.Stop();
        var verify = await RunVerbAsync("verify");
        var (lost, doubled) = await CheckDocumentsAsync();
        Console.WriteLine($"walk: {acknowledged.Count} documents acknowledged, {lost} lost, {doubled} doubled; " +
                          $"resumed runs {(resumed == 0 ? "completed" : "FAILED")}; verify exit code {verify}");
        var ok = lost == 0 && doubled == 0 && verify == 0 && resumed == 0;
        Console.WriteLine(ok ? $"walk: seed {o.Seed} passed" : $"walk: seed {o.Seed} FAILED (replay: SEED={o.Seed} bench/walk.sh)");
        return ok ? 0 : 1;
    }

    async Task ClientAsync(int client)
    {
        var rng = new Random(HashCode.Combine(o.Seed, client));
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var own = new List<string>();
        var prefix = string.Create(CultureInfo.InvariantCulture, $"W{o.Seed % 1000:000}{client}");
        var n = 0;
        while (Interlocked.Increment(ref step) <= o.Steps)
        {
            var id = $"{prefix}-{n++}";
            var action = own.Count < 3 ? 0 : rng.Next(20);
            // Mostly a client's own customers, sometimes anyone's: two clients then race on one account.
            var account = own.Count == 0 ? "" : rng.Next(5) == 0 && !customers.IsEmpty ? customers.ElementAt(rng.Next(customers.Count)) : own[rng.Next(own.Count)];
            switch (action)
            {
                case 0:
                {
                    var created = await SendAsync(http, rng, HttpMethod.Post, "/api/v1/customers", new JsonObject
                    {
                        ["accountNumber"] = id, ["name"] = $"Client {id} SARL", ["currency"] = "EUR", ["language"] = rng.Next(2) == 0 ? "fr" : "en",
                        ["statementEmail"] = $"compta-{id.ToLowerInvariant()}@example.com", ["paymentTerms"] = rng.Next(2) == 0 ? "NET30" : "45EOM",
                        ["externalId"] = $"{id}-customer",
                    });
                    if (created is not null)
                    {
                        own.Add(id);
                        customers.Add(id);
                    }
                    break;
                }
                case <= 6:
                {
                    var lines = new JsonArray();
                    for (var l = rng.Next(1, 4); l > 0; l--)
                        lines.Add(new JsonObject { ["description"] = "Article", ["quantity"] = rng.Next(1, 6), ["unitPrice"] = Amount(rng, 5, 800), ["vatRate"] = rng.Next(3) == 0 ? 5.5m : 20m });
                    var body = new JsonObject { ["customerAccountNumber"] = account, ["invoiceDate"] = Date(o.Today.AddDays(-rng.Next(0, 120))), ["lines"] = lines, ["externalId"] = id };
                    Acknowledge(id, await SendAsync(http, rng, HttpMethod.Post, "/api/v1/invoices", body));
                    break;
                }
                case <= 11:
                {
                    var open = await OpenDebitsAsync(http, rng, account);
                    var body = new JsonObject
                    {
                        ["customerAccountNumber"] = account, ["amount"] = Amount(rng, 10, 2000), ["receivedOn"] = Date(o.Today),
                        ["valueDate"] = Date(o.Today.AddDays(-rng.Next(0, 4))), ["method"] = "Transfer", ["externalId"] = id,
                    };
                    if (open.Count > 0 && rng.Next(3) > 0)
                    {
                        var (number, amount) = open[rng.Next(open.Count)];
                        var allocated = Math.Min(amount, (decimal)body["amount"]!);
                        body["allocations"] = new JsonArray(new JsonObject { ["invoiceNumber"] = number, ["amount"] = allocated });
                        body["reference"] = $"VIR {number}";
                    }
                    Acknowledge(id, await SendAsync(http, rng, HttpMethod.Post, "/api/v1/payments", body));
                    break;
                }
                case <= 13:
                {
                    var items = await OpenItemsAsync(http, rng, account);
                    var debit = items.FirstOrDefault(i => i.Debit);
                    var credit = items.FirstOrDefault(i => !i.Debit);
                    if (debit.Number is null || credit.Number is null)
                        break;
                    var body = new JsonObject
                    {
                        ["invoiceNumber"] = debit.Number, [credit.Kind == "CreditNote" ? "creditNoteNumber" : "paymentNumber"] = credit.Number,
                        ["amount"] = Math.Min(debit.Open, credit.Open), ["externalId"] = id,
                    };
                    var answer = await SendAsync(http, rng, HttpMethod.Post, "/api/v1/allocations", body);
                    if (answer?["id"] is { } allocation)
                        allocations.Add((long)allocation);
                    break;
                }
                case 14:
                {
                    if (allocations.IsEmpty)
                        break;
                    var allocation = allocations.ElementAt(rng.Next(allocations.Count));
                    await SendAsync(http, rng, HttpMethod.Post, $"/api/v1/allocations/{allocation}/reverse", new JsonObject { ["reason"] = "posted to the wrong invoice" });
                    break;
                }
                case <= 16:
                {
                    var open = await OpenDebitsAsync(http, rng, account);
                    if (open.Count == 0)
                        break;
                    var (number, amount) = open[rng.Next(open.Count)];
                    var body = new JsonObject
                    {
                        ["customerAccountNumber"] = account, ["creditNoteDate"] = Date(o.Today), ["invoiceNumber"] = number,
                        ["netAmount"] = Math.Min(Money(amount / 1.2m / 2), 300m), ["vatAmount"] = 0m, ["reason"] = "price", ["externalId"] = id,
                    };
                    Acknowledge(id, await SendAsync(http, rng, HttpMethod.Post, "/api/v1/credit-notes", body));
                    break;
                }
                default:
                {
                    var open = await OpenDebitsAsync(http, rng, account);
                    if (open.Count == 0)
                        break;
                    var (number, amount) = open[rng.Next(open.Count)];
                    var dispute = await SendAsync(http, rng, HttpMethod.Post, "/api/v1/disputes", new JsonObject
                    {
                        ["invoiceNumber"] = number, ["amount"] = Money(amount / 3), ["reason"] = "Price", ["externalId"] = id,
                    });
                    if (dispute?["id"] is { } disputeId && rng.Next(2) == 0)
                        await SendAsync(http, rng, HttpMethod.Post, $"/api/v1/disputes/{disputeId}/resolve", new JsonObject
                        {
                            ["decision"] = rng.Next(2) == 0 ? "Reject" : "CreditNote", ["resolution"] = "checked with the delivery note",
                            ["creditAmount"] = Money(amount / 10),
                        });
                    break;
                }
            }
        }
    }

    /// <summary>Sends until a real answer comes (2xx or 4xx): a lost answer is sent again with the same body; a success
    /// is sometimes repeated on purpose, and must then come back as the same document. Null for a 4xx.</summary>
    async Task<JsonNode?> SendAsync(HttpClient http, Random rng, HttpMethod method, string path, JsonObject? body)
    {
        var deadline = Stopwatch.StartNew();
        var again = false;
        while (true)
        {
            var instance = LiveInstance(rng);
            Interlocked.Increment(ref requests);
            try
            {
                using var request = new HttpRequestMessage(method, new Uri(instance.BaseAddress, path));
                request.Headers.Add("X-Api-Key", o.ClerkKey);
                if (body is not null)
                    request.Content = JsonContent.Create(body);
                using var response = await http.SendAsync(request);
                // A 409 is a race the app refused whole (a deadlock, the same unique value at once): send it again.
                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.Conflict)
                {
                    if (!response.IsSuccessStatusCode)
                        return null;
                    var answer = response.StatusCode == HttpStatusCode.NoContent ? null : JsonNode.Parse(await response.Content.ReadAsStringAsync());
                    if (!again && method == HttpMethod.Post && body?["externalId"] is not null && rng.Next(20) == 0)
                    {
                        Interlocked.Increment(ref replays);
                        var replayed = await SendAsync(http, rng, method, path, body);
                        if (replayed?["number"]?.ToString() != answer?["number"]?.ToString())
                            throw new InvalidOperationException($"{path} {body["externalId"]}: sent again it answered {replayed?["number"]}, first {answer?["number"]}");
                    }
                    return answer;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
            }
            again = true;
            Interlocked.Increment(ref retries);
            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
                throw new TimeoutException($"{method} {path}: no answer for 5 minutes");
            await Task.Delay(100 + rng.Next(200));
        }
    }

    async Task<List<(string Number, string Kind, decimal Open, bool Debit)>> OpenItemsAsync(HttpClient http, Random rng, string account)
    {
        var items = await SendAsync(http, rng, HttpMethod.Get, $"/api/v1/customers/{account}/open-items", null) as JsonArray ?? [];
        return items.Select(i => (i!["number"]!.ToString(), i["kind"]!.ToString(), Math.Abs((decimal)i["open"]!), i["kind"]!.ToString() is "Invoice" or "Fee" or "Interest"))
            .Where(i => i.Item3 > 0).ToList();
    }

    async Task<List<(string Number, decimal Open)>> OpenDebitsAsync(HttpClient http, Random rng, string account) =>
        (await OpenItemsAsync(http, rng, account)).Where(i => i.Debit && i.Kind == "Invoice").Select(i => (i.Number, i.Open)).ToList();

    void Acknowledge(string externalId, JsonNode? answer)
    {
        if (answer?["number"] is { } number)
            acknowledged[externalId] = number.ToString();
    }

    Instance LiveInstance(Random rng)
    {
        var live = instances.Where(i => i.Up).ToList();
        return live.Count == 0 ? instances[rng.Next(instances.Count)] : live[rng.Next(live.Count)];
    }

    async Task KillAsync(int what)
    {
        // A job's kill with no run going on kills an instance instead.
        lock (jobLock)
            if (what >= instances.Count && (job is null || job.HasExited))
                what %= instances.Count;
        if (what < instances.Count)
        {
            Interlocked.Increment(ref instanceKills);
            instances[what].Kill();
            restarts.Add(instances[what].StartAsync());
            return;
        }
        lock (jobLock)
        {
            if (job is null || job.HasExited)
                return;
            job.Kill(entireProcessTree: true);
            job.WaitForExit();
            Interlocked.Increment(ref jobKills);
        }
        await Task.CompletedTask;
    }

    void StartJob(string name)
    {
        lock (jobLock)
        {
            if (job is { HasExited: false })
                return;
            var asOf = name == "Statements" ? o.StatementMonthEnd : o.Today;
            job = o.StartApp(["run-job", name, "--as-of", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], $"job-{jobRuns}");
            Interlocked.Increment(ref jobRuns);
        }
    }

    async Task<int> RunVerbAsync(params string[] args)
    {
        using var process = o.StartApp(args, args[0] + (args.Length > 1 ? "-" + args[1] : ""), echo: true);
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>Every acknowledged document still there; no external id twice.</summary>
    async Task<(int Lost, int Doubled)> CheckDocumentsAsync()
    {
        await using var db = NpgsqlDataSource.Create(o.ConnectionString);
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = db.CreateCommand("select number from documents where external_id like 'W%'"))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                numbers.Add(reader.GetString(0));
        var lost = acknowledged.Values.Count(n => !numbers.Contains(n));
        // Statements, their emails and letters twice are verify's checks.
        await using var command = db.CreateCommand(
            "select count(*) from (select kind, external_id from documents where external_id is not null group by 1, 2 having count(*) > 1) d");
        var doubled = Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return (lost, doubled);
    }

    static decimal Amount(Random rng, int min, int max) => Money(min + (decimal)rng.NextDouble() * (max - min));

    static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.ToEven);

    static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One app process serving HTTP, started and killed by the walk.</summary>
    sealed class Instance(WalkOptions o, int index)
    {
        Process? process;
        int starts;
        public Uri BaseAddress { get; } = new($"http://127.0.0.1:{o.FirstPort + index}");
        public bool Up { get; private set; }

        public async Task StartAsync()
        {
            process = o.StartApp([], $"instance-{index}-{starts++}", ("Urls", BaseAddress.ToString()));
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromMinutes(3))
            {
                try
                {
                    if ((await probe.GetAsync(new Uri(BaseAddress, "/health/ready"))).IsSuccessStatusCode)
                    {
                        Up = true;
                        return;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                }
                if (process.HasExited)
                    throw new InvalidOperationException($"instance {index} exited with code {process.ExitCode}; see its log in {o.WorkDirectory}");
                await Task.Delay(200);
            }
            throw new TimeoutException($"instance {index} not ready after 3 minutes");
        }

        public void Kill()
        {
            Up = false;
            process?.Kill(entireProcessTree: true);
            process?.WaitForExit();
        }

        public void Stop() => Kill();
    }
}

sealed record WalkOptions(int Seed, int Steps, int Clients, int Kills, int FirstPort, string AppDirectory, string WorkDirectory,
    string ConnectionString, string ClerkKey, DateOnly Today)
{
    /// <summary>The month whose statements the walk's runs issue: the last one that has ended.</summary>
    public DateOnly StatementMonthEnd => new DateOnly(Today.Year, Today.Month, 1).AddDays(-1);

    /// <summary>The app (as deployed: its own folder, its appsettings.json) with a verb or none, its output to a log file.</summary>
    public Process StartApp(string[] args, string log, params (string Name, string Value)[] environment) => StartApp(args, log, false, environment);

    public Process StartApp(string[] args, string log, bool echo, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("ArLedger.Web.dll");
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__ArLedger"] = ConnectionString;
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var process = Process.Start(start)!;
        var file = new StreamWriter(Path.Combine(WorkDirectory, log + ".log")) { AutoFlush = true };
        void Write(string? line)
        {
            if (line is null)
                return;
            lock (file)
                file.WriteLine(line);
            if (echo)
                Console.WriteLine("  " + line);
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
