using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ArLedger.Audit;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArLedger.Imports;

/// <summary>
/// Checks and imports CSV files. Both steps run every row through the use case inside one transaction: the preview
/// rolls it back, so it shows exactly what the import would do (including rows already imported, which the external
/// ids recognise); the import commits only when no row is in error, so a bad row imports no row.
/// </summary>
public sealed class Importer(ArLedgerDbContext db, TimeProvider clock, Actor actor,
    CustomerImport customers, InvoiceImport invoices, PaymentImport payments)
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 10_000;

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Keeps the file as a new batch and checks it; only a file over <see cref="MaxBytes"/> is refused outright.</summary>
    public async Task<Outcome<ImportBatch>> PreviewAsync(ImportKind kind, string fileName, byte[] content, CancellationToken ct = default)
    {
        if (content.Length > MaxBytes)
            return Problem.Invalid("File", $"The file is over {MaxBytes / 1024 / 1024} MB.");
        var check = await CheckAsync(kind, content, commit: false, batchId: null, onRow: null, ct);
        var batch = NewBatch(kind, fileName, content);
        check.ApplyTo(batch, batch.CreatedAt);
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        return batch;
    }

    /// <summary>Keeps the file as a new batch without checking it yet: its check runs afterwards, as a run.</summary>
    public async Task<ImportBatch> KeepAsync(ImportKind kind, string fileName, byte[] content, CancellationToken ct = default)
    {
        var batch = NewBatch(kind, fileName, content);
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        return batch;
    }

    ImportBatch NewBatch(ImportKind kind, string fileName, byte[] content)
    {
        var now = clock.GetUtcNow();
        return new ImportBatch
        {
            Kind = kind,
            FileName = Path.GetFileName(fileName.Replace('\\', '/')) is { Length: > 0 } name ? name : "import.csv",
            Content = content,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Status = ImportStatus.Previewed,
            Report = "{}",
            CreatedAt = now,
            CreatedBy = actor.Name,
            CheckedAt = now,
        };
    }

    /// <summary>How many data rows the file holds, as a check would count them (0 when it cannot be read).</summary>
    public static int CountRows(byte[] content)
    {
        var (text, _) = CsvText.Decode(content);
        if (CsvText.LooksBinary(text))
            return 0;
        return CsvReader.Read(text).Records.Skip(1).Count(r => !r.IsBlank);
    }

    /// <summary>Checks a previewed batch again, after the book changed (its customers were imported meanwhile, say).</summary>
    public Task<Outcome<ImportBatch>> RecheckAsync(long id, CancellationToken ct = default) => RecheckAsync(id, null, ct);

    /// <summary>Checks a batch again, telling <paramref name="onRow"/> (rows checked, rows in the file) after each row.</summary>
    public async Task<Outcome<ImportBatch>> RecheckAsync(long id, Action<int, int>? onRow, CancellationToken ct)
    {
        var batch = await db.ImportBatches.SingleOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null)
            return Problem.NotFound($"No import {id}.");
        if (batch.Status == ImportStatus.Imported)
            return Outcome<ImportBatch>.Replay(batch);
        var check = await CheckAsync(batch.Kind, batch.Content, commit: false, batchId: null, onRow, ct);
        return await SaveCheckAsync(id, check, ct);
    }

    /// <summary>
    /// Imports a previewed batch: every row or none. A batch already imported is answered as a replay, and two clerks
    /// confirming at once take turns on the batch's row lock, so a batch is imported once.
    /// </summary>
    public Task<Outcome<ImportBatch>> ConfirmAsync(long id, CancellationToken ct = default) => ConfirmAsync(id, null, ct);

    /// <summary>Imports a batch, telling <paramref name="onRow"/> (rows done, rows in the file) after each row.</summary>
    public async Task<Outcome<ImportBatch>> ConfirmAsync(long id, Action<int, int>? onRow, CancellationToken ct)
    {
        var kind = await db.ImportBatches.Where(b => b.Id == id).Select(b => (ImportKind?)b.Kind).SingleOrDefaultAsync(ct);
        if (kind is null)
            return Problem.NotFound($"No import {id}.");
        var check = await CheckAsync(kind.Value, null, commit: true, batchId: id, onRow, ct);
        if (check.AlreadyImported)
            return Outcome<ImportBatch>.Replay(await db.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == id, ct));
        if (check.ErrorCount == 0)
            return await db.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == id, ct);
        await SaveCheckAsync(id, check, ct);
        return Problem.Refused($"{check.ErrorCount} rows are in error; nothing was imported.");
    }

    async Task<Outcome<ImportBatch>> SaveCheckAsync(long id, Check check, CancellationToken ct)
    {
        var batch = await db.ImportBatches.SingleAsync(b => b.Id == id, ct);
        check.ApplyTo(batch, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return batch;
    }

    ImportFormat FormatOf(ImportKind kind) => kind switch
    {
        ImportKind.Customers => customers,
        ImportKind.Invoices => invoices,
        ImportKind.Payments => payments,
    };

    /// <summary>What one pass over a file found.</summary>
    sealed class Check
    {
        public int RowCount { get; set; }
        public int CreateCount { get; set; }
        public int SkipCount { get; set; }
        public int ErrorCount { get; set; }
        public bool AlreadyImported { get; set; }
        public string? Encoding { get; set; }
        public char? Delimiter { get; set; }
        public List<ImportError> Errors { get; } = [];
        public List<ImportRowView> Rows { get; } = [];

        public void Fail(ImportError error)
        {
            ErrorCount++;
            if (Errors.Count < ImportReport.MaxErrors)
                Errors.Add(error);
        }

        public void ApplyTo(ImportBatch batch, DateTimeOffset now)
        {
            batch.RowCount = RowCount;
            batch.CreateCount = CreateCount;
            batch.SkipCount = SkipCount;
            batch.ErrorCount = ErrorCount;
            batch.Report = JsonSerializer.Serialize(new ImportReport(Encoding, Delimiter, Errors, Rows), Json);
            batch.CheckedAt = now;
        }
    }

    public static ImportReport ReadReport(string json) =>
        JsonSerializer.Deserialize<ImportReport>(json, Json) is { Errors: not null, Rows: not null } r ? r : ImportReport.Empty;

    /// <summary>Runs every row through its use case in one transaction, committed only when importing and nothing failed.</summary>
    async Task<Check> CheckAsync(ImportKind kind, byte[]? content, bool commit, long? batchId, Action<int, int>? onRow, CancellationToken ct)
    {
        var check = new Check();
        var french = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";
        var format = FormatOf(kind);
        var autoSavepoints = db.Database.AutoSavepointsEnabled;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Any failure rolls the whole import back, so the savepoint EF Core would take around each save is of no use.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            if (batchId is { } id)
            {
                var locked = await db.ImportBatches.ForUpdate(id).AsNoTracking().SingleAsync(ct);
                if (locked.Status == ImportStatus.Imported)
                {
                    check.AlreadyImported = true;
                    return check;
                }
                content = locked.Content;
            }

            var rows = Read(content!, format, french, check);
            foreach (var row in rows)
            {
                check.RowCount++;
                row.CheckWidth();
                var stop = false;
                RowResult? result = null;
                try
                {
                    result = await format.ImportAsync(row, ct);
                }
                catch (Exception e) when (e is DbUpdateException or NpgsqlException)
                {
                    // The transaction is dead after a database error: no later row can be checked. The clerk is told
                    // the error's code, never the database's own text (which names tables and constraints).
                    row.Fail(null, null, ImportProblem.Interrupted, (e.InnerException as PostgresException ?? e as PostgresException)?.SqlState ?? "");
                    stop = true;
                }
                finally
                {
                    // Rows are independent; a tracker holding thousands of entities would only slow each save.
                    db.ChangeTracker.Clear();
                }
                Tally(check, row, result);
                onRow?.Invoke(check.RowCount, rows.Count);
                if (stop)
                    break;
            }

            if (commit && check.ErrorCount == 0)
            {
                var batch = await db.ImportBatches.SingleAsync(b => b.Id == batchId, ct);
                var now = clock.GetUtcNow();
                check.ApplyTo(batch, now);
                batch.Status = ImportStatus.Imported;
                batch.ImportedAt = now;
                batch.ImportedBy = actor.Name;
                AuditTrail.Record(db, actor, now, "import.imported", nameof(ImportBatch), batch.Id, null,
                    after: new { Kind = batch.Kind.ToString(), batch.FileName, batch.Sha256, batch.RowCount, batch.CreateCount, batch.SkipCount });
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            else
            {
                await tx.RollbackAsync(ct);
            }
            return check;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = autoSavepoints;
            db.ChangeTracker.Clear();
        }
    }

    static void Tally(Check check, RowReader row, RowResult? result)
    {
        foreach (var error in row.Errors)
            check.Fail(error);
        var status = row.Errors.Count > 0 ? ImportRowStatus.Error : result!.Status;
        if (status == ImportRowStatus.Create)
            check.CreateCount++;
        else if (status == ImportRowStatus.Skip)
            check.SkipCount++;
        if (result is not null && status != ImportRowStatus.Error && check.Rows.Count(r => r.Status == status) < ImportReport.MaxRowsShown)
            check.Rows.Add(result.View with { Status = status });
    }

    /// <summary>Decodes and splits the file; an error about the file as a whole leaves no row to import.</summary>
    static IReadOnlyList<RowReader> Read(byte[] content, ImportFormat format, bool french, Check check)
    {
        var (text, encoding) = CsvText.Decode(content);
        check.Encoding = encoding;
        if (CsvText.LooksBinary(text))
        {
            check.Fail(new ImportError(0, null, null, ImportProblem.NotText));
            return [];
        }
        var table = CsvReader.Read(text);
        check.Delimiter = table.Delimiter;
        if (table.UnclosedQuoteRow is { } open)
        {
            check.Fail(new ImportError(open, null, null, ImportProblem.UnclosedQuote));
            return [];
        }
        var data = table.Records.Skip(1).Where(r => !r.IsBlank).ToList();
        if (table.Records.Count == 0 || table.Records[0].IsBlank || data.Count == 0)
        {
            check.Fail(new ImportError(0, null, null, ImportProblem.Empty));
            return [];
        }
        if (data.Count > MaxRows)
        {
            check.Fail(new ImportError(0, null, data.Count.ToString(CultureInfo.InvariantCulture), ImportProblem.TooManyRows,
                MaxRows.ToString(CultureInfo.InvariantCulture)));
            return [];
        }
        var header = ImportHeader.Read(table.Records[0], format.Columns, french);
        foreach (var error in header.Errors)
            check.Fail(error);
        return header.Errors.Count > 0 ? [] : data.Select(r => new RowReader(r, header, french)).ToList();
    }
}
