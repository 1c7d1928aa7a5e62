using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArLedger.Persistence;

/// <summary>
/// The context's own connection, for SQL written by hand: opened for the call and closed after, unless the caller
/// already had it open (a transaction around the call), which then keeps it open.
/// </summary>
public sealed class ContextConnection : IAsyncDisposable
{
    readonly bool close;

    ContextConnection(NpgsqlConnection connection, bool close)
    {
        Connection = connection;
        this.close = close;
    }

    public NpgsqlConnection Connection { get; }

    public static async Task<ContextConnection> OpenAsync(ArLedgerDbContext db, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var close = connection.State != System.Data.ConnectionState.Open;
        if (close)
            await connection.OpenAsync(ct);
        return new ContextConnection(connection, close);
    }

    public async ValueTask DisposeAsync()
    {
        if (close)
            await Connection.CloseAsync();
    }
}
