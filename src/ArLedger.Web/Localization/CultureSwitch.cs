using Microsoft.AspNetCore.Localization;

namespace ArLedger.Web.Localization;

/// <summary>
/// GET /culture?culture=fr-FR&amp;returnUrl=/Customers: remembers the chosen language in the culture cookie and goes back.
/// A plain link, so it works before sign-in and needs no form; a language preference is not worth forging.
/// </summary>
public static class CultureSwitch
{
    public const string Path = "/culture";

    public static void MapCultureSwitch(this WebApplication app) =>
        app.MapGet(Path, (string? culture, string? returnUrl, HttpContext http, TimeProvider clock) =>
        {
            if (!Hosting.PagesHosting.Cultures.Any(c => c.Name == culture))
                return Results.BadRequest();
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                new CookieOptions
                {
                    Expires = clock.GetUtcNow().AddYears(1),
                    IsEssential = true,
                    HttpOnly = true,
                    Secure = http.Request.IsHttps,
                    SameSite = SameSiteMode.Lax,
                });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        })
        // The sign-in page offers the language switch too, before anyone is signed in.
        .AllowAnonymous()
        // A link of the pages, not part of the API.
        .ExcludeFromDescription();

    /// <summary>
    /// Only paths on this site, so the switch cannot be used to send people elsewhere. Browsers drop tabs and line
    /// breaks from a URL, so "/\t/evil.example" is "//evil.example" to them: a control character or a space anywhere
    /// makes the address refused.
    /// </summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));
}
