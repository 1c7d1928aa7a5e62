using Microsoft.EntityFrameworkCore;

namespace ArLedger.Persistence;

/// <summary>
/// A row read in order to change it, locked (select ... for update) until the transaction ends, so two people
/// deciding on the same dispute, write-off or promise queue one behind the other instead of both passing the checks.
/// </summary>
public static class RowLocks
{
    /// <summary>The row with this id, locked and tracked; the caller adds Include and SingleOrDefaultAsync.</summary>
    public static IQueryable<T> ForUpdate<T>(this DbSet<T> rows, long id) where T : class
    {
        // The table name comes from our own model, never from input.
        var sql = "select * from " + rows.EntityType.GetTableName() + " where id = {0} for update";
        return rows.FromSqlRaw(sql, id).AsTracking();
    }
}
