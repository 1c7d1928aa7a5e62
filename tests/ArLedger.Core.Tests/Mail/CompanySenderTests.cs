using ArLedger.Company;
using ArLedger.Mail;
using ArLedger.Testing;

namespace ArLedger.Core.Tests.Mail;

/// <summary>The sender saved on the company settings page is who statement and letter emails come from.</summary>
public sealed class CompanySenderTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Emails_go_out_from_the_sender_the_company_settings_name_instead_of_the_SMTP_settings_one()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        await using (var ctx = db.CreateContext())
        {
            ctx.Add(new CompanySettings
            {
                Name = "Dupre Negoce SAS", SenderName = "Dupre Negoce relances", SenderAddress = "relances@dupre.example",
                UpdatedAt = clock.GetUtcNow(), UpdatedBy = "admin",
            });
            await ctx.SaveChangesAsync();
        }
        await scenario.EnqueueStatementAsync("C00042", "2026-10");

        Assert.Equal(1, (await scenario.DispatchAsync(MailScenario.Smtp(smtp.Port))).Sent);

        var from = Assert.Single(smtp.Received()).Headers["from"];
        Assert.Contains("relances@dupre.example", from, StringComparison.Ordinal);
        Assert.Contains("Dupre Negoce relances", from, StringComparison.Ordinal);
        Assert.DoesNotContain("comptabilite@dupre.example", from, StringComparison.Ordinal);
    }
}
