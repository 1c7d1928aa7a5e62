using ArLedger.Activities;
using ArLedger.Payments;
using ArLedger.Testing;

namespace ArLedger.Core.Tests.Collections;

public sealed class CustomerTimelineTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly Book book = new(db, new FakeTimeProvider(TestTime.Start));
    static string NewAccount() => $"TL{Guid.NewGuid():N}"[..10];

    [Fact]
    public async Task The_timeline_merges_notes_calls_and_system_events_newest_first_a_page_at_a_time()
    {
        var c = NewAccount();
        var customer = await book.CustomerAsync(c);
        book.Clock.Advance(TimeSpan.FromDays(1));
        var invoice = await book.InvoiceAsync(c, 500m);
        book.Clock.Advance(TimeSpan.FromDays(1));
        await book.TryLogAsync(new LogActivity(c, ActivityKind.Call, "Comptable absente, rappeler jeudi", CallOutcome.NoAnswer));
        book.Clock.Advance(TimeSpan.FromDays(1));
        await book.PaymentAsync(c, 200m, allocations: [new AllocationInput(invoice.Number, 200m)]);
        book.Clock.Advance(TimeSpan.FromDays(1));
        await book.TryLogAsync(new LogActivity(c, ActivityKind.Note, "Le client demande un relevé"));

        var all = await Read(TimelineFilter.All, 1, 100);
        var firstPage = await Read(TimelineFilter.All, 1, 2);
        var secondPage = await Read(TimelineFilter.All, 2, 2);
        var onlyActivities = await Read(TimelineFilter.Activities, 1, 100);

        // Events of one moment come newest first too: the allocation after the payment it applies.
        Assert.Equal(["Note", "allocation.created", "payment.recorded", "Call", "invoice.posted", "customer.created"],
            all.Items.Select(Label).ToList());
        Assert.Equal(all.Items.Take(2).Select(i => i.Id), firstPage.Items.Select(i => i.Id));
        Assert.Equal(all.Items.Skip(2).Take(2).Select(i => i.Id), secondPage.Items.Select(i => i.Id));
        Assert.Equal(all.TotalCount, firstPage.TotalCount);
        Assert.Equal(["Note", "Call"], onlyActivities.Items.Select(Label).ToList());
        Assert.Equal(CallOutcome.NoAnswer, onlyActivities.Items[1].Outcome);

        Task<Page<TimelineItem>> Read(TimelineFilter filter, int page, int size) =>
            book.RunAsync((ctx, _) => new CustomerTimeline(ctx).ReadAsync(customer.Id, filter, page, size));
    }

    [Fact]
    public async Task A_call_needs_an_outcome_and_a_note_needs_text()
    {
        var c = NewAccount();
        await book.CustomerAsync(c);

        var call = await book.TryLogAsync(new LogActivity(c, ActivityKind.Call, "rappel"));
        var note = await book.TryLogAsync(new LogActivity(c, ActivityKind.Note, "  "));
        var silentCall = await book.TryLogAsync(new LogActivity(c, ActivityKind.Call, null, CallOutcome.NoAnswer));

        Assert.Equal(nameof(LogActivity.Outcome), Assert.Single(call.Problem!.Errors!).Key);
        Assert.Equal(nameof(LogActivity.Body), Assert.Single(note.Problem!.Errors!).Key);
        Assert.True(silentCall.Succeeded);
    }

    static string Label(TimelineItem i) => i.Kind?.ToString() ?? i.Action!;
}
