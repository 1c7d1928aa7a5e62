using ArLedger.Audit;
using ArLedger.Ledger;
using ArLedger.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Payments;

/// <summary>Part of a credit to apply to one debit document.</summary>
public sealed record DebitShare(long DebitDocumentId, decimal Amount);

/// <summary>
/// Applies one credit (unapplied cash or a credit note) to several debit documents at once: all the allocations are
/// made, or none. <paramref name="Date"/> is the allocation date; none means from when both documents exist.
/// </summary>
public sealed record ApplyCredit(long CreditDocumentId, IReadOnlyList<DebitShare> Allocations, DateOnly? Date = null);

public sealed class ApplyCreditValidator : InputValidator<ApplyCredit>
{
    public ApplyCreditValidator()
    {
        RuleFor(x => x.CreditDocumentId).GreaterThan(0);
        RuleFor(x => x.Allocations).NotEmpty().WithMessage("Enter an amount for at least one document.");
        RuleForEach(x => x.Allocations).ChildRules(a =>
        {
            a.RuleFor(x => x.DebitDocumentId).GreaterThan(0);
            a.RuleFor(x => x.Amount).GreaterThan(0).PrecisionScale(14, 2, true);
        });
        RuleFor(x => x.Allocations).Must(a => a.Select(x => x.DebitDocumentId).Distinct().Count() == a.Count)
            .When(x => x.Allocations is not null).WithMessage("A document appears twice.");
    }
}

public sealed class ApplyCreditHandler(ArLedgerDbContext db, Allocations allocations)
{
    public async Task<Outcome<IReadOnlyList<Allocation>>> HandleAsync(ApplyCredit cmd, CancellationToken ct = default)
    {
        var validation = new ApplyCreditValidator().Validate(cmd);
        if (!validation.IsValid)
            return Problem.FromValidation(validation);
        var ownsTransaction = db.Database.CurrentTransaction is null;
        var outcome = await db.InTransactionAsync(() => ApplyAsync(cmd, ct), ct);
        // The rolled-back allocations must not linger in this context for a later save to write.
        if (!outcome.Succeeded && ownsTransaction)
            db.ChangeTracker.Clear();
        return outcome;
    }

    async Task<Outcome<IReadOnlyList<Allocation>>> ApplyAsync(ApplyCredit cmd, CancellationToken ct)
    {
        await Locks.DocumentsAsync(db, cmd.Allocations.Select(a => a.DebitDocumentId).Append(cmd.CreditDocumentId), ct);
        var made = new List<Allocation>(cmd.Allocations.Count);
        for (var i = 0; i < cmd.Allocations.Count; i++)
        {
            var share = cmd.Allocations[i];
            var outcome = await allocations.AllocateAsync(new Allocate(share.DebitDocumentId, cmd.CreditDocumentId, share.Amount, cmd.Date), ct);
            if (!outcome.Succeeded)
                return Locks.AtRow(outcome.Problem!, "Allocations", i);
            made.Add(outcome.Value!);
        }
        return made;
    }
}

/// <summary>Row locks and problem keys shared by the use cases that make several allocations in one transaction.</summary>
static class Locks
{
    /// <summary>
    /// Locks every document up front, in id order: each allocation then finds its rows already held, and two clerks
    /// applying credits to the same invoices in different orders wait for each other instead of deadlocking.
    /// </summary>
    public static async Task DocumentsAsync(ArLedgerDbContext db, IEnumerable<long> ids, CancellationToken ct)
    {
        var sorted = ids.Distinct().Order().ToArray();
        await Ledger.BalanceLocks.ForDocumentsAsync(db, sorted, ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"select 1 from documents where id = any({sorted}) order by id for update", ct);
    }

    /// <summary>A problem of the n-th allocation, its field keys moved under "Allocations[n]" so a page shows it on that row.</summary>
    public static Problem AtRow(Problem problem, string collection, int index) => problem with
    {
        Errors = problem.Errors is null
            ? new Dictionary<string, string[]> { [$"{collection}[{index}].Amount"] = [problem.Message] }
            : problem.Errors.ToDictionary(e => $"{collection}[{index}].{e.Key}", e => e.Value),
    };
}
