using System.Globalization;
using ArLedger.Audit;
using ArLedger.Jobs;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Imports;

public enum ImportStep
{
    Check,
    Import,
}

/// <summary>A check or import run of one batch, with how far this instance has got in it.</summary>
public sealed record ImportRun(JobRun Run, ImportStep Step, ImportCount? Count)
{
    public bool Going => Run.Status is RunStatus.Pending or RunStatus.Running;
    public int Percent => Count is { Total: > 0 } c ? (int)(100L * c.Done / c.Total) : 0;
}

/// <summary>A file kept as a batch, and the run checking it when it is too large to check within the request.</summary>
public sealed record ImportUpload(long BatchId, JobRun? Run);

/// <summary>
/// Checks and imports of large files, as runs the page follows instead of one request that lasts a minute. A run has
/// one item, the batch: the import stays all or nothing in one transaction, so it cannot be shared out in pieces. It
/// is safe to run again (a check rolls back; an import locks the batch and finds it imported), so a run whose process
/// stopped is taken up again by the sweep for open runs (<see cref="JobRunner.ShareOpenRunsAsync"/>).
/// </summary>
public sealed class ImportRuns(RunEngine engine, IServiceScopeFactory scopes, ArLedgerDbContext db, Importer importer,
    ImportProgress progress, BusinessCalendar calendar, Actor actor) : IResumableRun
{
    public const string Name = "Import";

    /// <summary>
    /// Files of up to this many rows are checked and imported within the clerk's request: at 2 to 5 ms a row that is a
    /// second or two, even on a loaded machine. Larger ones (up to <see cref="Importer.MaxRows"/>, close to a minute
    /// per step) run after the request answers.
    /// </summary>
    public const int InlineRows = 500;

    public string JobName => Name;

    /// <summary>Keeps the file as a batch and checks it: within the request when it is small, else as a run returned to follow.</summary>
    public async Task<Outcome<ImportUpload>> UploadAsync(ImportKind kind, string fileName, byte[] content, CancellationToken ct = default)
    {
        if (content.Length > Importer.MaxBytes || Importer.CountRows(content) <= InlineRows)
        {
            var checkedNow = await importer.PreviewAsync(kind, fileName, content, ct);
            return checkedNow.Succeeded ? new ImportUpload(checkedNow.Value!.Id, null) : checkedNow.Problem!;
        }
        var batch = await importer.KeepAsync(kind, fileName, content, ct);
        return new ImportUpload(batch.Id, await StartRunAsync(batch.Id, ImportStep.Check, ct));
    }

    /// <summary>
    /// Starts the step as a run when the batch is large and returns it; a batch that already has a run going returns
    /// that one (a second click starts nothing). Null when the batch is small enough for the request to do the step itself.
    /// </summary>
    public async Task<JobRun?> StartAsync(long batchId, ImportStep step, CancellationToken ct = default)
    {
        if (await LatestAsync(batchId, ct) is { Going: true } going)
            return going.Run;
        var content = await db.ImportBatches.Where(b => b.Id == batchId).Select(b => b.Content).SingleOrDefaultAsync(ct);
        if (content is null || Importer.CountRows(content) <= InlineRows)
            return null;
        return await StartRunAsync(batchId, step, ct);
    }

    /// <summary>Does the run's step, unless another process holds it.</summary>
    public async Task<JobRun> ProcessAsync(JobRun run, CancellationToken ct = default)
    {
        var (batchId, step, culture) = Parse(run.RunKey);
        try
        {
            return await engine.ProcessAsync(run.Id, (_, c) => WorkAsync(batchId, step, culture, run.RequestedBy, c), ct);
        }
        finally
        {
            progress.Forget(batchId);
        }
    }

    public Task ResumeAsync(JobRun run, CancellationToken ct) => ProcessAsync(run, ct);

    /// <summary>The batch's latest run, going or ended; null if its steps all ran within requests.</summary>
    public async Task<ImportRun?> LatestAsync(long batchId, CancellationToken ct = default)
    {
        var prefix = batchId.ToString(CultureInfo.InvariantCulture) + "/";
        var run = await db.Set<JobRun>().AsNoTracking().Where(r => r.JobName == Name && r.RunKey.StartsWith(prefix))
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        return run is null ? null : new ImportRun(run, Parse(run.RunKey).Step, progress.Of(batchId));
    }

    async Task<JobRun> StartRunAsync(long batchId, ImportStep step, CancellationToken ct)
    {
        // Numbered after the batch's runs so far: two clicks at once make the same key and so find the same run, while
        // checking again once a check has ended is a new run. The key carries the clerk's language, which the check
        // reads ambiguous amounts and words its errors in.
        var prefix = batchId.ToString(CultureInfo.InvariantCulture) + "/";
        var earlier = await db.Set<JobRun>().CountAsync(r => r.JobName == Name && r.RunKey.StartsWith(prefix), ct);
        var key = FormattableString.Invariant($"{batchId}/{earlier + 1}/{step}/{CultureInfo.CurrentUICulture.Name}");
        var today = calendar.Today;
        return await engine.StartAsync(new RunRequest(Name, key, today, actor.Name), _ => Task.FromResult<IReadOnlyList<long>>([batchId]), ct);
    }

    async Task WorkAsync(long batchId, ImportStep step, CultureInfo culture, string requestedBy, CancellationToken ct)
    {
        var (uiCulture, formatCulture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = culture;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var actor = scope.ServiceProvider.GetRequiredService<Actor>();
            actor.Name = requestedBy;
            // Decided by the role the person holds now, as a credit limit in the file is a manager's to set.
            actor.IsManager = await Identity.ManagerRole.HeldByAsync(scope.ServiceProvider.GetRequiredService<ArLedgerDbContext>(), requestedBy, ct);
            var runner = scope.ServiceProvider.GetRequiredService<Importer>();
            void OnRow(int done, int total) => progress.Report(batchId, done, total);
            var outcome = step switch
            {
                ImportStep.Check => await runner.RecheckAsync(batchId, OnRow, ct),
                ImportStep.Import => await runner.ConfirmAsync(batchId, OnRow, ct),
            };
            // Rows in error are the step's answer, kept on the batch; only a batch that is gone fails the run.
            if (outcome.Problem is { Kind: ProblemKind.NotFound } missing)
                throw new InvalidOperationException(missing.Message);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (uiCulture, formatCulture);
        }
    }

    static (long BatchId, ImportStep Step, CultureInfo Culture) Parse(string key)
    {
        var parts = key.Split('/');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), Enum.Parse<ImportStep>(parts[2]), CultureInfo.GetCultureInfo(parts[3]));
    }
}
