using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace ArLedger.Web.Hosting;

/// <summary>Razor Pages, French and English cultures, static files and error pages.</summary>
public static class PagesHosting
{
    /// <summary>The languages a person can switch between.</summary>
    public static readonly CultureInfo[] Cultures = [new("fr-FR"), new("en-GB")];

    /// <summary>What a browser may ask for; an American browser gets English with its own date order.</summary>
    static readonly CultureInfo[] Accepted = [.. Cultures, new("en-US"), new("fr-BE"), new("fr-CH"), new("fr-CA")];

    public static WebApplicationBuilder AddArLedgerPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages().AddMvcOptions(o => o.Filters.Add<RefusedForms>());
        // Without this Razor writes "é" as "&#xE9;".
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddLocalization();
        builder.Services.AddSingleton<ArLedger.Web.Collections.Moments>();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Accepted;
            o.SupportedUICultures = Accepted;
        });
        builder.Services.AddProblemDetails();
        builder.AddInputFailures();
        return builder;
    }

    public static void UseArLedgerPages(this WebApplication app)
    {
        app.LocalizeFieldNames();
        // Always on, so the API's exception handlers (a body that does not parse) answer in every environment;
        // pages show /Error outside Development, with 400 or 409 for an input the database refused.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = app.Environment.IsDevelopment() ? null : "/Error",
            StatusCodeSelector = InputFailures.StatusOf,
        });
        // Pages answer a status without a body (a mistyped address, a document that does not exist) with the app's own
        // HTML page; the API keeps its ProblemDetails.
        app.UseWhen(c => !IsApi(c.Request.Path), b => b.UseStatusCodePagesWithReExecute("/Error"));
        app.UseWhen(c => IsApi(c.Request.Path), b => b.UseStatusCodePages());
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static void MapArLedgerPages(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapCultureSwitch();
    }
}
