using ArLedger.Web.Localization;
using ArLedger.Worklist;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Worklist;

/// <summary>How a worklist reason reads as a badge: its colour, its icon and a sentence with its facts.</summary>
public sealed record ReasonBadge(string Tone, string Icon, string Text)
{
    public static ReasonBadge For(WorklistFact fact, string currency, int quietDays, IStringLocalizer<Texts> t) => fact.Reason switch
    {
        WorklistReason.BrokenPromise => new("text-bg-danger", "bi-hand-thumbs-down",
            t["Broken promise: {0} by {1}, {2} paid", Display.Money(fact.Amount, currency), Display.Date(fact.On), Display.Money(fact.Paid ?? 0m, currency)]),
        WorklistReason.NoticeDeadlinePassed => new("text-bg-danger", "bi-envelope-exclamation",
            t["Formal notice deadline passed on {0}: {1} unpaid", Display.Date(fact.On), Display.Money(fact.Amount, currency)]),
        WorklistReason.PlanLate => new("text-bg-warning", "bi-calendar-x",
            t["Payment plan late since {0}: {1} behind", Display.Date(fact.On), Display.Money(fact.Amount, currency)]),
        WorklistReason.PromiseDue => new("text-bg-info", "bi-calendar-check",
            t["Promise due {0}: {1}", Display.Date(fact.On), Display.Money(fact.Amount, currency)]),
        WorklistReason.LargeOverdue => new("text-bg-secondary", "bi-cash-coin",
            t["Large overdue, no contact for {0} days", quietDays]),
    };
}
