using System.Globalization;
using ArLedger.Aging;
using ArLedger.Audit;
using ArLedger.Identity;
using ArLedger.Invoices;
using ArLedger.Persistence;
using ArLedger.Promises;
using ArLedger.Web.Auth;
using ArLedger.Seeding;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArLedger.Web.Hosting;

/// <summary>
/// The <c>seed</c> verb and the optional demo seed at start-up (<c>ArLedger:SeedDemoOnFirstRun</c>), both
/// thin wrappers over <see cref="Seeder"/>, which does nothing on a book that already has customers.
/// </summary>
public static class SeedHosting
{
    public const string SeedDemoOnFirstRun = "ArLedger:SeedDemoOnFirstRun";

    /// <summary>Seeds the demo book after migrations when configured to, so a new install opens on a book to look at.</summary>
    public static async Task SeedDemoOnFirstRunAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(SeedDemoOnFirstRun))
            return;
        var result = await SeedDemoAsync(app.Services);
        if (result.Seeded)
            app.Logger.LogInformation("Seeded the demo book: {Customers} customers, {Invoices} invoices in {Elapsed}.",
                result.Customers, result.Invoices, result.Elapsed);
        app.Logger.LogInformation("Demo sign-in: {Users}, password {Password}", string.Join(" / ", DemoUsers.Select(u => u.UserName)), DemoPassword);
    }

    /// <summary>
    /// The demo's people. One well-known password is right for a demo book on a developer's machine and wrong
    /// anywhere else, which is why the demo seed only runs when asked for.
    /// </summary>
    public const string DemoPassword = "arledger-demo";

    static readonly (string UserName, string Role, string DisplayName)[] DemoUsers =
    [
        ("clerk", Roles.Clerk, "Camille Durand"),
        ("manager", Roles.Manager, "Julien Moreau"),
        ("admin", Roles.Admin, "Sophie Laurent"),
    ];

    /// <summary>
    /// <c>seed</c>: the demo book. <c>seed --customers N --invoices-per-customer K</c>: a synthetic book for scale work.
    /// Migrates first, so it works on a new database.
    /// </summary>
    public static async Task RunVerbAsync(WebApplication app, string[] args)
    {
        var customers = Option(args, "--customers");
        var perCustomer = Option(args, "--invoices-per-customer");
        if ((customers is null) != (perCustomer is null) || args.Length != (customers is null ? 0 : 4))
        {
            Console.Error.WriteLine("Usage: seed  |  seed --customers N --invoices-per-customer K");
            Environment.ExitCode = 2;
            return;
        }
        await new MigrationRunner(app.Configuration.GetConnectionString("ArLedger")!, app.Logger).MigrateAsync();

        SeedResult result;
        if (customers is null)
        {
            result = await SeedDemoAsync(app.Services);
        }
        else
        {
            var seeder = new Seeder(app.Services.GetRequiredService<NpgsqlDataSource>(), app.Services.GetRequiredService<BusinessCalendar>());
            var progress = new Progress<int>(n => Console.WriteLine($"  {n:N0} customers written"));
            result = await seeder.SeedSyntheticAsync(customers.Value, perCustomer!.Value, progress);
        }
        Console.WriteLine(result.Seeded
            ? string.Create(CultureInfo.InvariantCulture,
                $"Seeded {result.Customers:N0} customers, {result.Invoices:N0} invoices, {result.Payments:N0} payments in {result.Elapsed.TotalSeconds:N1} s.")
            : "The book already has customers: nothing seeded.");
        if (result.Seeded && customers is null)
            Console.WriteLine($"Demo sign-in: {string.Join(" / ", DemoUsers.Select(u => u.UserName))}, password {DemoPassword}");
    }

    static async Task<SeedResult> SeedDemoAsync(IServiceProvider services)
    {
        var seeder = new Seeder(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<BusinessCalendar>());
        var result = await seeder.SeedDemoAsync();
        if (result.Seeded)
        {
            // Through the account service, which owns password hashing and the audit of new accounts.
            await using var scope = services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            foreach (var (userName, role, displayName) in DemoUsers)
            {
                var created = await accounts.CreateAsync(userName, DemoPassword, role, displayName);
                if (!created.Succeeded)
                    throw new InvalidOperationException($"Demo user {userName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }
            // The seed writes promises as pending; the review decides those past their date from the book's payments,
            // as the daily job would have.
            var today = services.GetRequiredService<BusinessCalendar>().Today;
            await scope.ServiceProvider.GetRequiredService<PromiseReview>().EvaluateAsync(today);
            // The last twelve month ends as the month-end snapshot job would have kept them, so the aging chart and
            // the DSO trend have a history to show on a new demo.
            var snapshots = scope.ServiceProvider.GetRequiredService<AgingSnapshots>();
            for (var monthEnd = new DateOnly(today.Year, today.Month, 1).AddMonths(-11).AddDays(-1); monthEnd < today;
                 monthEnd = monthEnd.AddDays(1).AddMonths(1).AddDays(-1))
                await snapshots.TakeAsync(monthEnd, "seed");
            // The last two days of the bank, imported as a clerk would in the morning, so reconciliation has work to show.
            await ActivatorUtilities.CreateInstance<DemoBank>(scope.ServiceProvider).SeedAsync(today);
            await CreditNoteToApproveAsync(scope.ServiceProvider, today);
        }
        return result;
    }

    /// <summary>A clerk's credit note larger than a clerk may give, waiting on the manager's approvals page.</summary>
    static async Task CreditNoteToApproveAsync(IServiceProvider services, DateOnly today)
    {
        var actor = services.GetRequiredService<Actor>();
        (actor.Name, actor.IsManager) = ("clerk", false);
        var db = services.GetRequiredService<ArLedgerDbContext>();
        var invoice = await db.Invoices.AsNoTracking()
            .Where(i => i.ReversedAt == null && i.Amount - i.AllocatedAmount - i.WrittenOffAmount > 3_000m && !db.Disputes.Any(d => d.InvoiceId == i.Id))
            .OrderBy(i => i.Id).FirstAsync();
        var account = await db.Customers.Where(c => c.Id == invoice.CustomerId).Select(c => c.AccountNumber).SingleAsync();
        var submitted = await services.GetRequiredService<CreditNoteProposals>().SubmitAsync(new PostCreditNote(account, today, invoice.Number,
            NetAmount: 1_250m, VatAmount: 250m, Reason: "Geste commercial : livraison arrivée avec trois semaines de retard."));
        if (submitted.Value?.Proposal is null)
            throw new InvalidOperationException($"The demo credit note to approve was not proposed: {submitted.Problem?.Message}");
    }

    static int? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0)
            return null;
        return i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} needs a positive whole number.");
    }
}
