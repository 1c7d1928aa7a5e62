namespace ArLedger.Worklist;

/// <summary>
/// The worklist's SQL, by hand because it must stay fast on a large book: the customers in scope come from the kept
/// customer_balances rows, each reason starts from its own small table (promises, plans, sent notices) or from the
/// overdue index, and every contact check is a probe of the (customer_id, occurred_at) index of activities.
/// </summary>
static class WorklistSql
{
    /// <summary>
    /// One row per customer and reason: $1 today, $2 the collector or null, $3 the instant today starts, $4 the large
    /// overdue amount, $5 how many of the largest overdue count as large, $6 the quiet days, $7 the least of those. A reason holds until a
    /// contact follows what caused it; contacts made today are left out of that test and reported instead
    /// (contacted_today), so a customer called this morning leaves the list and counts as done.
    /// </summary>
    public const string Reasons = """
        with scope as materialized (
            -- chase: the overdue that the customer's own unapplied cash and credit notes would not cover once applied.
            select c.id, b.overdue, b.disputed, b.unapplied, greatest(b.overdue - b.unapplied, 0) as chase
            from customers c
            join customer_balances b on b.customer_id = c.id
            where ($2::bigint is null or c.collector_id = $2)
              and not c.on_hold
              and b.balance > 0
              and not exists (select 1 from customer_dunning_states s where s.customer_id = c.id and s.in_litigation)
        ), promise_candidates as (
            select p.*
            from promises p
            where p.customer_id in (select id from scope)
              and (p.status = 'Broken' or (p.status = 'Pending' and p.promised_date < $1))
        ), broken as (
            -- A pending promise past its date is broken when what was paid towards it falls short, as the daily
            -- review will decide it (PromiseReview); a decided one keeps what was paid when it was decided.
            select distinct on (p.customer_id) p.customer_id, p.promised_date as on_date, p.amount, paid.amount as paid
            from promise_candidates p
            cross join lateral (
                select case
                    when p.status = 'Broken' then coalesce(p.paid_amount, 0)
                    when not exists (select 1 from promise_invoices pi where pi.promise_id = p.id) then
                        (select coalesce(sum(d.amount), 0) from documents d
                         where d.customer_id = p.customer_id and d.kind = 'Payment' and d.reversed_at is null
                           and d.value_date between p.made_on and p.promised_date)
                    else
                        (select coalesce(sum(a.amount), 0) from allocations a
                         join promise_invoices pi on pi.invoice_id = a.debit_document_id and pi.promise_id = p.id
                         where a.allocation_date between p.made_on and p.promised_date
                           and exists (select 1 from documents d where d.id = a.credit_document_id and d.kind = 'Payment'))
                        + (select coalesce(sum(d.amount - d.allocated_amount), 0) from documents d
                           where d.customer_id = p.customer_id and d.kind = 'Payment' and d.reversed_at is null
                             and d.value_date between p.made_on and p.promised_date)
                    end as amount
            ) paid
            where p.status = 'Broken' or paid.amount < p.amount
            order by p.customer_id, p.promised_date desc, p.id desc
        ), followed_plans as (
            select pl.id, pl.customer_id,
                   (select coalesce(sum(a.amount), 0) from allocations a
                    join payment_plan_invoices i on i.invoice_id = a.debit_document_id and i.payment_plan_id = pl.id
                    where a.allocation_date between pl.starts_on and $1
                      and exists (select 1 from documents d where d.id = a.credit_document_id and d.kind = 'Payment')) as paid,
                   (select coalesce(sum(d.amount - d.allocated_amount - d.written_off_amount), 0) from documents d
                    join payment_plan_invoices i on i.invoice_id = d.id and i.payment_plan_id = pl.id
                    where d.reversed_at is null) as open_now
            from payment_plans pl
            where pl.status in ('OnTrack', 'Late') and pl.customer_id in (select id from scope)
        ), late_plans as (
            -- Payments cover instalments in date order (PlanProgress): the plan is behind from the first instalment
            -- due before today whose running total the payments do not reach.
            select pl.customer_id, min(i.due_date) as on_date, max(i.running) - pl.paid as amount
            from followed_plans pl
            cross join lateral (
                select due_date, sum(amount) over (order by due_date, id) as running
                from plan_instalments where payment_plan_id = pl.id
            ) i
            where pl.open_now > 0 and i.due_date < $1 and i.running > pl.paid
            group by pl.id, pl.customer_id, pl.paid
        ), notices as (
            -- Only a level that gives a deadline sets one: the formal notice.
            select distinct on (p.customer_id) p.customer_id, p.deadline as on_date, still_open.amount
            from dunning_proposals p
            cross join lateral (
                select coalesce(sum(d.amount - d.allocated_amount - d.written_off_amount), 0) as amount
                from dunning_proposal_items it
                join documents d on d.id = it.invoice_id
                where it.proposal_id = p.id and it.excluded_reason is null and d.reversed_at is null
            ) still_open
            where p.status = 'Sent' and p.deadline < $1 and still_open.amount > 0
              and p.customer_id in (select id from scope)
            order by p.customer_id, p.deadline desc, p.id desc
        ), large as (
            select id as customer_id, chase as overdue from scope where chase >= $4
            union
            select * from (select id, chase from scope where chase >= $7 and chase > 0 order by chase desc, id limit $5) largest
        ), reasons as (
            select customer_id, 'BrokenPromise' as reason, on_date, amount, paid, on_date + 1 as since from broken
            union all
            select customer_id, 'NoticeDeadlinePassed', on_date, amount, null, on_date + 1 from notices
            union all
            select customer_id, 'PlanLate', on_date, amount, null, on_date + 1 from late_plans
            union all
            -- A courtesy call the day before counts for the promised day too.
            select customer_id, 'PromiseDue', promised_date, amount, null, promised_date - 1
            from promises
            where status = 'Pending' and promised_date between $1 and $1 + 1 and customer_id in (select id from scope)
            union all
            select customer_id, 'LargeOverdue', null, overdue, null, $1 - $6 from large
        ), open_reasons as (
            select r.* from reasons r
            where not exists (
                select 1 from activities a
                where a.customer_id = r.customer_id and a.kind in ('Note', 'Call', 'Email', 'Letter')
                  and a.occurred_at >= r.since::timestamp at time zone 'UTC' and a.occurred_at < $3)
        )
        select r.customer_id, r.reason, r.on_date, r.amount, r.paid, s.overdue,
               exists (select 1 from activities a
                       where a.customer_id = r.customer_id and a.kind in ('Note', 'Call', 'Email', 'Letter') and a.occurred_at >= $3)
                   as contacted_today
        from open_reasons r
        join scope s on s.id = r.customer_id
        -- Nothing to chase while every overdue euro is contested or covered by the customer's own unapplied cash (apply
        -- it instead of calling); the kept figures spare the sum when nothing is disputed.
        where s.overdue <= 0 or (s.disputed <= 0 and s.chase > 0) or s.chase > (
            select coalesce(sum(least(ds.amount, d.amount - d.allocated_amount - d.written_off_amount)), 0)
            from documents d
            join disputes ds on ds.invoice_id = d.id and ds.status = 'Open'
            where d.customer_id = r.customer_id and d.reversed_at is null and d.kind in ('Invoice', 'Fee', 'Interest', 'Refund')
              and d.allocated_amount + d.written_off_amount < d.amount and d.due_date < $1)
        """;

    /// <summary>What the page shows of the customers $1 as of $2: who, how to reach them, how late, the last contact.</summary>
    public const string Customers = """
        select c.id, c.account_number, c.name, c.phone, c.currency, b.overdue, b.unapplied, oldest.due_date,
               last.occurred_at, last.kind, last.outcome, oldest.number, oldest.kind
        from customers c
        join customer_balances b on b.customer_id = c.id
        left join lateral (
            select d.due_date, d.number, d.kind from documents d
            where d.customer_id = c.id and d.reversed_at is null and d.kind in ('Invoice', 'Fee', 'Interest', 'Refund')
              and d.allocated_amount + d.written_off_amount < d.amount and d.due_date < $2
            order by d.due_date, d.id limit 1
        ) oldest on true
        left join lateral (
            select a.occurred_at, a.kind, a.outcome from activities a
            where a.customer_id = c.id and a.kind in ('Note', 'Call', 'Email', 'Letter')
            order by a.occurred_at desc limit 1
        ) last on true
        where c.id = any($1)
        """;
}
