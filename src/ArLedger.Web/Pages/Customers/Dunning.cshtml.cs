using ArLedger.Customers;
using ArLedger.Dunning;
using ArLedger.Persistence;
using ArLedger.Web.Auth;
using ArLedger.Web.Localization;
using ArLedger.Web.Pages.Dunning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Customers;

/// <summary>
/// A customer's dunning: level reached, letters sent and waiting, pause with a reason, and each invoice's history.
/// Its handlers also serve the dunning partial wherever it is shown (the customer page), returning to that page.
/// </summary>
public sealed class DunningModel(ArLedgerDbContext db, CustomerDunning dunning, IAuthorizationService auth, BusinessCalendar calendar,
    IStringLocalizer<Localization.Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string AccountNumber { get; set; } = "";
    /// <summary>An invoice number whose dunning history is shown below the customer's.</summary>
    [BindProperty(SupportsGet = true)] public string? Invoice { get; set; }
    [TempData] public string? Flash { get; set; }
    /// <summary>Why a pause or a change was refused, shown above the form.</summary>
    [TempData] public string? Refusal { get; set; }

    public Customer Customer { get; private set; } = null!;
    public CustomerHeader Header { get; private set; } = null!;
    public long? InvoiceId { get; private set; }
    public IReadOnlyList<(long Id, string Number, DateOnly DueDate, decimal Open)> DunnedInvoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        Header = (await CustomerHeader.LoadAsync(db, calendar, Customer.AccountNumber, CustomerTab.Dunning, ct))!;
        var dunned = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == Customer.Id && (db.DunningNotices.Any(n => n.InvoiceId == i.Id)
                || (i.ReversedAt == null && i.Amount - i.AllocatedAmount - i.WrittenOffAmount > 0)))
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number).Take(200)
            .Select(i => new { i.Id, i.Number, i.DueDate, Open = i.ReversedAt == null ? i.Amount - i.AllocatedAmount - i.WrittenOffAmount : 0m })
            .ToListAsync(ct);
        DunnedInvoices = dunned.Select(i => (i.Id, i.Number, i.DueDate, i.Open)).ToList();
        InvoiceId = dunned.FirstOrDefault(i => i.Number == Invoice)?.Id;
        return Page();
    }

    public Task<IActionResult> OnPostPauseAsync(DateOnly? until, string? reason, string? returnUrl, CancellationToken ct) =>
        ChangeAsync(returnUrl, id => until is { } u
            ? dunning.PauseAsync(new PauseDunning(id, u, reason ?? ""), ct)
            : Task.FromResult<Outcome<CustomerDunningState>>(Problem.Invalid("Until", "Choose the date dunning resumes.")),
            s => t["Dunning is paused until {0}.", Localization.Display.Date(s.PausedUntil!.Value)], ct);

    public Task<IActionResult> OnPostResumeAsync(string? returnUrl, CancellationToken ct) =>
        ChangeAsync(returnUrl, id => dunning.ResumeAsync(id, ct), _ => t["Dunning resumes with the next run."], ct);

    /// <summary>The contractual rate is part of the customer's contract terms: managers only.</summary>
    public async Task<IActionResult> OnPostRateAsync(string? rate, string? returnUrl, CancellationToken ct)
    {
        if (!(await auth.AuthorizeAsync(User, Policies.CanManage)).Succeeded)
            return Forbid();
        decimal? parsed = null;
        if (!string.IsNullOrWhiteSpace(rate))
            parsed = DunningText.TryParseRate(rate, out var r) ? r : -1m;
        return await ChangeAsync(returnUrl, id => dunning.SetContractualRateAsync(id, parsed, ct),
            s => s.ContractualRate is { } c ? t["Late interest for this customer is {0} % a year.", c.ToString("0.00#", System.Globalization.CultureInfo.CurrentCulture)]
                : t["Late interest for this customer follows the ECB rate + 10 points."], ct);
    }

    /// <summary>Taking a file back from litigation is a manager's decision.</summary>
    public async Task<IActionResult> OnPostEndLitigationAsync(string? returnUrl, CancellationToken ct) =>
        !(await auth.AuthorizeAsync(User, Policies.CanManage)).Succeeded
            ? Forbid()
            : await ChangeAsync(returnUrl, id => dunning.EndLitigationAsync(id, ct), _ => t["The customer is back from litigation: the next run chases again."], ct);

    async Task<IActionResult> ChangeAsync(string? returnUrl, Func<long, Task<Outcome<CustomerDunningState>>> change,
        Func<CustomerDunningState, string> done, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        var outcome = await change(Customer.Id);
        if (outcome.Succeeded)
            Flash = done(outcome.Value!);
        else
            Refusal = t.Say(outcome.Problem!);
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage(new { AccountNumber });
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.AccountNumber == AccountNumber, ct);
        if (customer is null)
            return false;
        Customer = customer;
        return true;
    }
}
