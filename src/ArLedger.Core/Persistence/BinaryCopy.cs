using Npgsql;
using NpgsqlTypes;

namespace ArLedger.Persistence;

/// <summary>Writing the fields of a binary COPY row (bulk inserts): a value that is absent is written as SQL null.</summary>
public static class BinaryCopy
{
    public static Task WriteOrNullAsync<T>(this NpgsqlBinaryImporter w, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? w.WriteAsync(v, type, ct) : w.WriteNullAsync(ct);

    public static Task WriteOrNullAsync(this NpgsqlBinaryImporter w, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is not null ? w.WriteAsync(value, type, ct) : w.WriteNullAsync(ct);
}
