using ArLedger.Testing;

namespace ArLedger.Core.Tests.Ledger;

/// <summary>
/// Ledger transactions take their locks in one order, the customer's kept balance before the documents (see
/// BalanceLocks): a posting that has written the balance and then locks documents, and a reversal of an allocation on
/// the same documents, queue one behind the other instead of deadlocking (the long walk with kills met this one).
/// </summary>
public sealed class LockOrderTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly Book book = new(db);

    [Fact]
    public async Task A_reversal_waits_behind_a_posting_that_holds_the_customers_balance_instead_of_deadlocking_with_it()
    {
        var account = $"LO{Guid.NewGuid():N}"[..10];
        var customer = await book.CustomerAsync(account);
        var invoice = await book.InvoiceAsync(account, 100m);
        var payment = await book.PaymentAsync(account, 100m);
        var allocation = await book.AllocateAsync(invoice.Id, payment.Id, 50m);

        // A posting in progress: it has written the customer's balance (as every document and entry does through the
        // triggers) and goes on to lock the documents it allocates.
        await using var posting = await db.DataSource.OpenConnectionAsync();
        await using var tx = await posting.BeginTransactionAsync();
        await using (var write = new Npgsql.NpgsqlCommand("update customer_balances set balance = balance where customer_id = $1", posting, tx))
        {
            write.Parameters.AddWithValue(customer.Id);
            await write.ExecuteNonQueryAsync();
        }
        var reversal = Task.Run(() => book.TryReverseAllocationAsync(allocation.Id));
        await WaitUntilSomeoneWaitsForALockAsync();

        await using (var lockDocuments = new Npgsql.NpgsqlCommand("select 1 from documents where id = any($1) order by id for update", posting, tx))
        {
            lockDocuments.Parameters.AddWithValue(new[] { invoice.Id, payment.Id });
            await lockDocuments.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        var reversed = await reversal.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(reversed.Succeeded, reversed.Problem?.Message);
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    /// <summary>The reversal has reached a lock the posting holds.</summary>
    async Task WaitUntilSomeoneWaitsForALockAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        await using var probe = db.DataSource.CreateCommand(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
        while ((long)(await probe.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the reversal never waited for a lock");
            await Task.Delay(20);
        }
    }
}
