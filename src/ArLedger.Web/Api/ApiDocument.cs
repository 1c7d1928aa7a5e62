using System.Globalization;
using ArLedger.Web.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ArLedger.Web.Api;

/// <summary>
/// What the generated OpenAPI document says beyond the endpoints' own metadata, so a client generator (Kiota, NSwag)
/// and a linter read it as they should: the X-Api-Key scheme every operation requires, an operationId and a summary per
/// operation, the ProblemDetails answers they can give, the licence and the server.
/// </summary>
public static class ApiDocument
{
    public const string SchemeName = "ApiKey";

    /// <summary>Each operation's summary, by method and route.</summary>
    static readonly Dictionary<string, string> Summaries = new(StringComparer.Ordinal)
    {
        ["POST api/v1/customers"] = "Open a customer account",
        ["GET api/v1/customers"] = "List customers, paged by cursor",
        ["GET api/v1/customers/{accountNumber}"] = "Read a customer and what they owe",
        ["GET api/v1/customers/{accountNumber}/ledger"] = "Read a customer's ledger with its running balance",
        ["GET api/v1/customers/{accountNumber}/open-items"] = "Read a customer's open items",
        ["POST api/v1/invoices"] = "Post an invoice",
        ["GET api/v1/invoices"] = "List invoices, paged by cursor",
        ["GET api/v1/invoices/{number}"] = "Read an invoice, what is open on it and its allocations",
        ["GET api/v1/credit-notes"] = "List credit notes, paged by cursor",
        ["GET api/v1/credit-notes/{number}"] = "Read a credit note, what is unapplied of it and its allocations",
        ["GET api/v1/payments"] = "List payments, paged by cursor",
        ["GET api/v1/payments/{number}"] = "Read a payment, what is unapplied of it and its allocations",
        ["GET api/v1/allocations/{id}"] = "Read an allocation and its reversal",
        ["GET api/v1/disputes/{id}"] = "Read a dispute",
        ["GET api/v1/bank-accounts/{id}"] = "Read one of the company's bank accounts",
        ["POST api/v1/credit-notes"] = "Post a credit note",
        ["POST api/v1/payments"] = "Record a payment received",
        ["POST api/v1/allocations"] = "Allocate a payment or credit note to an invoice",
        ["POST api/v1/allocations/{id}/reverse"] = "Reverse an allocation",
        ["POST api/v1/disputes"] = "Open a dispute on an invoice",
        ["POST api/v1/disputes/{id}/resolve"] = "Resolve a dispute",
        ["GET api/v1/aging"] = "Read the aging report as of a day",
        ["GET api/v1/aging/snapshots"] = "List the stored aging snapshots",
        ["GET api/v1/aging/snapshots/{date}"] = "Read the aging snapshot stored on a day",
        ["GET api/v1/jobs/runs"] = "List the latest runs of the scheduled jobs",
        ["POST api/v1/jobs/{job}/runs"] = "Run a job as of a day",
        ["GET api/v1/jobs/{job}/runs/{runKey}"] = "Follow a job's run for a period",
        ["GET api/v1/statements"] = "List a month's statements and how each went out",
        ["GET api/v1/documents/{id}"] = "Download an archived document as it was sent",
        ["POST api/v1/customers/{accountNumber}/statements"] = "Make a customer's statement for any period, as a PDF or sent",
        ["GET api/v1/dunning/runs/{asOf}"] = "Read a dunning run's proposals and exclusions",
        ["POST api/v1/dunning/runs/{asOf}/approve"] = "Approve and send a dunning run's letters",
        ["GET api/v1/dunning/approvals/{id}"] = "Follow an approval run",
        ["GET api/v1/dunning/policy"] = "Read the dunning policy",
        ["PUT api/v1/dunning/policy"] = "Change the dunning policy's setting",
        ["PUT api/v1/dunning/policy/levels/{id}"] = "Change a dunning level",
        ["POST api/v1/bank-accounts"] = "Open one of the company's bank accounts",
        ["GET api/v1/bank-accounts"] = "List the company's bank accounts",
        ["PUT api/v1/bank-accounts/{id}/csv-mapping"] = "Say which columns of the bank's CSV export hold what",
        ["POST api/v1/bank-statements"] = "Import a bank statement file (CFONB 120 or camt.053)",
        ["GET api/v1/bank-statements/{id}/lines"] = "List a bank statement's lines and their matches",
    };

    public static void Configure(OpenApiOptions o)
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ArLedger API";
            document.Info.Description = "Accounts receivable: customers, invoices, credit notes, payments, allocations, disputes and bank statements.";
            document.Info.License = new OpenApiLicense { Name = "MIT", Url = new Uri("https://opensource.org/licenses/MIT") };
            // Relative to wherever the document was read from: each installation serves its own.
            document.Servers = [new OpenApiServer { Url = "/", Description = "This installation" }];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthentication.Header,
                Description = "An API key (the `api-key create` verb or the API keys page); its role decides what it may do.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
            document.Tags = new HashSet<OpenApiTag> { new() { Name = "v1", Description = "Version 1 of the API, under /api/v1." } };
            return Task.CompletedTask;
        });
        o.AddSchemaTransformer((schema, context, _) =>
        {
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            if (schema.Type is not { } declared || !(declared.HasFlag(JsonSchemaType.Number) || declared.HasFlag(JsonSchemaType.Integer)))
                return Task.CompletedTask;
            // Numbers are written as JSON numbers. The reader also takes "12.50" (the web defaults), but that leniency
            // is not the contract: a generator given "number or string" types every amount as a string or a double.
            schema.Type = declared & ~JsonSchemaType.String;
            schema.Pattern = null;
            // Money is decimal end to end; "double" would make a generated client round cents.
            if (type == typeof(decimal))
                schema.Format = "decimal";
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            var route = description.RelativePath ?? "";
            var key = $"{description.HttpMethod} {StripConstraints(route)}";
            operation.Summary ??= Summaries.GetValueOrDefault(key) ?? key;
            operation.OperationId ??= OperationId(description.HttpMethod ?? "GET", StripConstraints(route));
            return Task.CompletedTask;
        });
    }

    /// <summary>"api/v1/allocations/{id:long}/reverse" as the document writes it: "api/v1/allocations/{id}/reverse".</summary>
    static string StripConstraints(string route) =>
        string.Join('/', route.Split('/').Select(s => s.StartsWith('{') && s.Contains(':', StringComparison.Ordinal) ? s[..s.IndexOf(':', StringComparison.Ordinal)] + "}" : s));

    /// <summary>"GET api/v1/customers/{accountNumber}/open-items" becomes "getCustomersByAccountNumberOpenItems".</summary>
    public static string OperationId(string method, string route)
    {
        var words = new List<string> { method.ToLowerInvariant() };
        foreach (var segment in route.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(2))
        {
            var isParameter = segment.StartsWith('{');
            var name = segment.Trim('{', '}');
            var pascal = string.Concat(name.Split('-').Select(w => w.Length == 0 ? w : char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..]));
            words.Add(isParameter ? "By" + pascal : pascal);
        }
        return string.Concat(words);
    }
}
