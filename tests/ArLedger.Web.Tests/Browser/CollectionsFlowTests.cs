using System.Text.RegularExpressions;
using ArLedger.Disputes;
using ArLedger.Identity;
using ArLedger.Promises;
using ArLedger.Testing;
using ArLedger.WriteOffs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ArLedger.Web.Tests.Browser;

/// <summary>A clerk's collections work on the demo book, in French, by keyboard where a clerk would use it.</summary>
public sealed class CollectionsFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>A demo customer with at least three open invoices nobody disputes or plans, each test its own.</summary>
    async Task<(string Account, List<(long Id, string Number, decimal Open)> Invoices)> CustomerAsync(int nth)
    {
        await using var ctx = app.Database.CreateContext();
        var candidates = await ctx.Invoices
            .Where(i => i.ReversedAt == null && i.Amount - i.AllocatedAmount - i.WrittenOffAmount > 200m
                && !ctx.Disputes.Any(d => d.InvoiceId == i.Id)
                && !ctx.Customers.Any(c => c.Id == i.CustomerId && c.OnHold))
            .GroupBy(i => i.CustomerId)
            .Where(g => g.Count() >= 3)
            .OrderBy(g => g.Key)
            .Select(g => g.Key)
            .Skip(nth).FirstAsync();
        var account = await ctx.Customers.Where(c => c.Id == candidates).Select(c => c.AccountNumber).SingleAsync();
        var invoices = await ctx.Invoices
            .Where(i => i.CustomerId == candidates && i.ReversedAt == null && i.Amount - i.AllocatedAmount - i.WrittenOffAmount > 200m
                && !ctx.Disputes.Any(d => d.InvoiceId == i.Id))
            .OrderBy(i => i.DueDate).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Number, Open = i.Amount - i.AllocatedAmount - i.WrittenOffAmount }).Take(3).ToListAsync();
        return (account, invoices.Select(i => (i.Id, i.Number, i.Open)).ToList());
    }

    [Fact]
    public async Task A_clerk_opens_a_dispute_on_a_demo_invoice_comments_it_and_resolves_it_by_a_credit_note()
    {
        var (account, invoices) = await CustomerAsync(0);
        var invoice = invoices[0];
        var page = await app.SignedInPageAsync(Roles.Clerk);

        await page.GotoAsync($"/Customers/{account}/Disputes");
        await page.SelectOptionAsync("#invoice", invoice.Number);
        await page.ClickAsync("form[action='/Disputes/Open'] button[type=submit]");
        await page.WaitForURLAsync(new Regex("/Disputes/Open"));
        await Expect(page.Locator("#Amount")).ToBeFocusedAsync();
        await page.FillAsync("#Amount", "150,00");
        await page.SelectOptionAsync("#Reason", nameof(DisputeReason.Price));
        await page.FillAsync("#Description", "Le client conteste le prix : tarif négocié non appliqué.");
        await BrowserApp.ScreenshotAsync(page, "collections-dispute-open");
        await page.Keyboard.PressAsync("Control+Enter");
        await page.WaitForURLAsync(new Regex(@"/Disputes/Details/\d+$"));
        await Expect(page.Locator("[data-dispute-status]")).ToHaveTextAsync("En cours");

        await page.FillAsync("#Comment", "Le client envoie la grille tarifaire signée.");
        await page.FocusAsync("#Comment");
        await page.Keyboard.PressAsync("Control+Enter");
        await Expect(page.Locator(".list-group-item", new() { HasText = "grille tarifaire" })).ToBeVisibleAsync();
        await Expect(page.Locator("#Comment")).ToBeFocusedAsync();
        await BrowserApp.ScreenshotAsync(page, "collections-dispute-detail");

        await Expect(page.Locator("#CreditAmount")).ToHaveValueAsync("150,00");
        await page.FillAsync("#Resolution", "Tarif négocié confirmé : avoir de la différence.");
        await page.ClickAsync($"button[name=decision][value={DisputeDecision.CreditNote}]");
        await Expect(page.Locator("[data-dispute-status]")).ToHaveTextAsync("Avoir accordé");
        await BrowserApp.ScreenshotAsync(page, "collections-dispute-resolved");

        await using (var ctx = app.Database.CreateContext())
        {
            var dispute = await ctx.Disputes.SingleAsync(d => d.InvoiceId == invoice.Id);
            Assert.Equal(DisputeStatus.ResolvedByCreditNote, dispute.Status);
            var note = await ctx.CreditNotes.SingleAsync(c => c.Id == dispute.CreditNoteId);
            Assert.Equal(150m, note.Amount);
            Assert.Equal(invoice.Id, note.InvoiceId);
            Assert.Equal(invoice.Open - 150m, (await ctx.Invoices.SingleAsync(i => i.Id == invoice.Id)).OpenAmount);
        }

        await page.GotoAsync($"/Customers/{account}/Disputes");
        await Expect(page.Locator("table tbody tr", new() { HasText = invoice.Number })).ToContainTextAsync("Avoir accordé");
        await BrowserApp.ScreenshotAsync(page, "collections-customer-disputes");

        await page.GotoAsync("/Disputes");
        await Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "collections-disputes");
    }

    [Fact]
    public async Task A_clerk_logs_a_promise_to_pay_and_agrees_a_payment_plan_split_monthly()
    {
        var (account, invoices) = await CustomerAsync(1);
        var page = await app.SignedInPageAsync(Roles.Clerk);

        await page.GotoAsync($"/Customers/{account}/Promises");
        await Expect(page.Locator("#Amount")).ToBeFocusedAsync();
        await page.GetByLabel(invoices[0].Number, new() { Exact = true }).CheckAsync();
        await page.FillAsync("#Note", "Mme Martin, comptable : virement vendredi.");
        await page.Keyboard.PressAsync("Control+Enter");
        var promises = page.Locator("[data-promises] tbody tr");
        await Expect(promises).ToHaveCountAsync(1);
        await Expect(promises.First).ToContainTextAsync(invoices[0].Number);
        await Expect(promises.First).ToContainTextAsync("En attente");

        await page.ClickAsync($"a[href='/Customers/{account}/Promises/NewPlan']");
        await page.GetByLabel(invoices[1].Number, new() { Exact = true }).CheckAsync();
        await page.GetByLabel(invoices[2].Number, new() { Exact = true }).CheckAsync();
        await page.FillAsync("#Count", "4");
        await page.ClickAsync("button[data-split]");
        await Expect(page.Locator("input[name='Instalments[3].Amount']")).Not.ToHaveValueAsync("");
        // The running total says the instalments add up before the plan is created.
        await Expect(page.Locator("[data-plan-total]")).ToHaveClassAsync(new Regex("text-success"));
        await BrowserApp.ScreenshotAsync(page, "collections-new-plan");
        await page.FocusAsync("input[name='Instalments[0].Amount']");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(new Regex($"/Customers/{account}/Promises$"));
        await Expect(page.Locator("[data-plan-status]")).ToHaveTextAsync("Respecté");
        await Expect(page.Locator("[data-plan] tbody tr")).ToHaveCountAsync(4);
        await BrowserApp.ScreenshotAsync(page, "collections-promises");

        await using var ctx = app.Database.CreateContext();
        var plan = await ctx.PaymentPlans.Include(p => p.Instalments).SingleAsync(p => ctx.Customers.Any(c => c.Id == p.CustomerId && c.AccountNumber == account));
        Assert.Equal(invoices[1].Open + invoices[2].Open, plan.Instalments.Sum(i => i.Amount));
        Assert.Equal(PromiseStatus.Pending, (await ctx.Promises.SingleAsync(p => p.CustomerId == plan.CustomerId)).Status);
    }

    [Fact]
    public async Task A_clerk_logs_a_call_and_a_note_from_the_keyboard_and_reads_them_among_the_system_events()
    {
        var (account, invoices) = await CustomerAsync(2);
        // Some history first, as the system records it.
        var book = new Book(app.Database, app.Clock) { ActorName = "camille" };
        await book.TryOpenDisputeAsync(new OpenDispute(invoices[0].Number, 80m, DisputeReason.Quality, "Produits abîmés"));
        await book.PromiseAsync(account, invoices[1].Open, book.Today.AddDays(10), invoices[1].Number);
        var page = await app.SignedInPageAsync(Roles.Clerk);

        await page.GotoAsync($"/Customers/{account}/Activity");
        await Expect(page.Locator("#Body")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Alt+c");
        await Expect(page.Locator("#kind-call")).ToBeCheckedAsync();
        await Expect(page.Locator("#Outcome")).ToBeFocusedAsync();
        await page.SelectOptionAsync("#Outcome", "Promised");
        await page.FocusAsync("#Body");
        await page.Keyboard.TypeAsync("Joint M. Petit : règlement de la facture par virement la semaine prochaine.");
        await page.Keyboard.PressAsync("Control+Enter");
        var first = page.Locator("[data-timeline] > li").First;
        await Expect(first).ToContainTextAsync("Appel");
        await Expect(first).ToContainTextAsync("Promesse");

        await Expect(page.Locator("#Body")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Relevé de compte demandé par le client.");
        await page.Keyboard.PressAsync("Control+Enter");
        await Expect(first).ToContainTextAsync("Relevé de compte demandé");
        await Expect(page.Locator("[data-timeline]")).ToContainTextAsync("Litige ouvert");
        await Expect(page.Locator("[data-timeline]")).ToContainTextAsync("Promesse de paiement");
        await BrowserApp.ScreenshotAsync(page, "collections-activity");
    }

    [Fact]
    public async Task A_clerk_proposes_a_write_off_that_a_manager_approves_in_another_session()
    {
        var (_, invoices) = await CustomerAsync(3);
        var invoice = invoices[0];
        var clerk = await app.SignedInPageAsync(Roles.Clerk);

        await clerk.GotoAsync($"/WriteOffs/Propose?invoice={invoice.Number}");
        await clerk.FillAsync("#Amount", "35,50");
        await clerk.FillAsync("#Reason", "Écart de règlement inférieur au seuil de relance.");
        await BrowserApp.ScreenshotAsync(clerk, "collections-write-off-propose");
        await clerk.ClickAsync("main form button[type=submit]");
        await clerk.WaitForURLAsync(new Regex("/WriteOffs$"));
        var mine = clerk.Locator("[data-write-offs] tbody tr", new() { HasText = invoice.Number });
        await Expect(mine).ToContainTextAsync("À approuver");

        // The manager reads English.
        var manager = await app.SignedInPageAsync(Roles.Manager, "en-GB");
        await manager.GotoAsync("/WriteOffs");
        var row = manager.Locator("[data-write-offs] tbody tr", new() { HasText = invoice.Number });
        await Expect(row).ToContainTextAsync("Awaiting approval");
        await row.Locator("input[name=note]").FillAsync("Agreed: under the dunning threshold.");
        await BrowserApp.ScreenshotAsync(manager, "collections-write-off-queue");
        await row.Locator("button", new() { HasText = "Approve" }).ClickAsync();
        await Expect(manager.Locator(".alert-success")).ToContainTextAsync("approved and posted to the ledger");

        await clerk.GotoAsync("/WriteOffs?Status=all");
        await Expect(mine).ToContainTextAsync("Approuvé");
        await using var ctx = app.Database.CreateContext();
        var writeOff = await ctx.WriteOffs.SingleAsync(w => w.InvoiceId == invoice.Id && w.Amount == 35.50m);
        Assert.Equal(WriteOffStatus.Approved, writeOff.Status);
        Assert.Equal(invoice.Open - 35.50m, (await ctx.Invoices.SingleAsync(i => i.Id == invoice.Id)).OpenAmount);
    }

    [Fact]
    public async Task A_clerks_large_credit_note_on_a_dispute_waits_for_a_manager_who_approves_it_and_the_dispute_is_resolved()
    {
        var book = new Book(app.Database, app.Clock);
        var account = $"CP{Guid.NewGuid():N}"[..10];
        await book.CustomerAsync(account);
        var invoice = await book.InvoiceAsync(account, 4_064m);
        var dispute = (await book.TryOpenDisputeAsync(new OpenDispute(invoice.Number, 1_500m, DisputeReason.Price))).Value!;
        var clerk = await app.SignedInPageAsync(Roles.Clerk);

        await clerk.GotoAsync($"/Disputes/Details/{dispute.Id}");
        await clerk.FillAsync("#CreditAmount", "1 500,00");
        await clerk.FillAsync("#Resolution", "Prix contractuel non appliqué : avoir de la différence.");
        await clerk.ClickAsync("button[name=decision][value=CreditNote]");
        await Expect(clerk.Locator(".alert-success")).ToContainTextAsync("attend l'approbation d'un responsable");
        await Expect(clerk.Locator("[data-pending-credit-note]")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(clerk, "collections-credit-note-pending");

        var manager = await app.SignedInPageAsync(Roles.Manager, "en-GB");
        await manager.GotoAsync("/");
        await manager.ClickAsync("[data-credit-notes-waiting]");
        await manager.WaitForURLAsync(new Regex("/CreditNotes/Proposals$"));
        var row = manager.Locator("[data-credit-note-proposals] tbody tr", new() { HasText = invoice.Number });
        await Expect(row).ToContainTextAsync("Awaiting approval");
        await Expect(row).ToContainTextAsync($"Dispute {dispute.Id}");
        await row.Locator("input[name=note]").FillAsync("Agreed with sales.");
        await BrowserApp.ScreenshotAsync(manager, "collections-credit-notes-to-approve");
        await row.Locator("button", new() { HasText = "Approve" }).ClickAsync();
        await Expect(manager.Locator(".alert-success")).ToContainTextAsync("Credit note approved and posted");
        await row.Locator("a[href^='/CreditNotes/Details/']").ClickAsync();
        await manager.WaitForURLAsync(new Regex("/CreditNotes/Details/AV-"));

        await using var ctx = app.Database.CreateContext();
        var resolved = await ctx.Disputes.SingleAsync(d => d.Id == dispute.Id);
        Assert.Equal(DisputeStatus.ResolvedByCreditNote, resolved.Status);
        Assert.Equal(4_064m - 1_500m, (await ctx.Invoices.SingleAsync(i => i.Id == invoice.Id)).OpenAmount);
    }

    [Fact]
    public async Task The_unapplied_cash_queue_opens_the_apply_page_of_the_customer_and_the_payment_gets_applied()
    {
        // A customer of this test's own with an invoice and a payment that nobody matched: the newest credit, so the
        // last of the queue's oldest-first order.
        var book = new Book(app.Database, app.Clock);
        var account = $"UQ{Guid.NewGuid():N}"[..10];
        await book.CustomerAsync(account);
        var invoice = await book.InvoiceAsync(account, 300m);
        var payment = await book.PaymentAsync(account, 300m);
        int count;
        await using (var ctx = app.Database.CreateContext())
            count = await ctx.Documents.CountAsync(d => (d.Kind == ArLedger.Ledger.DocumentKind.Payment || d.Kind == ArLedger.Ledger.DocumentKind.CreditNote)
                && d.ReversedAt == null && d.Amount - d.AllocatedAmount > 0);
        var page = await app.SignedInPageAsync(Roles.Clerk);

        // The home tile and the bare apply address both lead to the queue.
        await page.GotoAsync("/");
        await page.ClickAsync("[data-figure=unapplied]");
        await page.WaitForURLAsync(new Regex("/Payments/Unapplied$"));
        await Expect(page.Locator("[data-credit-count]")).ToHaveAttributeAsync("data-credit-count", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await BrowserApp.ScreenshotAsync(page, "collections-unapplied-queue", fullPage: false);
        await page.GotoAsync("/Payments/Apply");
        await page.WaitForURLAsync(new Regex("/Payments/Unapplied$"));

        var lastPage = (count + ArLedger.Payments.UnappliedQueue.DefaultPageSize - 1) / ArLedger.Payments.UnappliedQueue.DefaultPageSize;
        await page.GotoAsync($"/Payments/Unapplied?p={lastPage}");
        var row = page.Locator($"tr[data-credit='{payment.Number}']");
        await Expect(row).ToContainTextAsync(account);
        await Expect(row).ToContainTextAsync("300,00");
        await row.Locator("[data-apply]").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/Payments/Apply\\?customer={account}&credit={payment.Number}"));
        var amount = page.Locator($"tr[data-debit='{invoice.Number}'] input[data-allocation-amount]");
        await Expect(amount).ToHaveValueAsync("300,00");
        await Expect(amount).ToBeFocusedAsync();
        await amount.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex($"/Payments/Details/{payment.Number}"));
        await Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Entièrement lettré");

        await page.GotoAsync($"/Payments/Unapplied?p={lastPage}");
        await Expect(page.Locator($"tr[data-credit='{payment.Number}']")).ToHaveCountAsync(0);
        await page.GotoAsync($"/Customers?unapplied=true&q={account}");
        await Expect(page.Locator("#customers")).ToHaveCountAsync(0);
    }
}
