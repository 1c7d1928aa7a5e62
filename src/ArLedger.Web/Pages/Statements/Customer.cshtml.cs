using System.Globalization;
using ArLedger.Customers;
using ArLedger.Persistence;
using ArLedger.Statements;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Statements;

/// <summary>A statement of a customer for any period: previewed in the browser, downloaded, or sent by email.</summary>
public sealed class CustomerModel(ArLedgerDbContext db, StatementIssuer issuer, BusinessCalendar calendar, IStringLocalizer<Localization.Texts> t) : PageModel
{
    public Customer Customer { get; private set; } = null!;
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    async Task<bool> LoadAsync(string accountNumber, CancellationToken ct)
    {
        var c = await db.Customers.AsNoTracking().SingleOrDefaultAsync(x => x.AccountNumber == accountNumber, ct);
        if (c is null)
            return false;
        Customer = c;
        // Default: the month ending today, as a customer asking for their statement means it (the monthly run sends
        // the calendar months).
        To ??= calendar.Today;
        From ??= To.Value.AddMonths(-1).AddDays(1);
        if (To < From)
            ModelState.AddModelError(nameof(To), t["The end of the period is before its start."]);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string accountNumber, CancellationToken ct) =>
        await LoadAsync(accountNumber, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(string accountNumber, bool download, CancellationToken ct)
    {
        if (!await LoadAsync(accountNumber, ct) || !ModelState.IsValid)
            return NotFound();
        var pdf = await issuer.PreviewAsync(Customer.Id, From!.Value, To!.Value, ct);
        if (pdf is null)
            return NotFound();
        return download ? File(pdf.Value.Pdf, "application/pdf", pdf.Value.FileName) : File(pdf.Value.Pdf, "application/pdf");
    }

    public async Task<IActionResult> OnPostSendAsync(string accountNumber, CancellationToken ct)
    {
        if (!await LoadAsync(accountNumber, ct))
            return NotFound();
        if (!ModelState.IsValid)
            return Page();
        // A statement sent by hand is its own document, never one of the monthly run's: its key names the moment.
        var key = string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}@{calendar.Now:yyyyMMddHHmmss}");
        var issued = await issuer.IssueAsync(Customer.Id, From!.Value, To!.Value, key, ct);
        if (!issued.Succeeded)
        {
            ModelState.AddModelError("", t.Say(issued.Problem!));
            return Page();
        }
        var period = t["{0} to {1}", Display.Date(From.Value), Display.Date(To.Value)].Value;
        TempData["Flash"] = issued.Value!.Delivery == StatementDelivery.Emailed
            ? t["The statement {0} is queued for {1}.", period, Customer.StatementEmail!].Value
            : t["The customer has no statement address: the statement {0} is archived for printing.", period].Value;
        return RedirectToPage(new { accountNumber, From, To });
    }
}
