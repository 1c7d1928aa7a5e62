using System.Security.Cryptography;
using ArLedger.Mail;
using ArLedger.Testing;

namespace ArLedger.Core.Tests.Mail;

public sealed class SmtpDeliveryTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_statement_email_reaches_a_real_SMTP_server_with_its_recipient_subject_and_the_archived_PDF()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        var (document, message) = await scenario.EnqueueStatementAsync("C00042", "2026-10", to: "compta@client-sud.example");

        var result = await scenario.DispatchAsync(MailScenario.Smtp(smtp.Port));

        Assert.Equal(new DispatchResult(1, 1, 0, 0), result);
        var mail = Assert.Single(smtp.Received());
        Assert.Equal("compta@client-sud.example", mail.EnvelopeTo);
        Assert.Equal("Relevé de compte — 2026-10 — C00042", mail.Subject);
        Assert.Contains("relevé de compte", mail.BodyText, StringComparison.Ordinal);
        Assert.Equal(message.Id.ToString(), mail.Headers["x-arledger-outbox-id"]);
        var attachment = Assert.Single(mail.Attachments);
        Assert.Equal("releve-2026-10-C00042.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.Equal(document.Sha256, Convert.ToHexStringLower(SHA256.HashData(attachment.Content)));
        Assert.Equal(document.Content, attachment.Content);

        var sent = await scenario.MessageAsync(message.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(clock.GetUtcNow(), sent.SentAt);
        Assert.Equal(1, sent.Attempts);
        Assert.Null(sent.LockedBy);

        // A sent message is never claimed again.
        Assert.Equal(DispatchResult.None, await scenario.DispatchAsync(MailScenario.Smtp(smtp.Port)));
        Assert.Single(smtp.Received());
    }

    [Fact]
    public async Task A_message_left_Sending_by_a_crashed_dispatcher_is_sent_once_its_lease_expires_and_not_before()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        var (_, message) = await scenario.EnqueueStatementAsync("C00077", "2026-11");
        await using (var cmd = db.DataSource.CreateCommand(
            "update outbox_messages set status = 'Sending', attempts = 1, locked_by = 'crashed', lease_until = $1 where id = $2"))
        {
            cmd.Parameters.AddWithValue(clock.GetUtcNow().AddMinutes(5));
            cmd.Parameters.AddWithValue(message.Id);
            await cmd.ExecuteNonQueryAsync();
        }

        Assert.Equal(0, (await scenario.DispatchAsync(MailScenario.Smtp(smtp.Port))).Claimed);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, (await scenario.DispatchAsync(MailScenario.Smtp(smtp.Port))).Sent);

        Assert.Single(smtp.Received());
        var sent = await scenario.MessageAsync(message.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task A_message_whose_sender_died_during_its_last_attempt_is_parked_instead_of_tried_again()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        var (_, message) = await scenario.EnqueueStatementAsync("C00078", "2026-11");
        await using (var cmd = db.DataSource.CreateCommand(
            "update outbox_messages set status = 'Sending', attempts = 3, locked_by = 'crashed', lease_until = $1 where id = $2"))
        {
            cmd.Parameters.AddWithValue(clock.GetUtcNow().AddMinutes(-1));
            cmd.Parameters.AddWithValue(message.Id);
            await cmd.ExecuteNonQueryAsync();
        }

        var result = await scenario.DispatchAsync(MailScenario.Smtp(smtp.Port, maxAttempts: 3));

        Assert.Equal(new DispatchResult(1, 0, 0, 1), result);
        Assert.Empty(smtp.Received());
        var parked = await scenario.MessageAsync(message.Id);
        Assert.Equal(OutboxStatus.Failed, parked.Status);
        Assert.Contains("Abandoned after 3 attempts", parked.LastError, StringComparison.Ordinal);
    }
}
