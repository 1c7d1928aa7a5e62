using ArLedger.Aging;
using ArLedger.Customers;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Aging;

/// <summary>
/// The open items behind one cell of the aging report: a customer's bucket, or its unapplied credits. Those of a stored
/// snapshot are the items kept when it was taken, so they add up to the stored cell; otherwise they are recomputed.
/// </summary>
public sealed class ItemsModel(AgingReport report, AgingSnapshots snapshots, ArLedgerDbContext db, BusinessCalendar calendar,
    AgingBuckets configuredBuckets, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public long CustomerId { get; set; }
    /// <summary>The bucket's index; -1 for unapplied credits; none for every open item.</summary>
    [BindProperty(SupportsGet = true)] public int? Bucket { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public AgingBasis Basis { get; set; } = AgingBasis.DueDate;
    [BindProperty(SupportsGet = true)] public string? Buckets { get; set; }
    /// <summary>True when the cell is one of the stored snapshot of the date.</summary>
    [BindProperty(SupportsGet = true)] public bool Stored { get; set; }

    public Customer Customer { get; private set; } = null!;
    public AgingQuery Query { get; private set; } = null!;
    public string BucketLabel { get; private set; } = "";
    public IReadOnlyList<AgedItem> Items { get; private set; } = [];
    /// <summary>When the snapshot whose items these are was taken; null when they are recomputed.</summary>
    public DateTimeOffset? RecordedAt { get; private set; }
    /// <summary>Why a stored snapshot's items could not be shown, as a text key; null otherwise.</summary>
    public string? NotStoredReason { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == CustomerId, ct);
        if (customer is null)
            return NotFound();
        Customer = customer;
        Query = new AgingQuery(AsOf ?? calendar.Today, Basis,
            string.IsNullOrWhiteSpace(Buckets) ? configuredBuckets : AgingBuckets.Parse(Buckets));
        var kept = Stored ? await snapshots.ItemsAsync(Query.AsOf, CustomerId, ValidBucket(), ct) : null;
        if (kept is { Kept: true })
        {
            (Query, Items, RecordedAt) = (kept.Query, kept.Items, kept.TakenAt);
        }
        else
        {
            if (Stored)
            {
                NotStoredReason = kept is null
                    ? "No snapshot was taken that day; the items are recomputed."
                    : "This snapshot kept its totals only (snapshots keep their items at month ends); the items are recomputed and may not add up to the stored amount.";
                Query = kept?.Query ?? Query;
            }
            Items = await report.ItemsAsync(Query, CustomerId, ValidBucket(), ct);
        }
        var labels = AgingWording.Labels(Query.Buckets, Query.Basis, t);
        BucketLabel = Bucket switch
        {
            -1 => t["Unapplied"],
            { } b when b >= 0 && b < labels.Count => labels[b],
            _ => t["All open items"],
        };
        return Page();
    }

    /// <summary>The aging report this cell belongs to, with its filters and page, for the way back.</summary>
    public Dictionary<string, string?> Back() => Request.Query
        .Where(q => q.Key is not ("customerId" or "bucket"))
        .ToDictionary(q => q.Key, q => (string?)q.Value.ToString());

    int? ValidBucket() => Bucket is { } b && b >= -1 && b < Query.Buckets.Count ? b : null;
}
