using System.Diagnostics;
using System.Globalization;
using ArLedger.Bank;
using Npgsql;

/// <summary>
/// The morning bank import at scale (see bench/bank.sh): a camt.053 statement of many lines written from the book's own
/// open items, paying them the ways customers do; and its floors, reading the file alone and the one query that loads
/// the open book for matching.
/// </summary>
static class BankBench
{
    /// <summary>
    /// Writes a statement of <paramref name="lines"/> credit lines for the bank account with that IBAN: 60 % pay one open
    /// item by its number, 15 % two items of a customer by their numbers, 15 % one item by amount under the customer's
    /// name (proposed, not posted), 10 % come from payers nobody knows. Each item is paid once.
    /// </summary>
    public static async Task<int> FileAsync(string connectionString, int lines, string iban, string output)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        var random = new Random(9_120);
        var items = new List<(string Customer, string Number, decimal Open)>();
        await using (var cmd = db.CreateCommand("""
            select c.name, d.number, d.amount - d.allocated_amount - d.written_off_amount
            from documents d join customers c on c.id = d.customer_id
            where d.kind = 'Invoice' and d.reversed_at is null and d.amount - d.allocated_amount - d.written_off_amount > 0
            order by d.customer_id, d.id
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
                items.Add((r.GetString(0), r.GetString(1), r.GetDecimal(2)));
        // Whole customers at random, their items in order: a customer's two items stay side by side for the two-item lines.
        var byCustomer = items.GroupBy(i => i.Customer).OrderBy(_ => random.Next()).SelectMany(g => g).ToList();
        var movements = new List<WrittenMovement>(lines);
        var at = 0;
        for (var n = 0; n < lines && at + 1 < byCustomer.Count; n++)
        {
            var kind = random.Next(100);
            var (customer, number, open) = byCustomer[at++];
            var payer = customer.ToUpperInvariant();
            if (kind < 60)
                movements.Add(new(open, $"VIR SEPA {payer}", payer, Text: $"Facture {number}"));
            else if (kind < 75 && byCustomer[at].Customer == customer)
            {
                var second = byCustomer[at++];
                movements.Add(new(open + second.Open, $"VIR SEPA {payer}", payer, Text: $"{number} {second.Number}"));
            }
            else if (kind < 90)
                movements.Add(new(open, $"VIR SEPA {payer}", payer));
            else
                movements.Add(new(decimal.Round(10 + (decimal)random.NextDouble() * 5_000, 2), $"VIR SEPA PAYEUR {n}", $"PAYEUR INCONNU {n}"));
        }
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        await File.WriteAllBytesAsync(output, BankFileWriter.Camt053(iban, day, 100_000m, movements, $"BENCH-{day:yyyyMMdd}-{lines}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {movements.Count} lines of {movements.Sum(m => m.Amount):N2} EUR to {output}, from {items.Count} open invoices of {items.Select(i => i.Customer).Distinct().Count()} customers"));
        return 0;
    }

    /// <summary>
    /// The floors: reading the file into statements, no database, in a fresh process (cold) and again (warm); and the query
    /// of the whole open book, which matching read before it read only the items a statement concerns.
    /// </summary>
    public static async Task<int> FloorAsync(string connectionString, string file)
    {
        var bytes = await File.ReadAllBytesAsync(file);
        // The first read pays the JIT, as the app's import does; the second is the reader's own cost.
        var sw = Stopwatch.StartNew();
        BankFiles.Read(bytes);
        var cold = sw.Elapsed;
        sw.Restart();
        var statements = BankFiles.Read(bytes);
        var read = sw.Elapsed;
        await using var db = NpgsqlDataSource.Create(connectionString);
        sw.Restart();
        var rows = 0;
        await using (var cmd = db.CreateCommand("""
            select d.id, d.customer_id, d.kind, d.number, d.document_date, d.due_date, d.amount - d.allocated_amount - d.written_off_amount
            from documents d where d.kind in ('Invoice', 'Fee', 'Interest') and d.currency = 'EUR' and d.reversed_at is null
              and d.amount - d.allocated_amount - d.written_off_amount > 0
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
                rows++;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"floor: read {statements.Sum(s => s.Lines.Count)} lines in {read.TotalMilliseconds:N0} ms warm, {cold.TotalMilliseconds:N0} ms cold; whole open book query {rows} rows in {sw.Elapsed.TotalMilliseconds:N0} ms"));
        return 0;
    }
}
