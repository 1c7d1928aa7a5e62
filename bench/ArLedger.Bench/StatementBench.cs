using System.Diagnostics;
using System.Globalization;
using ArLedger.Documents;
using ArLedger.Persistence;
using ArLedger.Statements;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

/// <summary>
/// The floors the monthly statement run is measured against (see bench/statements.sh): rendering the statement
/// layout from content already in memory, no database; and sending messages of a statement's size straight with
/// MailKit, no outbox.
/// </summary>
static class StatementBench
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Reads <paramref name="count"/> statements of the month (not timed), then times their rendering on one core and on all.</summary>
    public static async Task<int> RenderFloorAsync(string connectionString, int count)
    {
        await using var services = Services(connectionString);
        var month = StatementMonth.EndingOnOrBefore(DateOnly.FromDateTime(DateTime.UtcNow));
        await using var scope = services.CreateAsyncScope();
        var builder = scope.ServiceProvider.GetRequiredService<StatementBuilder>();
        var ids = (await builder.CustomersToStateAsync(month)).Take(count).ToList();
        var statements = new List<Statement>();
        foreach (var chunk in ids.Chunk(200))
            statements.AddRange(await builder.BuildAsync(chunk, month.From, month.To));
        var pdf = services.GetRequiredService<IPdfRenderer>();
        var company = services.GetRequiredService<IOptions<CompanyProfile>>().Value;
        byte[] Render(Statement s) => pdf.Render(StatementLayout.Compose(s, company));
        Render(statements[0]); // warm-up: fonts, JIT

        var bytes = 0L;
        var sw = Stopwatch.StartNew();
        foreach (var s in statements)
            bytes += Render(s).Length;
        var one = sw.Elapsed.TotalSeconds;
        sw.Restart();
        Parallel.For(0, statements.Count, i => Render(statements[i]));
        var all = sw.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(Inv,
            $"render floor: {statements.Count} statements of {month.Key}, average PDF {bytes / statements.Count / 1024.0:N1} KiB; " +
            $"1 core {statements.Count / one:N1}/s, {Environment.ProcessorCount} cores {statements.Count / all:N1}/s"));
        Console.WriteLine(string.Create(Inv, $"pdf-bytes {bytes / statements.Count}"));
        return 0;
    }

    /// <summary>Sends <paramref name="count"/> messages with an attachment of <paramref name="bytes"/> over <paramref name="connections"/> connections.</summary>
    public static async Task<int> SmtpFloorAsync(string host, int port, int count, int connections, int bytes)
    {
        var attachment = new byte[bytes];
        new Random(42).NextBytes(attachment);
        var next = -1;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(host, port, SecureSocketOptions.None);
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var body = new BodyBuilder { TextBody = "Veuillez trouver ci-joint votre relevé de compte." };
                body.Attachments.Add($"releve-{i}.pdf", attachment, new ContentType("application", "pdf"));
                var message = new MimeMessage(
                    [MailboxAddress.Parse("compta@bench.example")], [MailboxAddress.Parse($"client{i}@bench.example")],
                    "Relevé de compte", body.ToMessageBody());
                await client.SendAsync(message);
            }
            await client.DisconnectAsync(true);
        })));
        Console.WriteLine(string.Create(Inv,
            $"smtp floor: {count} messages of {bytes / 1024.0:N1} KiB over {connections} connection(s) in {sw.Elapsed.TotalSeconds:N1} s = {count / sw.Elapsed.TotalSeconds:N1} messages/s"));
        return 0;
    }

    static ServiceProvider Services(string connectionString)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ArLedger"] = connectionString,
            ["Jobs:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddArLedgerData(connectionString);
        services.AddArLedgerDocuments(config);
        services.AddArLedgerStatements();
        return services.BuildServiceProvider();
    }
}
