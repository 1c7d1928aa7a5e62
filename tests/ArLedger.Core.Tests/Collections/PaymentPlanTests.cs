using ArLedger.Payments;
using ArLedger.Promises;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Collections;

/// <summary>A payment plan splits the open amount of invoices into instalments and follows them.</summary>
public sealed class PaymentPlanTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static string NewAccount() => $"PP{Guid.NewGuid():N}"[..10];

    [Fact]
    public async Task A_plan_whose_instalments_do_not_add_up_to_the_open_amount_is_refused_and_the_message_names_the_difference()
    {
        var book = new Book(db);
        var c = NewAccount();
        await book.CustomerAsync(c);
        var a = await book.InvoiceAsync(c, 600m);
        var b = await book.InvoiceAsync(c, 400m);
        await book.PaymentAsync(c, 100m, allocations: [new AllocationInput(b.Number, 100m)]);

        var short_ = await book.TryPlanAsync(new CreatePaymentPlan(c, [a.Number, b.Number],
            [new(book.Today.AddDays(30), 300m), new(book.Today.AddDays(60), 300m), new(book.Today.AddDays(90), 250m)]));
        var over = await book.TryPlanAsync(new CreatePaymentPlan(c, [a.Number, b.Number],
            [new(book.Today.AddDays(30), 500m), new(book.Today.AddDays(60), 500m)]));
        var exact = await book.TryPlanAsync(new CreatePaymentPlan(c, [a.Number, b.Number],
            [new(book.Today.AddDays(30), 450m), new(book.Today.AddDays(60), 450m)]));

        var error = Assert.Single(short_.Problem!.Errors!);
        Assert.Equal(nameof(CreatePaymentPlan.Instalments), error.Key);
        Assert.Contains("850.00", error.Value[0], StringComparison.Ordinal);
        Assert.Contains("900.00", error.Value[0], StringComparison.Ordinal);
        Assert.Contains("50.00 missing", error.Value[0], StringComparison.Ordinal);
        Assert.Contains("100.00 too much", over.Problem!.Message, StringComparison.Ordinal);
        Assert.True(exact.Succeeded);
    }

    [Fact]
    public async Task An_invoice_is_in_one_followed_plan_at_a_time_and_instalments_are_not_in_the_past()
    {
        var book = new Book(db);
        var c = NewAccount();
        await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 200m);
        await book.TryPlanAsync(new CreatePaymentPlan(c, [invoice.Number], [new(book.Today.AddDays(10), 200m)]));

        var twice = await book.TryPlanAsync(new CreatePaymentPlan(c, [invoice.Number], [new(book.Today.AddDays(10), 200m)]));
        var other = await book.InvoiceAsync(c, 50m);
        var past = await book.TryPlanAsync(new CreatePaymentPlan(c, [other.Number], [new(book.Today.AddDays(-1), 50m)]));

        Assert.Equal(ProblemKind.Refused, twice.Problem!.Kind);
        Assert.Equal(nameof(CreatePaymentPlan.Instalments), Assert.Single(past.Problem!.Errors!).Key);
    }

    [Fact]
    public async Task A_plan_goes_from_on_track_to_late_when_an_instalment_is_not_paid_and_to_completed_when_the_invoices_are_paid()
    {
        var book = new Book(db, new FakeTimeProvider(TestTime.Start));
        var c = NewAccount();
        var customer = await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 1_000m);
        var plan = (await book.TryPlanAsync(new CreatePaymentPlan(c, [invoice.Number],
            [new(book.Today.AddDays(10), 500m), new(book.Today.AddDays(40), 500m)]))).Value!;
        Assert.Equal(PlanStatus.OnTrack, await StatusAsync());

        // The first instalment falls due unpaid.
        book.Clock.Advance(TimeSpan.FromDays(11));
        Assert.Equal(PlanStatus.Late, await StatusAsync());
        await book.ReviewAsync();
        Assert.Equal(PlanStatus.Late, await StoredAsync());

        await book.PaymentAsync(c, 500m, allocations: [new AllocationInput(invoice.Number, 500m)]);
        Assert.Equal(PlanStatus.OnTrack, await StatusAsync());
        var view = (await book.PlansOfAsync(customer.Id)).Single();
        Assert.True(view.Instalments[0].Paid);
        Assert.False(view.Instalments[1].Paid);

        book.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(PlanStatus.Late, await StatusAsync());

        await book.PaymentAsync(c, 500m, allocations: [new AllocationInput(invoice.Number, 500m)]);
        Assert.Equal(PlanStatus.Completed, await StatusAsync());
        await book.ReviewAsync();
        Assert.Equal(PlanStatus.Completed, await StoredAsync());
        var events = await book.RunAsync((ctx, _) => ctx.AuditEvents
            .Where(e => e.EntityType == nameof(PaymentPlan) && e.EntityId == plan.Id.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["payment-plan.created", "payment-plan.late", "payment-plan.completed"], events);

        async Task<PlanStatus> StatusAsync() => (await book.PlansOfAsync(customer.Id)).Single().Status;
        Task<PlanStatus> StoredAsync() => book.RunAsync((ctx, _) => ctx.PaymentPlans.Where(p => p.Id == plan.Id).Select(p => p.Status).SingleAsync());
    }
}
