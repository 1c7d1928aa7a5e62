using ArLedger.Bank;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Bank;

/// <summary>
/// The reconciliation of one statement: its balance check and totals at the top, then each line with its status, the
/// proposed match and its reasons; a clerk accepts a proposal (J/K to move, Enter to accept), gives a line to a customer
/// as unapplied cash, marks one that is not a receivable, settles a returned direct debit, undoes a posting, and closes
/// the statement once every line is settled.
/// </summary>
public sealed class StatementModel(BankStatements statements, BankPosting posting, Persistence.ArLedgerDbContext db, IStringLocalizer<Texts> t) : PageModel
{
    public StatementView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcceptAsync(long id, long line, CancellationToken ct) => ActAsync(id, async () =>
    {
        var row = await db.Set<BankLine>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == line && l.BankStatementId == id, ct);
        if (MatchProposal.FromJson(row?.Proposal) is not { } proposal)
            return Problem.Refused("This line has no proposal to accept.");
        // Money out with a proposal is a refund of the customer's credit; money in pays what the proposal names.
        var outcome = row!.IsCredit
            ? await posting.ConfirmAsync(line, [new CustomerShare(proposal.CustomerId, row.Amount, proposal.Items)], ct: ct)
            : await posting.RefundAsync(line, ct);
        return outcome.Problem;
    }, ct);

    public Task<IActionResult> OnPostAssignAsync(long id, long line, string? customer, CancellationToken ct) => ActAsync(id, async () =>
    {
        var account = customer?.Trim() ?? "";
        var found = await db.Customers.AsNoTracking().Where(c => c.AccountNumber == account).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
        if (found is null)
            return Problem.NotFound($"No customer with account number {account}.");
        var row = await db.Set<BankLine>().AsNoTracking().SingleAsync(l => l.Id == line, ct);
        return (await posting.ConfirmAsync(line, [new CustomerShare(found.Value, row.Amount, [])], ct: ct)).Problem;
    }, ct);

    /// <summary>A part of a line split by hand, as typed: a document number or a customer account, and an amount.</summary>
    public sealed class PartInput
    {
        public string? Target { get; set; }
        public string? Amount { get; set; }
    }

    public Task<IActionResult> OnPostSplitAsync(long id, long line, List<PartInput>? parts, CancellationToken ct) => ActAsync(id, async () =>
    {
        var typed = new List<SplitPart>();
        foreach (var (part, i) in (parts ?? []).Select((p, i) => (p, i)).Where(x => !string.IsNullOrWhiteSpace(x.p.Target) || !string.IsNullOrWhiteSpace(x.p.Amount)))
        {
            if (string.IsNullOrWhiteSpace(part.Target))
                return Problem.Invalid($"parts[{i}].Target", "Name the document or the customer account this amount goes to.");
            if (!AmountInput.TryParse(part.Amount, System.Globalization.CultureInfo.CurrentCulture, out var amount))
                return Problem.Invalid($"parts[{i}].Amount", $"Give the amount for {part.Target.Trim()}.");
            typed.Add(new SplitPart(part.Target, amount));
        }
        return (await posting.SplitAsync(line, typed, ct)).Problem;
    }, ct);

    /// <summary>Open items of any customer, for the split form's search (JSON).</summary>
    public async Task<IActionResult> OnGetOpenItemsAsync(string? q, CancellationToken ct) =>
        new JsonResult((await statements.OpenItemsAsync(q, ct: ct)).Select(i => new
        {
            i.Number, Kind = i.Kind.ToString(), i.CustomerAccount, i.CustomerName, DueDate = Display.Date(i.DueDate),
            // As the reader types amounts, so the filled-in field reads as if typed.
            Open = i.Open.ToString("0.00", System.Globalization.CultureInfo.CurrentCulture), OpenText = Display.Money(i.Open, "EUR"),
        }));

    public Task<IActionResult> OnPostNotReceivableAsync(long id, long line, string? note, CancellationToken ct) =>
        ActAsync(id, async () => (await posting.MarkNotReceivableAsync(line, note ?? "", ct)).Problem, ct);

    public Task<IActionResult> OnPostReturnAsync(long id, long line, string? fee, CancellationToken ct) => ActAsync(id, async () =>
    {
        var charge = 0m;
        if (!string.IsNullOrWhiteSpace(fee) && !AmountInput.TryParse(fee, System.Globalization.CultureInfo.CurrentCulture, out charge))
            return Problem.Invalid("fee", "The fee charged for a return is an amount from 0.00 to 1,000.00.");
        return (await posting.ReturnAsync(line, charge, ct)).Problem;
    }, ct);

    public Task<IActionResult> OnPostUndoAsync(long id, long line, CancellationToken ct) =>
        ActAsync(id, async () => (await posting.UndoAsync(line, "undone on the reconciliation page", ct)).Problem, ct);

    public Task<IActionResult> OnPostConfirmBalanceAsync(long id, CancellationToken ct) =>
        ActAsync(id, async () => (await statements.ConfirmBalanceAsync(id, ct)).Problem, ct);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) =>
        ActAsync(id, async () => (await statements.CloseAsync(id, ct)).Problem, ct);

    /// <summary>Runs an action; success goes back to the page (the next line keeps the focus), a refusal is shown above the lines.</summary>
    async Task<IActionResult> ActAsync(long id, Func<Task<Problem?>> action, CancellationToken ct)
    {
        if (await action() is { } problem)
        {
            FormErrors.Add(ModelState, problem, t, _ => null);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        return RedirectToPage(new { id });
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var view = await statements.FindAsync(id, ct);
        if (view is null)
            return false;
        View = view;
        return true;
    }

    /// <summary>A reason in the reader's language.</summary>
    public string Say(MatchReason reason) => t[reason.Text, [.. reason.Values]];
}
