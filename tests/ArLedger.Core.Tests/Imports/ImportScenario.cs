using System.Globalization;
using System.Text;
using ArLedger.Audit;
using ArLedger.Customers;
using ArLedger.Imports;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Testing;

namespace ArLedger.Core.Tests.Imports;

/// <summary>Previews and confirms import files against a test book, each step in a fresh DbContext as a request would.</summary>
public sealed class ImportScenario(TestDatabase db, Book book)
{
    public static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Utf8WithBom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    public Task<T> WithImporterAsync<T>(Func<Importer, Task<T>> work) => book.RunAsync((ctx, actor) =>
    {
        var allocations = new Allocations(ctx, book.Clock.Calendar, actor);
        var importer = new Importer(ctx, book.Clock, actor,
            new CustomerImport(new CreateCustomerHandler(ctx, book.Clock, actor), ctx),
            new InvoiceImport(new PostInvoiceHandler(ctx, book.Clock.Calendar, actor)),
            new PaymentImport(new RecordPaymentHandler(ctx, book.Clock.Calendar, actor, allocations), ctx));
        return work(importer);
    });

    public async Task<ImportBatch> PreviewAsync(ImportKind kind, byte[] content, string fileName = "import.csv")
    {
        var outcome = await WithImporterAsync(i => i.PreviewAsync(kind, fileName, content));
        Assert.True(outcome.Succeeded, outcome.Problem?.Message);
        return outcome.Value!;
    }

    public Task<Outcome<ImportBatch>> ConfirmAsync(long batchId) => WithImporterAsync(i => i.ConfirmAsync(batchId));

    /// <summary>Previews and confirms a file that must import cleanly.</summary>
    public async Task<ImportBatch> ImportAsync(ImportKind kind, byte[] content)
    {
        var preview = await PreviewAsync(kind, content);
        Assert.Equal([], Report(preview).Errors);
        var confirmed = await ConfirmAsync(preview.Id);
        Assert.True(confirmed.Succeeded, confirmed.Problem?.Message);
        return confirmed.Value!;
    }

    public static ImportReport Report(ImportBatch batch) => Importer.ReadReport(batch.Report);

    /// <summary>Runs <paramref name="work"/> with the UI culture a request in that language would have.</summary>
    public static async Task<T> InCultureAsync<T>(string culture, Func<Task<T>> work)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return await work();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    public Task<int> CountAsync<T>(Func<ArLedger.Persistence.ArLedgerDbContext, IQueryable<T>> set) =>
        book.RunAsync((ctx, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(set(ctx)));

    public Task<IReadOnlyList<string>> InvariantViolationsAsync() => book.InvariantViolationsAsync();

    public TestDatabase Database => db;
}
