using System.Net;
using ArLedger.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Auth;

public sealed class DataProtectionTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    [Fact]
    public async Task The_key_ring_lives_in_the_database_so_another_instance_reads_the_sign_in_cookie()
    {
        var cookies = new CookieContainer();
        await app.SignedInClientAsync(Roles.Clerk, cookies);

        await using (var db = app.Database.CreateContext())
        {
            var keys = await db.DataProtectionKeys.ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, k => Assert.StartsWith("<key ", k.Xml, StringComparison.Ordinal));
        }

        // A second host over the same database stands for another instance behind the load balancer.
        await using var secondInstance = app.WithWebHostBuilder(_ => { });
        var client = secondInstance.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(app.Server.BaseAddress));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
