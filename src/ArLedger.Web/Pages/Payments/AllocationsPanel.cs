using ArLedger.Ledger;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Payments;

/// <summary>
/// The allocations of one document as its page shows them, each with a reverse form; <see cref="FailedReversal"/>
/// is the allocation whose reversal was refused, shown open with its error.
/// </summary>
public sealed record AllocationsPanel(IReadOnlyList<AllocationLine> Lines, string Currency, bool OtherSideIsDebit, long? FailedReversal = null)
{
    public const string ReasonField = "Reason";

    /// <summary>
    /// Reverses an allocation of the page's document with a reason; the answer is a flash message on success,
    /// or null with the error put in model state (at <see cref="ReasonField"/>, or page-level).
    /// </summary>
    public static async Task<string?> ReverseAsync(Allocations allocations, IReadOnlyList<AllocationLine> lines, string currency,
        long allocationId, string? reason, ModelStateDictionary state, IStringLocalizer<Texts> t, CancellationToken ct)
    {
        var line = lines.FirstOrDefault(l => l.Id == allocationId);
        if (line is null || line.IsReversed)
        {
            state.AddModelError("", t["This allocation is not on this document or is already reversed."]);
            return null;
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            state.AddModelError(ReasonField, t["Give the reason for the reversal."]);
            return null;
        }
        var outcome = await allocations.ReverseAsync(new ReverseAllocation(allocationId, reason.Trim()), ct);
        if (!outcome.Succeeded)
        {
            FormErrors.Add(state, outcome.Problem!, t, key => key == "Reason" ? ReasonField : null);
            return null;
        }
        return t["Allocation of {0} to {1} reversed.", Display.Money(line.Amount, currency), line.OtherNumber].Value;
    }
}
