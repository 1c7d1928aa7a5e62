using System.Net;
using System.Net.Http.Json;
using ArLedger.Dunning;
using ArLedger.Identity;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Api;

/// <summary>Dunning through the API: a run's proposals, their approval under the review page's rules, and the policy
/// for managers' keys.</summary>
public sealed class DunningApiTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    async Task<ProposalStatus> StatusAsync(long id)
    {
        await using var ctx = app.Database.CreateContext();
        return await ctx.DunningProposals.Where(p => p.Id == id).Select(p => p.Status).SingleAsync();
    }

    [Fact]
    public async Task A_runs_proposals_read_with_their_invoices_and_a_clerk_key_cannot_approve_a_formal_notice_and_a_manager_key_can()
    {
        var asOf = app.Clock.Today.AddDays(-200);
        var (customerId, proposalId) = await Dunning.FormalNotices.ProposedAsync(app, "NOTICEAPI", asOf);
        var clerk = await app.ApiClientAsync(Roles.Clerk);
        var manager = await app.ApiClientAsync(Roles.Manager);
        var run = $"/api/v1/dunning/runs/{asOf:yyyy-MM-dd}";

        var read = await (await clerk.GetAsync(run)).OkAsync();
        var notice = read.GetProperty("proposals").EnumerateArray().Single(p => p.GetProperty("accountNumber").GetString() == "NOTICEAPI");
        var id = notice.GetProperty("id").GetInt64();
        Assert.Equal((3, true), (notice.GetProperty("levelNo").GetInt32(), notice.GetProperty("needsApproval").GetBoolean()));
        var invoice = notice.GetProperty("invoices").EnumerateArray().Single();
        Assert.Equal(900m, invoice.GetProperty("amountDue").GetDecimal());
        Assert.Equal(notice.GetProperty("compensation").GetDecimal(), invoice.GetProperty("compensation").GetDecimal());

        var byClerk = await clerk.PostAsJsonAsync($"{run}/approve", new { proposalIds = new[] { id } });
        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        Assert.Equal("application/problem+json", byClerk.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ProposalStatus.Proposed, await StatusAsync(id));
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync($"{run}/approve", new { proposalIds = new[] { id }, all = true })).StatusCode);

        var byManager = await (await manager.PostAsJsonAsync($"{run}/approve", new { proposalIds = new[] { id } })).OkAsync();
        Assert.Equal(1, byManager.GetProperty("sent").GetInt32());
        Assert.Equal(ProposalStatus.Sent, await StatusAsync(id));
        Assert.Equal((proposalId, customerId), (id, (await app.Database.CreateContext().DunningProposals.SingleAsync(p => p.Id == id)).CustomerId));
    }

    [Fact]
    public async Task The_policy_is_read_and_changed_by_a_manager_key_only_and_a_stale_version_is_a_409()
    {
        var clerk = await app.ApiClientAsync(Roles.Clerk);
        var manager = await app.ApiClientAsync(Roles.Manager);

        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/v1/dunning/policy")).StatusCode);
        var policy = await (await manager.GetAsync("/api/v1/dunning/policy")).OkAsync();
        var second = policy.GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("levelNo").GetInt32() == 2);
        var changed = System.Text.Json.Nodes.JsonNode.Parse(second.GetRawText())!.AsObject();
        changed.Remove("levelNo");
        changed["fixedFee"] = 7.5m;
        var path = $"/api/v1/dunning/policy/levels/{second.GetProperty("id").GetInt64()}";

        var byClerk = await clerk.PutAsJsonAsync(path, changed);
        var saved = await manager.PutAsJsonAsync(path, changed);
        var stale = await manager.PutAsJsonAsync(path, changed);

        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        Assert.Equal(7.5m, (await saved.OkAsync()).GetProperty("fixedFee").GetDecimal());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var reread = await (await manager.GetAsync("/api/v1/dunning/policy")).OkAsync();
        Assert.Equal(7.5m, reread.GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("levelNo").GetInt32() == 2).GetProperty("fixedFee").GetDecimal());
        var always = !reread.GetProperty("alwaysStartAtFirstLevel").GetBoolean();
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PutAsJsonAsync("/api/v1/dunning/policy", new { alwaysStartAtFirstLevel = always })).StatusCode);
        Assert.Equal(always, (await (await manager.PutAsJsonAsync("/api/v1/dunning/policy", new { alwaysStartAtFirstLevel = always })).OkAsync())
            .GetProperty("alwaysStartAtFirstLevel").GetBoolean());
        Assert.Equal(always, (await (await manager.GetAsync("/api/v1/dunning/policy")).OkAsync()).GetProperty("alwaysStartAtFirstLevel").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PutAsJsonAsync("/api/v1/dunning/policy",
            new { alwaysStartAtFirstLevel = !always, version = reread.GetProperty("settingsVersion").GetString() })).StatusCode);
    }
}
