using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ArLedger.Identity;
using ArLedger.Imports;
using ArLedger.Testing;
using ArLedger.Web.Tests.Imports;

namespace ArLedger.Web.Tests.Api;

/// <summary>The book the corpus spoils requests against: a customer with an open invoice and a payment.</summary>
public sealed class BadInputCorpusApp : ArLedgerAppFactory
{
    public string Account { get; } = $"BC{Guid.NewGuid():N}"[..12].ToUpperInvariant();
    public string Invoice { get; private set; } = "";
    public string Payment { get; private set; } = "";
    public long Allocation { get; private set; }
    readonly Dictionary<string, HttpClient> clients = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var book = new Book(Database, Clock);
        await book.CustomerAsync(Account);
        var invoice = await book.InvoiceAsync(Account, 500m);
        var payment = await book.PaymentAsync(Account, 50m);
        (Invoice, Payment) = (invoice.Number, payment.Number);
        Allocation = (await book.AllocateAsync(invoice.Id, payment.Id, 10m)).Id;
    }

    /// <summary>One client per channel and role, made once: an API key, or a signed-in browser's cookies.</summary>
    public async Task<HttpClient> ClientAsync(BadInputChannel channel, string role)
    {
        var key = $"{channel}/{role}";
        if (!clients.TryGetValue(key, out var client))
        {
            client = channel == BadInputChannel.Api ? await ApiClientAsync(role) : await SignedInClientAsync(role);
            clients[key] = client;
        }
        return client;
    }
}

/// <summary>
/// Bad inputs by the hundred, through the API, the page forms and the CSV imports: each is answered at its field
/// (a 4xx ProblemDetails naming it, the form shown again with a 4xx and the field marked invalid, the preview naming
/// the row and column), never with a 500, and the count of rows of every table is the same before and after.
/// </summary>
public sealed partial class BadInputCorpusTests(BadInputCorpusApp app) : IClassFixture<BadInputCorpusApp>
{
    public static TheoryData<string> Cases() => new(BadInputCorpus.All.Select(c => c.Name));

    [Fact]
    public void The_corpus_holds_at_least_150_distinct_cases_across_api_forms_and_csv()
    {
        Assert.True(BadInputCorpus.All.Count >= 150, $"{BadInputCorpus.All.Count} cases");
        Assert.Equal(BadInputCorpus.All.Count, BadInputCorpus.All.Select(c => c.Name).Distinct().Count());
        Assert.All(Enum.GetValues<BadInputChannel>(), channel => Assert.Contains(BadInputCorpus.All, c => c.Channel == channel));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_input_is_answered_at_its_field_and_writes_nothing(string name)
    {
        var input = BadInputCorpus.All.Single(c => c.Name == name);
        var client = await app.ClientAsync(input.Channel, input.Role);
        var before = await RowCountsAsync();

        switch (input.Channel)
        {
            case BadInputChannel.Api:
                await ApiAsync(client, input);
                break;
            case BadInputChannel.Form:
                await FormAsync(client, input);
                break;
            case BadInputChannel.Csv:
                await CsvAsync(client, input);
                break;
        }

        var after = await RowCountsAsync();
        var changed = after.Where(t => before.GetValueOrDefault(t.Key) != t.Value
                                       && !(input.Channel == BadInputChannel.Csv && ImportRecords.Contains(t.Key)))
            .Select(t => $"{t.Key}: {before.GetValueOrDefault(t.Key)} -> {t.Value}").ToList();
        Assert.True(changed.Count == 0, $"{name} wrote rows: {string.Join(", ", changed)}");
    }

    /// <summary>An upload is kept as an import batch so its preview can be read: that is the import's own record, not
    /// the book's.</summary>
    static readonly HashSet<string> ImportRecords = ["public.import_batches"];

    string Fill(string text, string fresh) => text
        .Replace("{account}", app.Account, StringComparison.Ordinal)
        .Replace("{invoice}", app.Invoice, StringComparison.Ordinal)
        .Replace("{payment}", app.Payment, StringComparison.Ordinal)
        .Replace("{allocation}", app.Allocation.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{new}", fresh, StringComparison.Ordinal)
        .Replace("{today+30}", app.Clock.Today.AddDays(30).ToString("yyyy-MM-dd"), StringComparison.Ordinal)
        .Replace("{today}", app.Clock.Today.ToString("yyyy-MM-dd"), StringComparison.Ordinal);

    static string Fresh() => $"BN{Guid.NewGuid():N}"[..12].ToUpperInvariant();

    async Task ApiAsync(HttpClient client, BadInput input)
    {
        var fresh = Fresh();
        var body = JsonNode.Parse(Fill(input.Base, fresh))!.AsObject();
        Set(body, input.Field, input.Value is null or BadInputCorpus.Missing ? null : JsonNode.Parse(Fill(input.Value, fresh)),
            remove: input.Value == BadInputCorpus.Missing);

        var response = await client.PostAsync(Fill(input.Target, fresh), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{input.Name}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.TryGetProperty("errors", out var e) ? e : default;
        Assert.True(errors.ValueKind == JsonValueKind.Object && errors.TryGetProperty(input.Field, out _),
            $"{input.Name}: no error named {input.Field} in {text}");
    }

    /// <summary>Sets (or removes) the value at a path such as <c>lines[0].unitPrice</c> or <c>billingAddress.country</c>,
    /// making the objects on the way when the valid body has none.</summary>
    static void Set(JsonObject body, string path, JsonNode? value, bool remove)
    {
        JsonNode node = body;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var (name, index) = Part(parts[i]);
            var last = i == parts.Length - 1;
            var o = node.AsObject();
            if (index is null)
            {
                if (last)
                {
                    if (remove)
                        o.Remove(name);
                    else
                        o[name] = value;
                    return;
                }
                node = o[name] ??= new JsonObject();
            }
            else
            {
                var array = (o[name] ??= new JsonArray()).AsArray();
                if (last)
                {
                    if (array.Count > index)
                        array[index.Value] = value;
                    else
                        array.Add(value);
                    return;
                }
                node = array[index.Value]!;
            }
        }
    }

    static (string Name, int? Index) Part(string part)
    {
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? (part, null) : (part[..bracket], int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    async Task FormAsync(HttpClient client, BadInput input)
    {
        var fresh = Fresh();
        var path = Fill(input.Target, fresh);
        var page = await client.GetStringAsync(path);
        var fields = Fill(input.Base, fresh).Split('\n').Select(l => l.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        fields[input.Field] = input.Value ?? "";
        // The page's one-time key, where it has one (the payment form), goes back as a browser would send it.
        if (FormKey().Match(page) is { Success: true } key)
            fields["FormKey"] = WebUtility.HtmlDecode(key.Groups[1].Value);

        var response = await ArLedgerAppFactory.PostFormAsync(client, path, fields);

        var html = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{input.Name}: {(int)response.StatusCode}");
        var tag = Regex.Match(html, $"<(?:input|select|textarea)\\b[^>]*\\bname=\"{Regex.Escape(input.Field)}\"[^>]*>");
        Assert.True(tag.Success, $"{input.Name}: the form shown again has no field {input.Field}");
        Assert.True(tag.Value.Contains("is-invalid", StringComparison.Ordinal), $"{input.Name}: {input.Field} is not marked invalid: {tag.Value}");
    }

    [GeneratedRegex("name=\"FormKey\" value=\"([^\"]+)\"")]
    private static partial Regex FormKey();

    async Task CsvAsync(HttpClient client, BadInput input)
    {
        var fresh = Fresh();
        var template = Encoding.UTF8.GetString(ImportTemplates.Csv(input.Kind, french: true)).TrimStart('\uFEFF');
        var lines = template.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(';');
        var row = lines[1].Split(';');
        void Put(string column, string value)
        {
            var at = Array.IndexOf(header, column);
            Assert.True(at >= 0, $"{input.Name}: the template has no column {column} ({lines[0]})");
            row[at] = value;
        }
        Put("external_id", "corpus-" + fresh);
        switch (input.Kind)
        {
            case ImportKind.Customers:
                Put("compte", fresh);
                break;
            case ImportKind.Invoices:
                Put("compte_client", app.Account);
                Put("numero_facture", "FA-" + fresh);
                break;
            case ImportKind.Payments:
                Put("compte_client", app.Account);
                Put("numero_facture", "");
                break;
        }
        Put(input.Field, input.Value ?? "");
        var file = Encoding.UTF8.GetBytes(lines[0] + "\r\n" + string.Join(';', row) + "\r\n");

        var preview = ImportClient.Readable(await client.GetStringAsync(await ImportClient.UploadAsync(client, input.Kind, "corpus.csv", file)));

        Assert.True(preview.Contains($"Ligne 2, colonne « {input.Field} »", StringComparison.Ordinal),
            $"{input.Name}: the preview does not name line 2, column {input.Field}");
        Assert.DoesNotContain("PostgreSQL", preview, StringComparison.Ordinal);
    }

    /// <summary>The exact row count of every table of the app's schema and of Hangfire's job table, in one query.</summary>
    async Task<Dictionary<string, long>> RowCountsAsync()
    {
        await using var cmd = app.Database.DataSource.CreateCommand("""
            select t.table_schema || '.' || t.table_name,
                   (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.%I', t.table_schema, t.table_name), false, true, '')))[1]::text::bigint
            from information_schema.tables t
            where t.table_type = 'BASE TABLE'
              and (t.table_schema = 'public' or (t.table_schema = 'hangfire' and t.table_name = 'job'))
              -- Written by signing in and by the key ring, not by the request under test.
              and t.table_name not in ('data_protection_keys')
            """);
        var counts = new Dictionary<string, long>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                counts[reader.GetString(0)] = reader.GetInt64(1);
        // Hangfire's recurring sweep (ShareOpenRuns, every minute) adds jobs of its own at any moment: only the jobs a
        // request enqueued count.
        await using var jobs = app.Database.DataSource.CreateCommand("""
            select count(*) from hangfire.job j
            where not exists (select 1 from hangfire.jobparameter p where p.jobid = j.id and p.name = 'RecurringJobId')
            """);
        counts["hangfire.job"] = (long)(await jobs.ExecuteScalarAsync())!;
        return counts;
    }
}
