using System.Collections.Concurrent;

namespace ArLedger.Imports;

/// <summary>Rows done of a file being checked or imported, and rows in it.</summary>
public readonly record struct ImportCount(int Done, int Total);

/// <summary>
/// How far the checks and imports running in this process have got, by batch. Kept in memory because an import is
/// one transaction: a count written to the database inside it would stay invisible until the end, and one written
/// beside it would cost a round trip per row. A page polling another instance than the one doing the work sees no
/// count, only that the run is going.
/// </summary>
public sealed class ImportProgress
{
    readonly ConcurrentDictionary<long, ImportCount> counts = new();

    public void Report(long batchId, int done, int total) => counts[batchId] = new ImportCount(done, total);

    public ImportCount? Of(long batchId) => counts.TryGetValue(batchId, out var count) ? count : null;

    public void Forget(long batchId) => counts.TryRemove(batchId, out _);
}
