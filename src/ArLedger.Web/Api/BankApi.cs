using ArLedger.Bank;
using ArLedger.Web.Auth;

namespace ArLedger.Web.Api;

/// <summary>/api/v1/bank-accounts and /api/v1/bank-statements: the company's bank accounts and the banks' files.</summary>
static class BankApi
{
    /// <summary>Larger than any day's statement of a company's accounts; a bigger upload is refused before it is read.</summary>
    const long MaxFileBytes = 50 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/bank-accounts", async (CreateBankAccount body, BankAccounts accounts, CancellationToken ct) =>
            ApiResults.Created(await accounts.CreateAsync(body, ct), BankAccountResponse.From, a => $"/api/v1/bank-accounts/{a.Id}"))
            .Produces<BankAccountResponse>(StatusCodes.Status201Created).Produces<BankAccountResponse>()
            .RequireApiKey(Policies.ApiAdminister);

        api.MapPut("/bank-accounts/{id:long}/csv-mapping", async (long id, CsvMapping body, BankAccounts accounts, CancellationToken ct) =>
            ApiResults.Done(await accounts.SetCsvMappingAsync(id, body, ct), a => BankAccounts.CsvMappingOf(a)))
            .Produces<CsvMapping>()
            .RequireApiKey(Policies.ApiAdminister);

        api.MapGet("/bank-accounts/{id:long}", async (long id, BankAccounts accounts, CancellationToken ct) =>
            (await accounts.ListAsync(ct)).SingleOrDefault(a => a.Id == id) is { } account
                ? Results.Ok(BankAccountResponse.From(account)) : ApiResults.NotFound($"No bank account with id {id}."))
            .Produces<BankAccountResponse>();

        api.MapGet("/bank-accounts", async (BankAccounts accounts, CancellationToken ct) =>
            (await accounts.ListAsync(ct)).Select(BankAccountResponse.From).ToList());

        // Read by hand rather than bound: a missing or unreadable part is a 400 naming it, and an API-key call needs no antiforgery token.
        api.MapPost("/bank-statements", async (HttpRequest request, BankImport import, CancellationToken ct) =>
        {
            if (!request.HasFormContentType)
                return Invalid("file", "Send the bank file as multipart/form-data, in the field 'file'.");
            var form = await request.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { Length: > 0 } file)
                return Invalid("file", "Send the bank file in the field 'file'.");
            if (file.Length > MaxFileBytes)
                return Invalid("file", $"The file is over {MaxFileBytes / 1024 / 1024} MB.");
            long? account = null;
            if (form.TryGetValue("account", out var given) && !string.IsNullOrWhiteSpace(given))
            {
                if (!long.TryParse(given, out var id))
                    return Invalid("account", "'account' is the id of a bank account.");
                account = id;
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var outcome = await import.ImportAsync(file.FileName, buffer.ToArray(), account, ct);
            return outcome.Problem is { } p
                ? ApiResults.Problem(p with { Kind = p.Kind == ProblemKind.Refused ? ProblemKind.Invalid : p.Kind }, StatusCodes.Status400BadRequest)
                : Results.Ok(BankImportResponse.From(outcome.Value!));
        })
            .Produces<BankImportResponse>();

        api.MapGet("/bank-statements/{id:long}/lines", async (long id, BankStatements statements, CancellationToken ct) =>
            await statements.FindAsync(id, ct) is { } view
                ? Results.Ok(view.Lines.Select(l => BankLineResponse.From(l, view.PostedOf(l))).ToList())
                : ApiResults.NotFound($"No bank statement with id {id}."))
            .Produces<List<BankLineResponse>>();
    }

    static IResult Invalid(string field, string message) => ApiResults.Problem(Problem.Invalid(field, message), StatusCodes.Status400BadRequest);
}

public sealed record BankAccountResponse(long Id, string Name, string Currency, string? Iban, string? Bic, string? BankCode, string? BranchCode,
    string? AccountNumber, string? OtherIdentifier)
{
    public static BankAccountResponse From(BankAccount a) =>
        new(a.Id, a.Name, a.Currency, a.Iban, a.Bic, a.BankCode, a.BranchCode, a.AccountNumber, a.OtherIdentifier);
}

/// <summary>The answer to an import: one element per statement of the file (the same figures bank-import prints).</summary>
public sealed record BankImportResponse(IReadOnlyList<ImportedStatement> Statements)
{
    public static BankImportResponse From(IReadOnlyList<ImportedStatement> statements) => new(statements);
}

/// <summary>
/// A bank line with its status and match: for money in, the open items the payment goes to; for money out refunding a
/// customer, the unapplied credit (credit note or payment) the refund consumes. <c>posted</c> names what the line
/// stands posted as: its payments (kind Payment) or its refund (kind Refund).
/// </summary>
public sealed record BankLineResponse(long Id, int Position, DateOnly BookingDate, DateOnly ValueDate, decimal Amount, string Currency, string Label,
    string? Remittance, string? CounterpartyName, string? CounterpartyIban, string? EndToEndId, string Status, int? Score, MatchProposal? Match,
    IReadOnlyList<PostedDocument> Posted)
{
    public static BankLineResponse From(BankLine l, IReadOnlyList<PostedDocument> posted) => new(l.Id, l.Position, l.BookingDate, l.ValueDate, l.Amount,
        l.Currency, l.Label, l.Remittance, l.CounterpartyName, l.CounterpartyIban, l.EndToEndId, l.Status.ToString(), l.Score,
        MatchProposal.FromJson(l.Proposal), posted);
}
