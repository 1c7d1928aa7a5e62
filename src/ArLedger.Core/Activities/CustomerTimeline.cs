using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Activities;

public enum TimelineFilter
{
    All,
    /// <summary>What people wrote and did: notes and calls, emails, letters and statements sent.</summary>
    Activities,
    /// <summary>What the system recorded: invoices posted, payments, allocations, disputes, promises, write-offs.</summary>
    Events,
}

/// <summary>
/// A line of the activity timeline: an activity (Kind and Body set) or an audit event (Action and Details set,
/// Details being the event's JSON after-state).
/// </summary>
public sealed record TimelineItem(long Id, DateTimeOffset At, string Actor, ActivityKind? Kind, CallOutcome? Outcome, string? Body,
    string? Action, string? EntityType, string? EntityId, string? Details)
{
    public bool IsActivity => Kind is not null;
}

/// <summary>Everything about one customer, newest first: activities and audit events merged, a page at a time.</summary>
public sealed class CustomerTimeline(ArLedgerDbContext db)
{
    public const int DefaultPageSize = 30;

    public async Task<Page<TimelineItem>> ReadAsync(long customerId, TimelineFilter filter, int pageNumber, int pageSize = DefaultPageSize,
        CancellationToken ct = default)
    {
        pageNumber = Math.Max(1, pageNumber);
        var activities = filter != TimelineFilter.Events;
        var events = filter != TimelineFilter.Activities;
        // Both sides are read newest first through their (customer_id, occurred_at) indexes; only the page is merged.
        var limit = pageNumber * pageSize;
        var rows = await db.Database.SqlQuery<Row>($"""
            select * from (
                (select 'a' as source, id, occurred_at as at, created_by as actor, kind, outcome, body,
                        null::text as action, null::text as entity_type, null::text as entity_id, null::text as details
                 from activities where customer_id = {customerId} and {activities}
                 order by occurred_at desc, id desc limit {limit})
                union all
                (select 'e', id, occurred_at, actor, null, null, null, action, entity_type, entity_id, after::text
                 from audit_events where customer_id = {customerId} and {events} and entity_type <> 'Activity'
                 order by occurred_at desc, id desc limit {limit})
            ) t
            order by at desc, source, id desc
            offset {limit - pageSize} limit {pageSize}
            """).ToListAsync(ct);
        var total = (activities ? await db.Activities.CountAsync(a => a.CustomerId == customerId, ct) : 0)
            + (events ? await db.AuditEvents.CountAsync(e => e.CustomerId == customerId && e.EntityType != "Activity", ct) : 0);
        var items = rows.Select(r => new TimelineItem(r.id, r.at, r.actor,
            r.kind is null ? null : Enum.Parse<ActivityKind>(r.kind), r.outcome is null ? null : Enum.Parse<CallOutcome>(r.outcome),
            r.body, r.action, r.entity_type, r.entity_id, r.details)).ToList();
        return new Page<TimelineItem>(items, pageNumber, pageSize, total);
    }

#pragma warning disable IDE1006, CA1707 // column names
    sealed record Row(string source, long id, DateTimeOffset at, string actor, string? kind, string? outcome, string? body,
        string? action, string? entity_type, string? entity_id, string? details);
#pragma warning restore IDE1006, CA1707
}
