using ArLedger.Dunning;
using ArLedger.Web.Auth;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Dunning;

/// <summary>
/// The ECB main refinancing rates, one per half-year, that late interest is computed from (rate + 10 points). A
/// manager enters each new half-year's rate; until then runs claim no interest for it and say so.
/// </summary>
[Authorize(Policy = Policies.CanManage)]
public sealed class RatesModel(EcbRates rates, BusinessCalendar calendar, IStringLocalizer<Localization.Texts> t) : PageModel
{
    [BindProperty] public string? HalfYear { get; set; }
    [BindProperty] public string? Rate { get; set; }
    [TempData] public string? Flash { get; set; }

    public IReadOnlyList<EcbRate> Rates { get; private set; } = [];
    public IReadOnlyList<HalfYear> Missing { get; private set; } = [];
    /// <summary>The half-years the form offers: from 2020 to the one after the current one.</summary>
    public IReadOnlyList<HalfYear> Choices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSetAsync(CancellationToken ct)
    {
        if (!ArLedger.Dunning.HalfYear.TryParse(HalfYear, out var half))
            ModelState.AddModelError(nameof(HalfYear), t["Choose a half-year."]);
        if (!DunningText.TryParseRate(Rate, out var rate))
            ModelState.AddModelError(nameof(Rate), t["Type the rate in percent, such as 2,15."]);
        if (ModelState.IsValid)
        {
            var set = await rates.SetAsync(new SetEcbRate(half.Start, rate), ct);
            if (set.Succeeded)
            {
                Flash = t["The ECB rate of {0} is {1} %: late interest for it is {2} %.", half.ToString(), rate.ToString("0.00#", System.Globalization.CultureInfo.CurrentCulture),
                    (rate + LateInterest.LegalMargin).ToString("0.00#", System.Globalization.CultureInfo.CurrentCulture)];
                return RedirectToPage();
            }
            foreach (var (field, messages) in set.Problem!.Errors ?? new Dictionary<string, string[]> { [""] = [set.Problem.Message] })
                ModelState.AddModelError(field == nameof(SetEcbRate.ValidFrom) ? nameof(HalfYear) : nameof(Rate), t.Say(set.Problem, messages[0]));
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken ct)
    {
        var removed = await rates.RemoveAsync(id, ct);
        Flash = removed.Succeeded ? t["The rate of {0} is removed.", ArLedger.Dunning.HalfYear.Of(removed.Value!.ValidFrom).ToString()] : t.Say(removed.Problem!);
        return RedirectToPage();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Rates = await rates.ListAsync(ct);
        Missing = await rates.MissingAsync(ct);
        var next = ArLedger.Dunning.HalfYear.Of(calendar.Today).Next;
        var choices = new List<HalfYear>();
        for (var h = new HalfYear(2020, 1); h.Start <= next.Start; h = h.Next)
            choices.Add(h);
        choices.Reverse();
        Choices = choices;
        HalfYear ??= (Missing.Count > 0 ? Missing[0] : next).ToString();
    }
}
