using ArLedger.Activities;
using ArLedger.Disputes;
using ArLedger.Promises;

namespace ArLedger.Testing;

/// <summary>Collections work on a <see cref="Book"/>: promises, payment plans, their review, notes and calls.</summary>
public static class CollectionsSteps
{
    public static Task<Outcome<Promise>> TryPromiseAsync(this Book book, LogPromise cmd) =>
        book.RunAsync((ctx, a) => new PromisesToPay(ctx, book.Clock.Calendar, a).LogAsync(cmd));

    public static async Task<Promise> PromiseAsync(this Book book, string customer, decimal amount, DateOnly date, params string[] invoices) =>
        Ok(await book.TryPromiseAsync(new LogPromise(customer, amount, date, invoices)));

    public static Task<Outcome<PaymentPlan>> TryPlanAsync(this Book book, CreatePaymentPlan cmd) =>
        book.RunAsync((ctx, a) => new PaymentPlans(ctx, book.Clock.Calendar, a).CreateAsync(cmd));

    /// <summary>Promises of the customer as a page shows them today (evaluated on read).</summary>
    public static Task<IReadOnlyList<PromiseView>> PromisesOfAsync(this Book book, long customerId) =>
        book.RunAsync((ctx, a) => Review(ctx, a, book).ForCustomerAsync(customerId));

    public static Task<IReadOnlyList<PlanView>> PlansOfAsync(this Book book, long customerId) =>
        book.RunAsync((ctx, _) => new PlanProgress(ctx, book.Clock.Calendar).ForCustomerAsync(customerId));

    /// <summary>The daily review as of today, run as the system.</summary>
    public static Task<ReviewResult> ReviewAsync(this Book book) =>
        book.RunAsync((ctx, a) => Review(ctx, a, book).EvaluateAsync(book.Today));

    public static Task<Outcome<Activity>> TryLogAsync(this Book book, LogActivity cmd) =>
        book.RunAsync((ctx, a) => new LogActivityHandler(ctx, book.Clock, a).HandleAsync(cmd));

    public static Task<Outcome<DisputeComment>> TryCommentAsync(this Book book, CommentOnDispute cmd) =>
        book.RunAsync((ctx, a) => new DisputeFollowUp(ctx, book.Clock, a).CommentAsync(cmd));

    static PromiseReview Review(Persistence.ArLedgerDbContext ctx, Audit.Actor a, Book book) =>
        new(ctx, book.Clock.Calendar, a, new PlanProgress(ctx, book.Clock.Calendar));

    static T Ok<T>(Outcome<T> o) => o.Succeeded ? o.Value! : throw new InvalidOperationException($"{o.Problem!.Kind}: {o.Problem.Message}");
}
