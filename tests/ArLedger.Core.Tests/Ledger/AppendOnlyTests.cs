using ArLedger.Testing;
using Npgsql;

namespace ArLedger.Core.Tests.Ledger;

public sealed class AppendOnlyTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Theory]
    [InlineData("update ledger_entries set debit = debit + 1")]
    [InlineData("delete from ledger_entries")]
    [InlineData("truncate ledger_entries cascade")]
    [InlineData("update allocations set amount = amount + 1")]
    [InlineData("delete from allocations")]
    public async Task The_database_refuses_to_change_or_remove_ledger_entries_and_allocations(string sql)
    {
        var book = new Book(db);
        var customer = $"AO{Guid.NewGuid():N}"[..10];
        await book.CustomerAsync(customer);
        var invoice = await book.InvoiceAsync(customer, 100m);
        var payment = await book.PaymentAsync(customer, 40m);
        await book.AllocateAsync(invoice.Id, payment.Id, 40m);

        await using var cmd = db.DataSource.CreateCommand(sql);
        var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());

        Assert.Contains("append-only", e.MessageText, StringComparison.Ordinal);
        Assert.Empty(await book.InvariantViolationsAsync());
    }
}
