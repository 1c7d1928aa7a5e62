using ArLedger.Activities;
using ArLedger.Ledger;

namespace ArLedger.Worklist;

/// <summary>Why a customer needs a call today, most urgent first: the order is the worklist's priority.</summary>
public enum WorklistReason
{
    /// <summary>A promise to pay was broken and nobody has been in touch since.</summary>
    BrokenPromise,
    /// <summary>The payment deadline of a formal notice (mise en demeure) passed and its invoices are still open.</summary>
    NoticeDeadlinePassed,
    /// <summary>An instalment of a followed payment plan is past due and not covered by payments.</summary>
    PlanLate,
    /// <summary>A promise falls due today or tomorrow: a courtesy reminder.</summary>
    PromiseDue,
    /// <summary>A large overdue amount and no contact for a fortnight.</summary>
    LargeOverdue,
}

/// <summary>
/// One reason with its facts. <see cref="On"/> is the promised date, the notice's deadline or the oldest unpaid
/// instalment's due date (none for a large overdue); <see cref="Amount"/> is the promised amount, what the notice's
/// invoices still owe, what the plan is behind by, or the overdue amount; <see cref="Paid"/> is what was paid
/// towards a broken promise.
/// </summary>
public sealed record WorklistFact(WorklistReason Reason, DateOnly? On, decimal Amount, decimal? Paid);

/// <summary>The latest contact with a customer: a call, a note, an email or a letter.</summary>
public sealed record LastContact(DateTimeOffset At, ActivityKind Kind, CallOutcome? Outcome);

/// <summary>A customer to call, with what a collector needs on the line: whom, how much, how late, and why.</summary>
public sealed record WorklistRow(long CustomerId, string AccountNumber, string Name, string? Phone, string Currency,
    decimal Overdue, int? OldestDaysLate, LastContact? LastContact, IReadOnlyList<WorklistFact> Reasons)
{
    public WorklistReason Priority => Reasons[0].Reason;

    /// <summary>The customer's payments and credit notes not yet applied: to apply before (or instead of) a call.</summary>
    public decimal Unapplied { get; init; }

    /// <summary>The overdue document the customer has owed longest, the first one to talk about on the line.</summary>
    public OldestOverdue? Oldest { get; init; }
}

public sealed record OldestOverdue(string Number, DocumentKind Kind);

/// <summary>A page of the worklist, the number of customers on it, and how many of this morning's were contacted today.</summary>
public sealed record WorklistPage(Page<WorklistRow> Rows, int DoneToday);

/// <summary>When an overdue amount is large enough to call about without another reason (configuration section "Worklist").</summary>
public sealed class WorklistOptions
{
    /// <summary>Overdue from this amount up is large.</summary>
    public decimal LargeOverdue { get; set; } = 10_000m;
    /// <summary>The customers with the most overdue are large too, so a small book still has a list...</summary>
    public int TopOverdue { get; set; } = 20;
    /// <summary>...as long as they owe at least this much: a few euros late is not worth a call of its own.</summary>
    public decimal MinimumOverdue { get; set; } = 1_000m;
    /// <summary>Days without contact before a large overdue needs a call.</summary>
    public int QuietDays { get; set; } = 14;
}
