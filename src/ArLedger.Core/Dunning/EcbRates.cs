using ArLedger.Audit;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Dunning;

/// <summary>Sets the ECB rate of a half-year, given by its first day.</summary>
public sealed record SetEcbRate(DateOnly ValidFrom, decimal Rate);

/// <summary>The dated table of ECB main refinancing rates that a manager keeps up to date; every change is audited.</summary>
public sealed class EcbRates(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor)
{
    public const string HalfYearStart = "The rate applies from 1 January or 1 July.";

    public async Task<IReadOnlyList<EcbRate>> ListAsync(CancellationToken ct = default) =>
        await db.EcbRates.AsNoTracking().OrderByDescending(r => r.ValidFrom).ToListAsync(ct);

    /// <summary>Adds the half-year's rate or corrects it.</summary>
    public async Task<Outcome<EcbRate>> SetAsync(SetEcbRate cmd, CancellationToken ct = default)
    {
        if (!HalfYear.IsStart(cmd.ValidFrom))
            return Problem.Invalid(nameof(cmd.ValidFrom), HalfYearStart);
        if (cmd.Rate is < -10 or > 50 || Math.Round(cmd.Rate, 3) != cmd.Rate)
            return Problem.Invalid(nameof(cmd.Rate), "Give the rate in percent, between -10 and 50, with at most three decimals.");
        var now = calendar.Now;
        var rate = await db.EcbRates.SingleOrDefaultAsync(r => r.ValidFrom == cmd.ValidFrom, ct);
        var before = rate?.Rate;
        if (rate is null)
            db.EcbRates.Add(rate = new EcbRate { ValidFrom = cmd.ValidFrom, UpdatedBy = actor.Name });
        rate.Rate = cmd.Rate;
        rate.UpdatedAt = now;
        rate.UpdatedBy = actor.Name;
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, actor, now, "ecb-rate.set", nameof(EcbRate), rate.Id,
            before: before is null ? null : new { cmd.ValidFrom, Rate = before }, after: new { cmd.ValidFrom, cmd.Rate });
        await db.SaveChangesAsync(ct);
        return rate;
    }

    public async Task<Outcome<EcbRate>> RemoveAsync(long id, CancellationToken ct = default)
    {
        var rate = await db.EcbRates.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (rate is null)
            return Problem.NotFound($"No ECB rate with id {id}.");
        db.EcbRates.Remove(rate);
        AuditTrail.Record(db, actor, calendar.Now, "ecb-rate.removed", nameof(EcbRate), rate.Id, before: new { rate.ValidFrom, rate.Rate });
        await db.SaveChangesAsync(ct);
        return rate;
    }

    /// <summary>
    /// Half-years that runs needed and found no rate for, among proposals still waiting, and the current half-year
    /// if it has none: what the dashboard warns about until a manager enters the rate.
    /// </summary>
    public async Task<IReadOnlyList<HalfYear>> MissingAsync(CancellationToken ct = default)
    {
        var today = HalfYear.Of(calendar.Today);
        var known = (await db.EcbRates.AsNoTracking().Select(r => r.ValidFrom).ToListAsync(ct)).Select(HalfYear.Of).ToHashSet();
        var needed = await db.DunningProposals.AsNoTracking()
            .Where(p => p.Status == ProposalStatus.Proposed && p.MissingRates.Length > 0)
            .SelectMany(p => p.MissingRates).Distinct().ToListAsync(ct);
        return needed.Select(n => HalfYear.TryParse(n, out var h) ? h : (HalfYear?)null).OfType<HalfYear>()
            .Append(today)
            .Where(h => !known.Contains(h))
            .Distinct().OrderBy(h => h.Start).ToList();
    }
}
