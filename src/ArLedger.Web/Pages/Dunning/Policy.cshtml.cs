using ArLedger.Dunning;
using ArLedger.Web.Auth;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Dunning;

/// <summary>A level as its form shows it: amounts as typed, so a mistyped one comes back as it was.</summary>
public sealed class LevelInput
{
    public long Id { get; set; }
    public int LevelNo { get; set; }
    public string Name { get; set; } = "";
    public int DaysAfterDue { get; set; }
    public int MinDaysSincePrevious { get; set; }
    public string MinOverdueAmount { get; set; } = "";
    public DunningChannel Channel { get; set; }
    public string FixedFee { get; set; } = "";
    public bool ClaimsInterest { get; set; }
    public bool ClaimsCompensation { get; set; }
    public bool NeedsApproval { get; set; }
    public int PaymentDeadlineDays { get; set; }
    public FinalAction FinalAction { get; set; }
    public string SubjectFr { get; set; } = "";
    public string BodyFr { get; set; } = "";
    public string SubjectEn { get; set; } = "";
    public string BodyEn { get; set; } = "";
    /// <summary>The version of the level the form was opened on (optimistic concurrency).</summary>
    public string? Version { get; set; }

    public static LevelInput From(DunningLevel l) => new()
    {
        Version = DunningPolicy.Version(l),
        Id = l.Id,
        LevelNo = l.LevelNo,
        Name = l.Name,
        DaysAfterDue = l.DaysAfterDue,
        MinDaysSincePrevious = l.MinDaysSincePrevious,
        MinOverdueAmount = DunningText.Input(l.MinOverdueAmount),
        Channel = l.Channel,
        FixedFee = DunningText.Input(l.FixedFee),
        ClaimsInterest = l.ClaimsInterest,
        ClaimsCompensation = l.ClaimsCompensation,
        NeedsApproval = l.NeedsApproval,
        PaymentDeadlineDays = l.PaymentDeadlineDays,
        FinalAction = l.FinalAction,
        SubjectFr = l.Templates.FirstOrDefault(t => t.Language == "fr")?.Subject ?? "",
        BodyFr = l.Templates.FirstOrDefault(t => t.Language == "fr")?.Body ?? "",
        SubjectEn = l.Templates.FirstOrDefault(t => t.Language == "en")?.Subject ?? "",
        BodyEn = l.Templates.FirstOrDefault(t => t.Language == "en")?.Body ?? "",
    };
}

/// <summary>The dunning policy for managers: its levels in order, each with its rules and its letter in French and English.</summary>
[Authorize(Policy = Policies.CanManage)]
public sealed class PolicyModel(DunningPolicy policy, IStringLocalizer<Localization.Texts> t) : PageModel
{
    [BindProperty] public LevelInput Input { get; set; } = new();
    [TempData] public string? Flash { get; set; }

    public IReadOnlyList<LevelInput> Levels { get; private set; } = [];
    public bool AlwaysStartAtFirstLevel { get; private set; }
    /// <summary>The version of the settings the switch was shown with.</summary>
    public string? SettingsVersion { get; private set; }
    /// <summary>The level whose form was posted and refused: it shows what was typed and its errors.</summary>
    public long? Editing { get; private set; }
    /// <summary>After a colleague saved the level first: each field where their saved value and the one typed here differ.</summary>
    public IReadOnlyList<FieldDifference> Differences { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (!DunningText.TryParseAmount(Input.MinOverdueAmount, out var minimum))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.MinOverdueAmount)}", t["Type an amount, such as 20,00."]);
        if (!DunningText.TryParseAmount(Input.FixedFee, out var fee))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.FixedFee)}", t["Type an amount, such as 20,00."]);
        if (ModelState.IsValid)
        {
            var saved = await policy.SaveAsync(new SaveLevel(Input.Id, Input.Name, Input.DaysAfterDue, Input.MinDaysSincePrevious, minimum,
                Input.Channel, fee, Input.ClaimsInterest, Input.ClaimsCompensation, Input.NeedsApproval, Input.PaymentDeadlineDays,
                Input.FinalAction, Input.SubjectFr, Input.BodyFr, Input.SubjectEn, Input.BodyEn, Input.Version), ct);
            if (saved.Succeeded)
            {
                Flash = t["Level {0} is saved.", saved.Value!.LevelNo];
                return RedirectToPage(null, null, null, $"level-{saved.Value.LevelNo}");
            }
            AddErrors(saved.Problem!);
            if (saved.Problem is { Kind: ProblemKind.Conflict } && (await policy.LevelsAsync(ct)).FirstOrDefault(l => l.Id == Input.Id) is { } theirs)
            {
                // The form now stands on the colleague's save: saving again keeps what is typed here.
                var current = LevelInput.From(theirs);
                Differences = StaleEdit.Compare(current, Input);
                Input.Version = current.Version;
            }
        }
        Editing = Input.Id;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(bool alwaysStartAtFirstLevel, string? settingsVersion, CancellationToken ct)
    {
        var saved = await policy.SetAlwaysStartAtFirstLevelAsync(alwaysStartAtFirstLevel, settingsVersion, ct);
        if (saved.Succeeded)
        {
            Flash = alwaysStartAtFirstLevel ? t["Every invoice's first letter is level 1."] : t["An invoice's first letter is at the level its lateness reached."];
            return RedirectToPage();
        }
        ModelState.AddModelError("", t.Say(saved.Problem!));
        await LoadAsync(ct);
        // The form now stands on the colleague's save and shows this one's choice: saving again keeps it.
        Differences = StaleEdit.Compare(new SettingsInput(AlwaysStartAtFirstLevel), new SettingsInput(alwaysStartAtFirstLevel));
        AlwaysStartAtFirstLevel = alwaysStartAtFirstLevel;
        return Page();
    }

    /// <summary>The settings form's one field, for <see cref="StaleEdit.Compare"/>.</summary>
    sealed record SettingsInput(bool AlwaysStartAtFirstLevel);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var added = await policy.AddAsync(ct);
        Flash = added.Succeeded ? t["Level {0} is added: write its letter and save it.", added.Value!.LevelNo] : t.Say(added.Problem!);
        return added.Succeeded ? RedirectToPage(null, null, null, $"level-{added.Value!.LevelNo}") : RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveLastAsync(CancellationToken ct)
    {
        var removed = await policy.RemoveLastAsync(ct);
        Flash = removed.Succeeded ? t["Level {0} is removed.", removed.Value!.LevelNo] : t.Say(removed.Problem!);
        return RedirectToPage();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Levels = (await policy.LevelsAsync(ct)).Select(l => Editing == l.Id ? Posted(l) : LevelInput.From(l)).ToList();
        var settings = await policy.SettingsAsync(ct);
        AlwaysStartAtFirstLevel = settings.AlwaysStartAtFirstLevel;
        SettingsVersion = DunningPolicy.Version(settings);
    }

    LevelInput Posted(DunningLevel l)
    {
        Input.LevelNo = l.LevelNo;
        return Input;
    }

    void AddErrors(Problem problem)
    {
        if (problem.Errors is null)
        {
            ModelState.AddModelError("", t.Say(problem));
            return;
        }
        foreach (var (field, messages) in problem.Errors)
        {
            foreach (var m in messages)
                ModelState.AddModelError($"{nameof(Input)}.{field}", t.Say(problem, m));
        }
    }
}
