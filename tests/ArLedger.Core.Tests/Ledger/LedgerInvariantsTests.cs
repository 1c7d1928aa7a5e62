using ArLedger.Testing;

namespace ArLedger.Core.Tests.Ledger;

/// <summary>The checker the other tests rely on must itself catch a broken book.</summary>
public sealed class LedgerInvariantsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_checker_reports_a_document_whose_cached_allocation_disagrees_with_its_allocations()
    {
        var book = new Book(db);
        await book.CustomerAsync("INV001");
        var invoice = await book.InvoiceAsync("INV001", 100m);
        Assert.Empty(await book.InvariantViolationsAsync());

        await using (var cmd = db.DataSource.CreateCommand($"update documents set allocated_amount = 10 where id = {invoice.Id}"))
            await cmd.ExecuteNonQueryAsync();

        var violations = await book.InvariantViolationsAsync();
        Assert.Contains(violations, v => v.StartsWith("allocated amount = sum of allocations", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("balance = sum of entries", StringComparison.Ordinal));
    }
}
