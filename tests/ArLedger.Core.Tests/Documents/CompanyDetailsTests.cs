using ArLedger.Company;
using ArLedger.Core.Tests.Statements;
using ArLedger.Statements;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Core.Tests.Documents;

/// <summary>The company settings: checked identifiers, the configuration until saved, the saved details after, and no lost edits.</summary>
public sealed class CompanyDetailsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static SaveCompanySettings Valid() => new("Dupré Négoce SAS", "SAS au capital de 50 000 €", ["12 quai de la Fosse", "44000 Nantes"],
        "552 100 554", "552 100 554 00021", "FR96 552100554", "FR76 3000 6000 0112 3456 7890 189", "AGRIFRPP", "compta@dupre.example",
        "02 40 00 00 00", "Dupré Négoce — comptabilité", "relances@dupre.example");

    [Fact]
    public void SIREN_SIRET_IBAN_BIC_and_VAT_number_are_checked_by_their_check_digits_and_format()
    {
        var validator = new SaveCompanySettingsValidator();
        Assert.True(validator.Validate(Valid()).IsValid);
        Assert.True(validator.Validate(Valid() with { Siren = "356000000", Siret = "35600000000051", VatNumber = "DE123456789" }).IsValid);

        var wrong = validator.Validate(Valid() with
        {
            Siren = "552 100 555", Siret = "552 100 554 00022", Iban = "FR76 3000 6000 0112 3456 7890 188", Bic = "AGRI", VatNumber = "FR12 552100554",
        });

        Assert.Equal(
            [("Bic", SaveCompanySettingsValidator.BicMessage), ("Iban", SaveCompanySettingsValidator.IbanMessage),
             ("Siren", SaveCompanySettingsValidator.SirenMessage), ("Siret", SaveCompanySettingsValidator.SiretMessage),
             ("VatNumber", SaveCompanySettingsValidator.VatMessage)],
            wrong.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).Order());
        var otherCompany = validator.Validate(Valid() with { Siret = "732 829 320 00074" });
        Assert.Equal([("Siret", SaveCompanySettingsValidator.SiretOfSirenMessage)], otherCompany.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
    }

    [Fact]
    public async Task The_configuration_applies_until_settings_are_saved_then_statements_print_the_saved_IBAN()
    {
        var book = new Book(db);
        var customer = await book.CustomerAsync("CFG-001");
        await book.InvoiceAsync("CFG-001", 1200m);
        await using var services = StatementScenario.Services(db, book.Clock);
        var (from, to) = (book.Today.AddDays(-30), book.Today);

        async Task<string> StatementTextAsync(string name)
        {
            await using var scope = services.CreateAsyncScope();
            var pdf = await scope.ServiceProvider.GetRequiredService<StatementIssuer>().PreviewAsync(customer.Id, from, to);
            return (await PdfTools.KeepAndReadAsync(pdf!.Value.Pdf, name)).Replace('\u00a0', ' ');
        }

        var configured = await StatementTextAsync("statement-configured-company");
        Outcome<ArLedger.Documents.CompanyProfile> saved;
        await using (var scope = services.CreateAsyncScope())
            saved = await scope.ServiceProvider.GetRequiredService<CompanyDetails>().SaveAsync(Valid() with { Iban = "fr7630006000011234567890189" });
        var stored = await StatementTextAsync("statement-saved-company");

        Assert.Contains("FR76 3000 4000 0312 3456 7890 143", configured, StringComparison.Ordinal);
        Assert.True(saved.Succeeded, saved.Problem?.Message);
        Assert.Equal("FR76 3000 6000 0112 3456 7890 189", saved.Value!.Iban);
        Assert.Contains("FR76 3000 6000 0112 3456 7890 189", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("FR76 3000 4000 0312 3456 7890 143", stored, StringComparison.Ordinal);
        Assert.Contains("SIREN 552 100 554", stored, StringComparison.Ordinal);
    }

    internal static async Task<T> With<T>(IServiceProvider services, Func<CompanyDetails, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CompanyDetails>());
    }

    internal static SaveCompanySettings Sample() => Valid();
}

/// <summary>Two administrators editing the company settings at once: the second save does not overwrite the first.</summary>
public sealed class CompanySettingsConcurrencyTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_save_made_on_a_version_someone_else_saved_over_is_refused_and_changes_nothing()
    {
        var book = new Book(db);
        await using var services = StatementScenario.Services(db, book.Clock);
        Task<T> WithAsync<T>(Func<CompanyDetails, Task<T>> work) => CompanyDetailsTests.With(services, work);
        static SaveCompanySettings Valid() => CompanyDetailsTests.Sample();
        var opened = CompanyFields.Version(await WithAsync(c => c.CurrentAsync()));

        var first = await WithAsync(c => c.SaveAsync(Valid() with { Name = "Nom du collègue SAS", Version = opened }));
        var stale = await WithAsync(c => c.SaveAsync(Valid() with { Name = "Mon nom SARL", Version = opened }));

        Assert.True(first.Succeeded);
        Assert.Equal(ProblemKind.Conflict, stale.Problem?.Kind);
        Assert.Equal(CompanyDetails.StaleMessage, stale.Problem!.Message);
        Assert.Equal("Nom du collègue SAS", (await WithAsync(c => c.CurrentAsync())).Name);
        await using var ctx = db.CreateContext();
        Assert.Equal(1, await ctx.AuditEvents.CountAsync(e => e.Action == "company.settings.saved"));
    }
}
