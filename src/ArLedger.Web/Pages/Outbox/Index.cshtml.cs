using ArLedger.Mail;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Outbox;

/// <summary>The outbox: every email the app sent or will send, with its status and last error, and a re-send button.</summary>
public sealed class IndexModel(OutboxMessages messages, IStringLocalizer<Texts> t) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public OutboxStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public bool NoticeIsError { get; set; }

    public Page<OutboxLine> Messages { get; private set; } = new([], 1, PageSize, 0);

    public async Task OnGetAsync(CancellationToken ct) =>
        Messages = await messages.ListAsync(Status, PageNumber, PageSize, ct);

    public async Task<IActionResult> OnPostResendAsync(long id, CancellationToken ct)
    {
        var outcome = await messages.ResendAsync(id, ct);
        NoticeIsError = !outcome.Succeeded;
        Notice = outcome.Problem is { } problem ? t.Say(problem) : t["Message {0} is queued to be sent again.", id];
        return RedirectToPage(new { Status, p = PageNumber });
    }

    /// <summary>The English word, which is also the key of the French one (the statements page shows the same words).</summary>
    public static string Label(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "Pending",
        OutboxStatus.Sending => "Sending",
        OutboxStatus.Sent => "Sent",
        OutboxStatus.Failed => "Failed",
    };

    public static string Badge(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "text-bg-secondary",
        OutboxStatus.Sending => "text-bg-info",
        OutboxStatus.Sent => "text-bg-success",
        OutboxStatus.Failed => "text-bg-danger",
    };

    public static bool CanResend(OutboxStatus status) => status is OutboxStatus.Failed or OutboxStatus.Sent;
}
