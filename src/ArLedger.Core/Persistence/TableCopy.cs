using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using NpgsqlTypes;

namespace ArLedger.Persistence;

/// <summary>
/// Writes entities of the model with one binary COPY, the columns and their values read from the model's own mapping
/// (names, converters), so the rows are the ones SaveChanges would write for the same entities, at a fraction of the
/// cost for thousands of rows. The entities are not tracked; ids that other rows need are taken first with
/// <see cref="NextIdsAsync"/>, and a table's key is left to its default when the rows carry none.
/// </summary>
public static class TableCopy
{
    public static async Task WriteAsync<T>(ArLedgerDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
            return;
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var generated = type.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key]
            && rows.All(r => Equals(key.GetGetter().GetClrValue(r), 0L)) ? key : null;
        var columns = type.GetProperties()
            .Where(p => p != generated && !p.IsShadowProperty() && p.GetColumnName(table) is not null)
            .Select(p => (Property: p, Name: p.GetColumnName(table)!, Mapping: p.GetRelationalTypeMapping(), Getter: p.GetGetter()))
            .ToList();

        await using var connection = await ContextConnection.OpenAsync(db, ct);
        var into = $"copy {table.Name} ({string.Join(", ", columns.Select(c => c.Name))}) from stdin (format binary)";
        await using var writer = await connection.Connection.BeginBinaryImportAsync(into, ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var (_, _, mapping, getter) in columns)
            {
                var value = getter.GetClrValue(row);
                if (value is not null && mapping.Converter is { } converter)
                    value = converter.ConvertToProvider(value);
                if (value is null)
                    await writer.WriteNullAsync(ct);
                else if (mapping.StoreTypeNameBase == "jsonb")
                    await writer.WriteAsync((string)value, NpgsqlDbType.Jsonb, ct);
                else
                    await writer.WriteAsync(value, ct);
            }
        }
        await writer.CompleteAsync(ct);
    }

    /// <summary>The next <paramref name="count"/> ids of the entity's table, in order, taken from its identity.</summary>
    public static async Task<long[]> NextIdsAsync<T>(ArLedgerDbContext db, int count, CancellationToken ct) where T : class
    {
        if (count == 0)
            return [];
        var table = db.Model.FindEntityType(typeof(T))!.GetTableName()!;
        return (await db.Database
            .SqlQuery<long>($"select nextval(pg_get_serial_sequence({table}, 'id')) as \"Value\" from generate_series(1, {count})")
            .ToListAsync(ct)).Order().ToArray();
    }
}
