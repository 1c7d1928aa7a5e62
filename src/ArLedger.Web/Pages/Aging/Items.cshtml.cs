using System.Globalization;
using ArLedger.Aging;
using ArLedger.Customers;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Pages.Aging;

/// <summary>The open items behind one cell of the aging report: a customer's bucket, or its unapplied credits.</summary>
public sealed class ItemsModel(AgingReport report, ArLedgerDbContext db, TimeProvider clock, AgingBuckets configuredBuckets) : PageModel
{
    [BindProperty(SupportsGet = true)] public long CustomerId { get; set; }
    /// <summary>The bucket's index; -1 for unapplied credits; none for every open item.</summary>
    [BindProperty(SupportsGet = true)] public int? Bucket { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public AgingBasis Basis { get; set; } = AgingBasis.DueDate;
    [BindProperty(SupportsGet = true)] public string? Buckets { get; set; }

    public Customer Customer { get; private set; } = null!;
    public AgingQuery Query { get; private set; } = null!;
    public string BucketLabel { get; private set; } = "";
    public IReadOnlyList<AgedItem> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == CustomerId, ct);
        if (customer is null)
            return NotFound();
        Customer = customer;
        Query = new AgingQuery(AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), Basis,
            string.IsNullOrWhiteSpace(Buckets) ? configuredBuckets : AgingBuckets.Parse(Buckets));
        var labels = Query.Buckets.Labels(Basis, CultureInfo.CurrentUICulture);
        BucketLabel = Bucket switch
        {
            -1 => IndexModel.T("Non lettré", "Unapplied"),
            { } b when b >= 0 && b < labels.Count => labels[b],
            _ => IndexModel.T("Toutes les pièces ouvertes", "All open items"),
        };
        Items = await report.ItemsAsync(Query, CustomerId, Bucket is { } i && i >= -1 && i < labels.Count ? i : null, ct);
        return Page();
    }
}
