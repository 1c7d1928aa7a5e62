using ArLedger.Identity;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Admin;

/// <summary>Lists, creates and revokes API keys. A new key is shown in the response to its creation and
/// nowhere else: it is not stored, not put in TempData and not cached.</summary>
public sealed class ApiKeysModel(ApiKeys apiKeys, IStringLocalizer<Texts> t) : PageModel
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];
    public ApiKeys.Created? Created { get; private set; }
    public string? Error { get; private set; }

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string Role { get; set; } = Roles.Clerk;

    public async Task OnGetAsync(CancellationToken ct) => Keys = await apiKeys.ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var name = Name?.Trim() ?? "";
        if (name.Length is 0 or > ApiKeys.MaxNameLength)
            Error = t["The name has 1 to {0} characters.", ApiKeys.MaxNameLength];
        else if (!Roles.All.Contains(Role))
            Error = t["Choose a role."];
        else
        {
            Created = await apiKeys.CreateAsync(name, Role, ct);
            // Empty the form for the next key; the posted values in ModelState would otherwise refill it.
            ModelState.Clear();
            Name = "";
            Response.Headers.CacheControl = "no-store";
        }
        Keys = await apiKeys.ListAsync(ct);
        return Page();
    }

    /// <summary>A role in words (English, the key of the French text).</summary>
    public static string RoleName(string role) => role switch
    {
        Roles.Clerk => "Clerk",
        Roles.Manager => "Manager",
        Roles.Admin => "Administrator",
        _ => role,
    };

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        await apiKeys.RevokeAsync(id, ct);
        return RedirectToPage();
    }
}
