using System.Net;
using ArLedger.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Dunning;

/// <summary>The home page's warning about a missing ECB rate; an app of its own, as its clock moves on to July and stays there.</summary>
public sealed class EcbRateWarningTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    [Fact]
    public async Task The_home_page_warns_when_the_current_half_year_has_no_ECB_rate_and_stops_once_a_manager_enters_it()
    {
        // Signed in after the clock moved, or the sign-in cookie of March would have expired by July.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 10, 9, 0, 0, TimeSpan.Zero));
        var manager = await app.SignedInClientAsync(Roles.Manager);
        Assert.Contains("Pas de taux BCE pour 2026-H2", WebUtility.HtmlDecode(await manager.GetStringAsync("/")), StringComparison.Ordinal);

        var entered = await ArLedgerAppFactory.PostFormAsync(manager, "/Dunning/Rates", new() { ["HalfYear"] = "2026-H2", ["Rate"] = "2,15" }, "Set");

        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);
        Assert.DoesNotContain("ecb-rate-warning", await manager.GetStringAsync("/"), StringComparison.Ordinal);
        await using var ctx = app.Database.CreateContext();
        Assert.Equal(2.15m, await ctx.EcbRates.Where(r => r.ValidFrom == new DateOnly(2026, 7, 1)).Select(r => r.Rate).SingleAsync());
    }
}
