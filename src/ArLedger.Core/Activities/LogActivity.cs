using ArLedger.Audit;
using ArLedger.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Activities;

/// <summary>A note on a customer, a call and how it went, or a document sent (letters and statements log themselves).</summary>
public sealed record LogActivity(string CustomerAccountNumber, ActivityKind Kind, string? Body, CallOutcome? Outcome = null);

public sealed class LogActivityValidator : InputValidator<LogActivity>
{
    public LogActivityValidator()
    {
        RuleFor(x => x.CustomerAccountNumber).NotEmpty();
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Body).NotEmpty().When(x => x.Kind != ActivityKind.Call).WithMessage(LogActivityHandler.BodyRequired);
        RuleFor(x => x.Body).MaximumLength(4000);
        RuleFor(x => x.Outcome).NotNull().When(x => x.Kind == ActivityKind.Call).WithMessage(LogActivityHandler.OutcomeRequired);
        RuleFor(x => x.Outcome).Null().When(x => x.Kind != ActivityKind.Call).WithMessage(LogActivityHandler.OutcomeOnlyForCalls);
        RuleFor(x => x.Outcome).IsInEnum();
    }
}

public sealed class LogActivityHandler(ArLedgerDbContext db, TimeProvider clock, Actor actor)
{
    public const string BodyRequired = "Write the note.";
    public const string OutcomeRequired = "Say how the call went.";
    public const string OutcomeOnlyForCalls = "Only a call has an outcome.";

    public async Task<Outcome<Activity>> HandleAsync(LogActivity cmd, CancellationToken ct = default)
    {
        var validation = new LogActivityValidator().Validate(cmd);
        if (!validation.IsValid)
            return Problem.FromValidation(validation);
        var customerId = await db.Customers.Where(c => c.AccountNumber == cmd.CustomerAccountNumber)
            .Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
        if (customerId is null)
            return Problem.NotFound($"No customer with account number {cmd.CustomerAccountNumber}.");

        return await db.InTransactionAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var activity = new Activity
            {
                CustomerId = customerId.Value,
                Kind = cmd.Kind,
                Outcome = cmd.Outcome,
                Body = cmd.Body?.Trim() ?? "",
                OccurredAt = now,
                CreatedBy = actor.Name,
            };
            db.Activities.Add(activity);
            await db.SaveChangesAsync(ct);
            // The timeline shows the activity itself; this event is for the audit trail.
            AuditTrail.Record(db, actor, now, "activity.logged", nameof(Activity), activity.Id, activity.CustomerId,
                after: new { activity.Kind, activity.Outcome });
            await db.SaveChangesAsync(ct);
            return Outcome<Activity>.Done(activity);
        }, ct);
    }
}
