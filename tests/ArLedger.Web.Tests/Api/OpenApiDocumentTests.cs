using System.Text.Json;

namespace ArLedger.Web.Tests.Api;

/// <summary>
/// The OpenAPI document is one a client generator and a linter accept: the X-Api-Key scheme is declared and required,
/// and every operation has a unique operationId, a summary, a 2xx and 4xx answers.
/// </summary>
public sealed class OpenApiDocumentTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    [Fact]
    public async Task Every_operation_has_an_id_a_summary_answers_and_the_api_key_scheme()
    {
        var document = JsonDocument.Parse(await app.AnonymousClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        Assert.True(document.GetProperty("security")[0].TryGetProperty("ApiKey", out _));

        var ids = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                var what = $"{operation.Name} {path.Name}";
                ids.Add(operation.Value.GetProperty("operationId").GetString()!);
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), what);
                var statuses = operation.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
                Assert.True(statuses.Any(s => s.StartsWith('2')), $"{what}: no 2xx in {string.Join(", ", statuses)}");
                Assert.True(statuses.Any(s => s.StartsWith('4')), $"{what}: no 4xx in {string.Join(", ", statuses)}");
            }
        }
        Assert.True(ids.Count >= 16, $"{ids.Count} operations");
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("postCustomers", ids);
        Assert.Contains("getCustomersByAccountNumberOpenItems", ids);
    }
}
