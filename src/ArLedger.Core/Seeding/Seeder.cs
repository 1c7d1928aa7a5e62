using System.Diagnostics;
using System.Threading.Channels;
using ArLedger.Customers;
using ArLedger.Ledger;
using Npgsql;

namespace ArLedger.Seeding;

/// <summary>What a seed wrote; <see cref="Seeded"/> is false when the book already had customers and nothing was written.</summary>
public sealed record SeedResult(bool Seeded, int Customers, int Invoices, int Payments, TimeSpan Elapsed);

/// <summary>
/// Fills an empty book: the demo book for trying the app, or a synthetic book of any size for scale work.
/// Seeding only ever happens on a book without customers, checked under an advisory lock, so several
/// instances starting at once against a new database seed it once.
/// </summary>
public sealed class Seeder(NpgsqlDataSource db, BusinessCalendar calendar)
{
    // Any constant will do, as long as every instance uses the same one.
    const long LockKey = 0x5365_6564_426F_6F6B; // "SeedBook"
    const int CustomersPerSlice = 500;

    DateOnly Today => calendar.Today;

    public async Task<SeedResult> SeedDemoAsync(CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecAsync(conn, $"select pg_advisory_xact_lock({LockKey})", ct);
        if (await HasCustomersAsync(conn, ct))
            return new SeedResult(false, 0, 0, 0, watch.Elapsed);
        var book = DemoBook.Build(Today, await ReadTermsAsync(conn, ct));
        await new BookWriter(calendar.Clock, history: true).WriteAsync(conn, book, ct);
        await ExecAsync(conn, DemoCollectors, ct);
        await tx.CommitAsync(ct);
        return Summary(book.Customers.Count, book.Documents, watch.Elapsed);
    }

    /// <summary>
    /// Writes <paramref name="customers"/> customers of <paramref name="invoicesPerCustomer"/> invoices each, one
    /// transaction per slice of customers; the next slice is generated while the previous one is being copied.
    /// </summary>
    public async Task<SeedResult> SeedSyntheticAsync(int customers, int invoicesPerCustomer, IProgress<int>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customers);
        ArgumentOutOfRangeException.ThrowIfNegative(invoicesPerCustomer);
        var watch = Stopwatch.StartNew();
        await using var conn = await db.OpenConnectionAsync(ct);
        await ExecAsync(conn, $"select pg_advisory_lock({LockKey})", ct);
        try
        {
            if (await HasCustomersAsync(conn, ct))
                return new SeedResult(false, 0, 0, 0, watch.Elapsed);
            var generator = new SyntheticBook(Today, await ReadTermsAsync(conn, ct));
            var slices = Channel.CreateBounded<SeedBook>(2);
            // Stops the generator when writing fails, so it does not wait forever for room in the channel.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var producing = Task.Run(async () =>
            {
                try
                {
                    foreach (var slice in generator.Slices(customers, invoicesPerCustomer, CustomersPerSlice))
                        await slices.Writer.WriteAsync(slice, stop.Token);
                    slices.Writer.Complete();
                }
                catch (Exception e)
                {
                    slices.Writer.Complete(e);
                }
            }, stop.Token);

            var writer = new BookWriter(calendar.Clock);
            int written = 0, invoices = 0, payments = 0;
            try
            {
                await foreach (var slice in slices.Reader.ReadAllAsync(ct))
                {
                    await using (var tx = await conn.BeginTransactionAsync(ct))
                    {
                        await writer.WriteAsync(conn, slice, ct);
                        await tx.CommitAsync(ct);
                    }
                    written += slice.Customers.Count;
                    invoices += slice.Documents.Count(d => d.Kind == DocumentKind.Invoice);
                    payments += slice.Documents.Count(d => d.Kind == DocumentKind.Payment);
                    progress?.Report(written);
                }
            }
            finally
            {
                await stop.CancelAsync();
            }
            await producing;
            // Fresh statistics, or the first queries plan as if the tables were still empty.
            await ExecAsync(conn, "analyze customers, documents, document_lines, allocations, ledger_entries", ct);
            return new SeedResult(true, written, invoices, payments, watch.Elapsed);
        }
        finally
        {
            await ExecAsync(conn, $"select pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    static SeedResult Summary(int customers, List<SeedDocument> documents, TimeSpan elapsed) => new(true, customers,
        documents.Count(d => d.Kind == DocumentKind.Invoice), documents.Count(d => d.Kind == DocumentKind.Payment), elapsed);

    static async Task<bool> HasCustomersAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select exists (select 1 from customers)", conn);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static async Task<Dictionary<string, PaymentTerms>> ReadTermsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var terms = new Dictionary<string, PaymentTerms>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand("select id, code, name, days, end_of_month from payment_terms", conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            terms[r.GetString(1)] = new PaymentTerms
            {
                Id = r.GetInt64(0),
                Code = r.GetString(1),
                Name = r.GetString(2),
                Days = r.GetInt32(3),
                EndOfMonth = Enum.Parse<EndOfMonthRule>(r.GetString(4)),
            };
        }
        return terms;
    }

    /// <summary>
    /// Three collectors who share the demo's customers in turn, so the collector column and the portfolios are filled.
    /// They have no password (nobody signs in as them) until an administrator gives them one on the Users page.
    /// </summary>
    const string DemoCollectors = """
        with collectors as (
            insert into users (user_name, normalized_user_name, display_name, collector_name, security_stamp, concurrency_stamp,
                               lockout_enabled, access_failed_count, created_at)
            select n.user_name, upper(n.user_name), n.name, n.name, md5(random()::text), md5(random()::text), true, 0, now()
            from (values (1, 'camille.martin', 'Camille Martin'), (2, 'hugo.bernard', 'Hugo Bernard'), (3, 'lea.petit', 'Léa Petit'))
                 as n(turn, user_name, name)
            on conflict (normalized_user_name) do nothing
            returning id, user_name
        ), turns as (
            select id, row_number() over (order by user_name) - 1 as turn, count(*) over () as n from collectors
        )
        update customers c set collector_id = t.id
        from turns t
        where c.collector_id is null and c.id % t.n = t.turn
        """;

    static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
