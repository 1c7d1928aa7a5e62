using ArLedger.Audit;
using ArLedger.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Dunning;

/// <summary>The policy as a run reads it once: its levels in order with their letters, the ECB rates and the settings.</summary>
public sealed record PolicySnapshot(IReadOnlyList<DunningLevel> Levels, IReadOnlyList<EcbRate> Rates)
{
    /// <summary>Every invoice's first letter is level 1 (<see cref="DunningSettings.AlwaysStartAtFirstLevel"/>).</summary>
    public bool AlwaysStartAtFirstLevel { get; init; }

    public Func<HalfYear, decimal?> EcbRate { get; } = LateInterest.FromTable(Rates);

    public DunningLevel? Level(int levelNo) => Levels.FirstOrDefault(l => l.LevelNo == levelNo);

    /// <summary>The fewest days after the due date any letter waits: invoices less late than that are not read.</summary>
    public int FirstDays => Levels.Count == 0 ? int.MaxValue : Levels.Min(l => l.DaysAfterDue);
}

/// <summary>
/// A level as the policy page edits it, with its letter in French and English. <c>Version</c> is
/// <see cref="DunningPolicy.Version"/> of the level the form was opened on: if someone saved the level since, the
/// change is refused (optimistic concurrency) rather than overwriting theirs.
/// </summary>
public sealed record SaveLevel(long Id, string Name, int DaysAfterDue, int MinDaysSincePrevious, decimal MinOverdueAmount,
    DunningChannel Channel, decimal FixedFee, bool ClaimsInterest, bool ClaimsCompensation, bool NeedsApproval, int PaymentDeadlineDays,
    FinalAction FinalAction, string SubjectFr, string BodyFr, string SubjectEn, string BodyEn, string? Version = null);

public sealed class SaveLevelValidator : InputValidator<SaveLevel>
{
    public SaveLevelValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
        RuleFor(x => x.DaysAfterDue).InclusiveBetween(0, 3650);
        RuleFor(x => x.MinDaysSincePrevious).InclusiveBetween(0, 3650);
        RuleFor(x => x.PaymentDeadlineDays).InclusiveBetween(0, 365);
        RuleFor(x => x.MinOverdueAmount).GreaterThanOrEqualTo(0).PrecisionScale(14, 2, true);
        RuleFor(x => x.FixedFee).GreaterThanOrEqualTo(0).PrecisionScale(14, 2, true);
        RuleFor(x => x.Channel).IsInEnum();
        RuleFor(x => x.FinalAction).IsInEnum();
        RuleFor(x => x.SubjectFr).NotEmpty().MaximumLength(300).Must(Known).WithMessage(x => UnknownMessage(x.SubjectFr));
        RuleFor(x => x.SubjectEn).NotEmpty().MaximumLength(300).Must(Known).WithMessage(x => UnknownMessage(x.SubjectEn));
        RuleFor(x => x.BodyFr).NotEmpty().MaximumLength(20000).Must(ShowsInvoices).WithMessage(TableMessage)
            .Must(Known).WithMessage(x => UnknownMessage(x.BodyFr));
        RuleFor(x => x.BodyEn).NotEmpty().MaximumLength(20000).Must(ShowsInvoices).WithMessage(TableMessage)
            .Must(Known).WithMessage(x => UnknownMessage(x.BodyEn));
    }

    public const string TableMessage = "The letter must show the invoices: put {invoice_table} on a line of its own.";

    static bool ShowsInvoices(string? body) => body?.Contains(LetterLayout.InvoiceTable, StringComparison.Ordinal) == true;
    static bool Known(string? text) => LetterLayout.UnknownPlaceholders(text ?? "").Count == 0;
    static string UnknownMessage(string? text) => $"Unknown placeholder {string.Join(", ", LetterLayout.UnknownPlaceholders(text ?? ""))}.";
}

/// <summary>Reading and editing the dunning policy; every change is an audit event.</summary>
public sealed class DunningPolicy(ArLedgerDbContext db, TimeProvider clock, Actor actor)
{
    public const string OrderMessage = "Each level must come more days after the due date than the level before it.";
    public const string LitigationLastMessage = "Only the last level can hand the customer over to litigation.";
    public const string StaleMessage = "Someone saved this dunning level after you opened it: their values are shown beside yours. Save again to keep yours.";

    /// <summary>A short fingerprint of a level and its letters, the version an edit starts from.</summary>
    public static string Version(DunningLevel level) => Ledger.ExternalRequests.Hash(Describe(level))[..16];

    public async Task<IReadOnlyList<DunningLevel>> LevelsAsync(CancellationToken ct = default) =>
        await db.DunningLevels.AsNoTracking().Include(l => l.Templates).OrderBy(l => l.LevelNo).ToListAsync(ct);

    public async Task<PolicySnapshot> SnapshotAsync(CancellationToken ct = default) =>
        new(await LevelsAsync(ct), await db.EcbRates.AsNoTracking().OrderBy(r => r.ValidFrom).ToListAsync(ct))
        {
            AlwaysStartAtFirstLevel = (await SettingsAsync(ct)).AlwaysStartAtFirstLevel,
        };

    public async Task<DunningSettings> SettingsAsync(CancellationToken ct = default) =>
        await db.DunningSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new DunningSettings { UpdatedBy = "migration" };

    public const string StaleSettingsMessage =
        "Someone changed this setting after you opened the page: their value is shown beside yours. Save again to keep yours.";

    /// <summary>What a settings form carries to know whether someone saved since it was opened.</summary>
    public static string Version(DunningSettings settings) => settings.UpdatedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Sets whether every invoice's first letter is level 1 however late it is, or the level its lateness reached.
    /// With the <paramref name="version"/> the form was opened on, a change someone saved since is refused (a conflict).
    /// </summary>
    public async Task<Outcome<DunningSettings>> SetAlwaysStartAtFirstLevelAsync(bool always, string? version = null, CancellationToken ct = default) =>
        await db.InTransactionAsync(async () =>
        {
            // The row lock makes two saves take turns, so the second one sees the first one's version.
            var settings = await db.DunningSettings.FromSql($"select * from dunning_settings for update").SingleOrDefaultAsync(ct);
            if (version is not null && version != Version(settings ?? new DunningSettings { UpdatedBy = "migration" }))
                return Problem.Conflict(StaleSettingsMessage);
            if (settings is null)
                db.DunningSettings.Add(settings = new DunningSettings { UpdatedBy = actor.Name });
            var before = new { settings.AlwaysStartAtFirstLevel };
            settings.AlwaysStartAtFirstLevel = always;
            var now = clock.GetUtcNow();
            settings.UpdatedAt = now;
            settings.UpdatedBy = actor.Name;
            AuditTrail.Record(db, actor, now, "dunning.settings.saved", nameof(DunningSettings), settings.Id, before: before,
                after: new { settings.AlwaysStartAtFirstLevel });
            await db.SaveChangesAsync(ct);
            return Outcome<DunningSettings>.Done(settings);
        }, ct);

    public async Task<Outcome<DunningLevel>> SaveAsync(SaveLevel cmd, CancellationToken ct = default)
    {
        var validation = await new SaveLevelValidator().ValidateAsync(cmd, ct);
        if (!validation.IsValid)
            return Problem.FromValidation(validation);
        return await db.InTransactionAsync(() => SaveLockedAsync(cmd, ct), ct);
    }

    async Task<Outcome<DunningLevel>> SaveLockedAsync(SaveLevel cmd, CancellationToken ct)
    {
        // The row lock makes two saves of a level take turns, so the second one sees the first one's version.
        await db.Database.ExecuteSqlAsync($"select 1 from dunning_levels where id = {cmd.Id} for update", ct);
        var levels = await db.DunningLevels.Include(l => l.Templates).OrderBy(l => l.LevelNo).ToListAsync(ct);
        var level = levels.FirstOrDefault(l => l.Id == cmd.Id);
        if (level is null)
            return Problem.NotFound($"No dunning level with id {cmd.Id}.");
        if (cmd.Version is { } version && version != Version(level))
            return Problem.Conflict(StaleMessage);
        var before = levels.LastOrDefault(l => l.LevelNo < level.LevelNo);
        var after = levels.FirstOrDefault(l => l.LevelNo > level.LevelNo);
        if ((before is not null && cmd.DaysAfterDue <= before.DaysAfterDue) || (after is not null && cmd.DaysAfterDue >= after.DaysAfterDue))
            return Problem.Invalid(nameof(cmd.DaysAfterDue), OrderMessage);
        if (cmd.FinalAction == FinalAction.Litigation && after is not null)
            return Problem.Invalid(nameof(cmd.FinalAction), LitigationLastMessage);

        var old = Describe(level);
        level.Name = cmd.Name.Trim();
        level.DaysAfterDue = cmd.DaysAfterDue;
        level.MinDaysSincePrevious = cmd.MinDaysSincePrevious;
        level.MinOverdueAmount = cmd.MinOverdueAmount;
        level.Channel = cmd.Channel;
        level.FixedFee = cmd.FixedFee;
        level.ClaimsInterest = cmd.ClaimsInterest;
        level.ClaimsCompensation = cmd.ClaimsCompensation;
        level.NeedsApproval = cmd.NeedsApproval;
        level.PaymentDeadlineDays = cmd.PaymentDeadlineDays;
        level.FinalAction = cmd.FinalAction;
        SetTemplate(level, "fr", cmd.SubjectFr, cmd.BodyFr);
        SetTemplate(level, "en", cmd.SubjectEn, cmd.BodyEn);
        var now = clock.GetUtcNow();
        level.UpdatedAt = now;
        level.UpdatedBy = actor.Name;
        AuditTrail.Record(db, actor, now, "dunning.level.saved", nameof(DunningLevel), level.Id, before: old, after: Describe(level));
        await db.SaveChangesAsync(ct);
        return level;
    }

    /// <summary>Adds a level after the last one, a week later, with a copy of the last level's letter to edit.</summary>
    public async Task<Outcome<DunningLevel>> AddAsync(CancellationToken ct = default)
    {
        var last = await db.DunningLevels.AsNoTracking().Include(l => l.Templates).OrderByDescending(l => l.LevelNo).FirstOrDefaultAsync(ct);
        if (last is { LevelNo: >= 9 })
            return Problem.Refused("A policy has at most nine levels.");
        if (last is { FinalAction: FinalAction.Litigation })
            return Problem.Refused("The last level hands over to litigation: no letter can follow it. Change its final action first.");
        var now = clock.GetUtcNow();
        var level = new DunningLevel
        {
            LevelNo = (last?.LevelNo ?? 0) + 1,
            Name = last is null ? "Relance" : $"{last.Name} ({(last.LevelNo + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)})",
            DaysAfterDue = (last?.DaysAfterDue ?? 0) + 7,
            MinDaysSincePrevious = 7,
            MinOverdueAmount = last?.MinOverdueAmount ?? 0,
            Channel = DunningChannel.Email,
            NeedsApproval = true,
            UpdatedAt = now,
            UpdatedBy = actor.Name,
            Templates = (last?.Templates ?? []).Select(t => new LetterTemplate { Language = t.Language, Subject = t.Subject, Body = t.Body }).ToList(),
        };
        foreach (var language in new[] { "fr", "en" }.Where(lang => level.Templates.All(t => t.Language != lang)))
            level.Templates.Add(new LetterTemplate { Language = language, Subject = level.Name, Body = LetterLayout.InvoiceTable });
        db.DunningLevels.Add(level);
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, actor, now, "dunning.level.added", nameof(DunningLevel), level.Id, after: Describe(level));
        await db.SaveChangesAsync(ct);
        return level;
    }

    /// <summary>Removes the last level; letters already sent at it keep their history.</summary>
    public async Task<Outcome<DunningLevel>> RemoveLastAsync(CancellationToken ct = default)
    {
        var levels = await db.DunningLevels.Include(l => l.Templates).OrderBy(l => l.LevelNo).ToListAsync(ct);
        if (levels.Count <= 1)
            return Problem.Refused("A policy keeps at least one level.");
        var last = levels[^1];
        db.DunningLevels.Remove(last);
        AuditTrail.Record(db, actor, clock.GetUtcNow(), "dunning.level.removed", nameof(DunningLevel), last.Id, before: Describe(last));
        await db.SaveChangesAsync(ct);
        return last;
    }

    static void SetTemplate(DunningLevel level, string language, string subject, string body)
    {
        var template = level.Templates.FirstOrDefault(t => t.Language == language);
        if (template is null)
            level.Templates.Add(template = new LetterTemplate { Language = language, Subject = "", Body = "" });
        template.Subject = subject.Trim();
        template.Body = body.ReplaceLineEndings("\n").Trim();
    }

    static object Describe(DunningLevel l) => new
    {
        l.LevelNo,
        l.Name,
        l.DaysAfterDue,
        l.MinDaysSincePrevious,
        l.MinOverdueAmount,
        Channel = l.Channel.ToString(),
        l.FixedFee,
        l.ClaimsInterest,
        l.ClaimsCompensation,
        l.NeedsApproval,
        l.PaymentDeadlineDays,
        FinalAction = l.FinalAction.ToString(),
        Templates = l.Templates.OrderBy(t => t.Language).Select(t => new { t.Language, t.Subject, t.Body }).ToList(),
    };
}
