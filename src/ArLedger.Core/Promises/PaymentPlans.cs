using System.Globalization;
using ArLedger.Audit;
using ArLedger.Invoices;
using ArLedger.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Promises;

public sealed record InstalmentInput(DateOnly DueDate, decimal Amount);

/// <summary>Agrees a payment plan: the open amount of some invoices, paid in dated instalments.</summary>
public sealed record CreatePaymentPlan(string CustomerAccountNumber, IReadOnlyList<string> InvoiceNumbers,
    IReadOnlyList<InstalmentInput> Instalments, string? Note = null);

public sealed record CancelPaymentPlan(long PaymentPlanId, string Reason);

public sealed class CreatePaymentPlanValidator : InputValidator<CreatePaymentPlan>
{
    public CreatePaymentPlanValidator()
    {
        RuleFor(x => x.CustomerAccountNumber).NotEmpty();
        RuleFor(x => x.InvoiceNumbers).NotEmpty().WithMessage(PaymentPlans.NoInvoice);
        RuleFor(x => x.Instalments).NotEmpty().WithMessage(PaymentPlans.NoInstalment);
        RuleForEach(x => x.Instalments).ChildRules(i =>
        {
            i.RuleFor(x => x.DueDate).NotEmpty();
            i.RuleFor(x => x.Amount).GreaterThan(0).PrecisionScale(14, 2, true);
        });
        RuleFor(x => x.Note).MaximumLength(2000);
    }
}

/// <summary>Creating and cancelling payment plans (échéanciers); <see cref="PlanProgress"/> tells how they go.</summary>
public sealed class PaymentPlans(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor)
{
    public const string NoInvoice = "Pick the invoices the plan pays.";
    public const string NoInstalment = "Add at least one instalment.";
    public const string NotOpenInvoice = "Pick open invoices of this customer.";
    public const string AlreadyPlanned = "An invoice is already in a payment plan that is followed.";
    public const string PastInstalment = "An instalment cannot fall due before today.";
    public const string ReasonRequired = "Say why the plan is cancelled.";

    public Task<Outcome<PaymentPlan>> CreateAsync(CreatePaymentPlan cmd, CancellationToken ct = default)
    {
        var validation = new CreatePaymentPlanValidator().Validate(cmd);
        if (!validation.IsValid)
            return Task.FromResult<Outcome<PaymentPlan>>(Problem.FromValidation(validation));
        return db.InTransactionAsync(() => CreateCoreAsync(cmd, ct), ct);
    }

    /// <summary>The message when the instalments do not add up to the open amount; it names the difference.</summary>
    public static string TotalMismatch(decimal instalments, decimal open) => string.Format(CultureInfo.InvariantCulture,
        instalments < open
            ? "The instalments add up to {0:0.00} but {1:0.00} is open on the planned invoices: {2:0.00} missing."
            : "The instalments add up to {0:0.00} but {1:0.00} is open on the planned invoices: {2:0.00} too much.",
        instalments, open, Math.Abs(instalments - open));

    async Task<Outcome<PaymentPlan>> CreateCoreAsync(CreatePaymentPlan cmd, CancellationToken ct)
    {
        var now = calendar.Now;
        var today = calendar.DateOf(now);
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.AccountNumber == cmd.CustomerAccountNumber, ct);
        if (customer is null)
            return Problem.NotFound($"No customer with account number {cmd.CustomerAccountNumber}.");

        var numbers = cmd.InvoiceNumbers.Distinct(StringComparer.Ordinal).ToArray();
        // Locked, so the open amounts the plan is checked against cannot move until it is saved.
        var invoices = await db.Invoices
            .FromSqlInterpolated($"select * from documents where kind = 'Invoice' and customer_id = {customer.Id} and number = any({numbers}) order by id for update")
            .AsNoTracking().ToListAsync(ct);
        if (invoices.Count != numbers.Length || invoices.Any(i => i.OpenAmount <= 0))
            return Problem.Invalid(nameof(cmd.InvoiceNumbers), NotOpenInvoice);
        var ids = invoices.Select(i => i.Id).ToList();
        var planned = await db.PaymentPlanInvoices.AnyAsync(l => ids.Contains(l.InvoiceId)
            && db.PaymentPlans.Any(p => p.Id == l.PaymentPlanId && (p.Status == PlanStatus.OnTrack || p.Status == PlanStatus.Late)), ct);
        if (planned)
            return Problem.Refused(nameof(cmd.InvoiceNumbers), AlreadyPlanned);
        if (cmd.Instalments.Any(i => i.DueDate < today))
            return Problem.Invalid(nameof(cmd.Instalments), PastInstalment);
        var total = cmd.Instalments.Sum(i => i.Amount);
        var open = invoices.Sum(i => i.OpenAmount);
        if (total != open)
            return Problem.Invalid(nameof(cmd.Instalments), TotalMismatch(total, open));

        var plan = new PaymentPlan
        {
            CustomerId = customer.Id,
            Currency = customer.Currency,
            StartsOn = today,
            Status = PlanStatus.OnTrack,
            Note = string.IsNullOrWhiteSpace(cmd.Note) ? null : cmd.Note.Trim(),
            CreatedAt = now,
            CreatedBy = actor.Name,
            Invoices = ids.Select(id => new PaymentPlanInvoice { InvoiceId = id }).ToList(),
            Instalments = cmd.Instalments.OrderBy(i => i.DueDate)
                .Select(i => new PlanInstalment { DueDate = i.DueDate, Amount = i.Amount }).ToList(),
        };
        db.PaymentPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, actor, now, "payment-plan.created", nameof(PaymentPlan), plan.Id, customer.Id,
            after: new
            {
                Invoices = invoices.Select(i => i.Number).ToList(),
                Amount = total,
                Instalments = plan.Instalments.Select(i => new { i.DueDate, i.Amount }).ToList(),
            });
        await db.SaveChangesAsync(ct);
        return plan;
    }

    public Task<Outcome<PaymentPlan>> CancelAsync(CancelPaymentPlan cmd, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(cmd.Reason))
            return Task.FromResult<Outcome<PaymentPlan>>(Problem.Invalid(nameof(cmd.Reason), ReasonRequired));
        return db.InTransactionAsync(() => CancelCoreAsync(cmd, ct), ct);
    }

    async Task<Outcome<PaymentPlan>> CancelCoreAsync(CancelPaymentPlan cmd, CancellationToken ct)
    {
        var plan = await db.PaymentPlans.ForUpdate(cmd.PaymentPlanId).SingleOrDefaultAsync(ct);
        if (plan is null)
            return Problem.NotFound($"No payment plan with id {cmd.PaymentPlanId}.");
        if (!plan.IsFollowed)
            return Problem.Refused($"Payment plan {plan.Id} is already {plan.Status.ToString().ToLowerInvariant()}.");
        var before = plan.Status;
        plan.Status = PlanStatus.Cancelled;
        AuditTrail.Record(db, actor, calendar.Now, "payment-plan.cancelled", nameof(PaymentPlan), plan.Id, plan.CustomerId,
            before: new { Status = before }, after: new { plan.Status, cmd.Reason });
        await db.SaveChangesAsync(ct);
        return plan;
    }
}
