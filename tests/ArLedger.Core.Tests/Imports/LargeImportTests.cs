using ArLedger.Core.Tests.Statements;
using ArLedger.Imports;
using ArLedger.Jobs;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ArLedger.Core.Tests.Imports.ImportScenario;

namespace ArLedger.Core.Tests.Imports;

/// <summary>A file too large to check and import within a request does both as runs: still all or nothing, still once.</summary>
public sealed class LargeImportTests : IClassFixture<TestDatabase>, IAsyncDisposable
{
    const int Rows = ImportRuns.InlineRows + 20;
    readonly TestDatabase db;
    readonly ServiceProvider services;

    public LargeImportTests(TestDatabase db)
    {
        this.db = db;
        services = StatementScenario.Services(db, new FakeTimeProvider(TestTime.Start));
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    static string Unique() => "L" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    /// <summary>A customers file of <see cref="Rows"/> rows; the data row at <paramref name="takenAt"/> reuses the first row's account number.</summary>
    static byte[] Customers(string p, int? takenAt = null) => Utf8("external_id,account_number,name,city\n" + string.Concat(
        Enumerable.Range(1, Rows).Select(i => $"{p}-X{i},{p}{(i == takenAt ? 1 : i)},Client {p} {i},Lyon\n")));

    async Task<T> WithAsync<T>(Func<ImportRuns, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Audit.Actor>().Name = "clerk";
        return await work(scope.ServiceProvider.GetRequiredService<ImportRuns>());
    }

    Task<JobRun> ProcessAsync(JobRun run) => WithAsync(r => r.ProcessAsync(run));

    /// <summary>Uploads the file and lets its check run end, as the page does after the upload answers.</summary>
    async Task<long> UploadAndCheckAsync(byte[] file)
    {
        var upload = (await WithAsync(r => r.UploadAsync(ImportKind.Customers, "large.csv", file))).Value!;
        Assert.NotNull(upload.Run);
        Assert.Equal(RunStatus.Completed, (await ProcessAsync(upload.Run)).Status);
        return upload.BatchId;
    }

    async Task<ImportBatch> BatchAsync(long id)
    {
        await using var ctx = db.CreateContext();
        return await ctx.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == id);
    }

    async Task<(int Customers, int Audits)> CountAsync(string p, long batchId)
    {
        await using var ctx = db.CreateContext();
        var entity = batchId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (await ctx.Customers.CountAsync(c => c.AccountNumber.StartsWith(p)),
            await ctx.AuditEvents.CountAsync(e => e.Action == "import.imported" && e.EntityId == entity));
    }

    [Fact]
    public async Task A_large_file_is_checked_then_imported_as_runs_and_every_row_is_imported_once()
    {
        var p = Unique();

        var upload = (await WithAsync(r => r.UploadAsync(ImportKind.Customers, "large.csv", Customers(p)))).Value!;
        // Kept at once, checked by the run.
        Assert.Equal(0, (await BatchAsync(upload.BatchId)).RowCount);
        await ProcessAsync(upload.Run!);
        var previewed = await BatchAsync(upload.BatchId);
        var import = await WithAsync(r => r.StartAsync(upload.BatchId, ImportStep.Import));
        var imported = await ProcessAsync(import!);

        Assert.Equal((ImportStatus.Previewed, Rows, Rows, 0), (previewed.Status, previewed.RowCount, previewed.CreateCount, previewed.ErrorCount));
        Assert.Equal(RunStatus.Completed, imported.Status);
        var batch = await BatchAsync(upload.BatchId);
        Assert.Equal((ImportStatus.Imported, Rows, "clerk"), (batch.Status, batch.CreateCount, batch.ImportedBy));
        Assert.Equal((Rows, 1), await CountAsync(p, upload.BatchId));
        var latest = (await WithAsync(r => r.LatestAsync(upload.BatchId)))!;
        Assert.Equal((ImportStep.Import, false), (latest.Step, latest.Going));
    }

    [Fact]
    public async Task A_bad_row_in_a_large_file_imports_no_row_and_its_error_names_the_row_and_the_column()
    {
        var p = Unique();
        // Data row 300 is spreadsheet row 301: it takes the account number of the first row again.
        var id = await UploadAndCheckAsync(Customers(p, takenAt: 300));

        // Confirmed by hand although the preview shows the error.
        var import = await WithAsync(r => r.StartAsync(id, ImportStep.Import));
        await ProcessAsync(import!);

        var batch = await BatchAsync(id);
        Assert.Equal((ImportStatus.Previewed, 1), (batch.Status, batch.ErrorCount));
        Assert.Equal(new ImportError(301, "account_number", $"{p}1", ImportProblem.AccountNumberTaken), Assert.Single(Report(batch).Errors));
        Assert.Equal((0, 0), await CountAsync(p, id));
    }

    [Fact]
    public async Task Starting_the_import_of_a_large_batch_twice_finds_the_same_run_and_imports_it_once()
    {
        var p = Unique();
        var id = await UploadAndCheckAsync(Customers(p));

        var first = await WithAsync(r => r.StartAsync(id, ImportStep.Import));
        var second = await WithAsync(r => r.StartAsync(id, ImportStep.Import));
        // Two instances take the run up at once; one of them does it.
        await Task.WhenAll(ProcessAsync(first!), ProcessAsync(second!));
        // A click that arrives once the import is over finds the batch imported.
        var late = await WithAsync(r => r.StartAsync(id, ImportStep.Import));
        await ProcessAsync(late!);

        Assert.Equal(first!.Id, second!.Id);
        Assert.Equal(ImportStatus.Imported, (await BatchAsync(id)).Status);
        Assert.Equal((Rows, 1), await CountAsync(p, id));
    }

    [Fact]
    public async Task A_small_file_is_still_checked_within_the_request()
    {
        var p = Unique();
        var small = Utf8("external_id,account_number,name\n" + $"{p}-X1,{p}1,Client\n");

        var upload = (await WithAsync(r => r.UploadAsync(ImportKind.Customers, "small.csv", small))).Value!;

        Assert.Null(upload.Run);
        Assert.Equal((1, 1), ((await BatchAsync(upload.BatchId)).RowCount, (await BatchAsync(upload.BatchId)).CreateCount));
        Assert.Null(await WithAsync(r => r.StartAsync(upload.BatchId, ImportStep.Import)));
    }
}
