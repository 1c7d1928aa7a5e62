using ArLedger.Testing;
using System.Net;
using System.Net.Http.Json;
using ArLedger.Identity;
using ArLedger.Imports;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static ArLedger.Web.Tests.Imports.ImportClient;

namespace ArLedger.Web.Tests.Imports;

/// <summary>A file too large to check within a request: the preview page shows the run's progress, then its result.</summary>
public sealed class LargeImportPagesTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    const int Rows = ImportRuns.InlineRows + 20;

    sealed record Progress(bool Going, int? Done, int? Total, int Percent);

    [Fact]
    public async Task A_large_file_shows_the_checks_progress_then_its_preview_and_confirming_shows_the_imports_progress_then_its_result()
    {
        var p = "WL" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var client = await app.SignedInClientAsync(Roles.Clerk);
        var file = Utf8("external_id;compte;nom;ville\n" + string.Concat(Enumerable.Range(1, Rows).Select(i => $"{p}-{i};{p}{i};Client {i};Lyon\n")));

        // Another transaction holds the external id of the 300th row: the check stops there, with 299 rows done, until it lets go.
        await using var holder = await app.Database.DataSource.OpenConnectionAsync();
        string path;
        await using (var held = await holder.BeginTransactionAsync())
        {
            await ExecAsync(holder, held, $"insert into external_requests values ('customer', '{p}-300', 'x', 0, now())");
            var previewPath = path = await UploadAsync(client, ImportKind.Customers, "gros.csv", file);
            var checking = Readable(await client.GetStringAsync(previewPath));
            var halfWay = await Eventually.UntilAsync(() => ProgressAsync(client, previewPath), r => r.Done == 299, "the preview half-way");
            await held.RollbackAsync();

            Assert.Contains("Vérification du fichier…", checking, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"import-progress\"", checking, StringComparison.Ordinal);
            Assert.DoesNotContain("data-testid=\"confirm\"", checking, StringComparison.Ordinal);
            Assert.Equal(new Progress(true, 299, Rows, 299 * 100 / Rows), halfWay);
            Assert.False((await Eventually.UntilAsync(() => ProgressAsync(client, previewPath), r => !r.Going, "the preview to end")).Going);
            var preview = Readable(await client.GetStringAsync(previewPath));
            Assert.Matches($"data-testid=\"create-count\">{Rows}<", preview);
            Assert.Contains("data-testid=\"confirm\"", preview, StringComparison.Ordinal);
        }

        // The batch's row lock, held elsewhere, keeps the import waiting at its start.
        await using (var held = await holder.BeginTransactionAsync())
        {
            await ExecAsync(holder, held, $"select 1 from import_batches where id = {path.Split('/')[^1]} for update");
            var first = await ArLedgerAppFactory.PostFormAsync(client, path, [], "Confirm");
            var second = await ArLedgerAppFactory.PostFormAsync(client, path, [], "Confirm");
            var importing = Readable(await client.GetStringAsync(first.Headers.Location!.OriginalString));
            var waiting = await ProgressAsync(client, path);
            await held.RollbackAsync();
            var ended = await Eventually.UntilAsync(() => ProgressAsync(client, path), r => !r.Going, "the import to end");
            var result = Readable(await client.GetStringAsync(first.Headers.Location!.OriginalString));

            Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (first.StatusCode, second.StatusCode));
            // The second click found the run of the first.
            Assert.Equal(first.Headers.Location, second.Headers.Location);
            Assert.Contains("Import des lignes…", importing, StringComparison.Ordinal);
            Assert.True(waiting.Going);
            Assert.False(ended.Going);
            Assert.Contains($"Import terminé : {Rows} nouvelles lignes, 0 déjà en comptabilité.", result, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"import-status\"", result, StringComparison.Ordinal);
        }
        await using var db = app.Database.CreateContext();
        Assert.Equal(Rows, await db.Customers.CountAsync(c => c.AccountNumber.StartsWith(p)));
    }

    static async Task<Progress> ProgressAsync(HttpClient client, string previewPath) =>
        (await client.GetFromJsonAsync<Progress>(previewPath + "?handler=Progress"))!;

    static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync();
    }
}
