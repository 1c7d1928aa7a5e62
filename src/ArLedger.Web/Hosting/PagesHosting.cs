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
    public static readonly CultureInfo[] Cultures = [new("fr-FR"), new("en-GB")];

    public static WebApplicationBuilder AddArLedgerPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages();
        // Without this Razor writes "é" as "&#xE9;".
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
        });
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static void UseArLedgerPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error");
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    public static void MapArLedgerPages(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapCultureSwitch();
    }
}
