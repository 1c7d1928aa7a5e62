using System.Net.Http.Json;
using System.Text.Json;

namespace ArLedger.Web.Tests.Api;

/// <summary>The calls API tests make on the way to what they test: a fresh customer, a body read from a success.</summary>
public static class ApiCalls
{
    public static string NewAccount(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..12].ToUpperInvariant();

    /// <summary>The body of a 2xx answer; any other answer fails the test with its status and body.</summary>
    public static async Task<JsonElement> OkAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Asserts that a GET is a 400 ProblemDetails whose errors name <paramref name="parameter"/>.</summary>
    public static async Task AssertRefusedQueryAsync(HttpClient api, string url, string parameter)
    {
        var response = await api.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out _), $"{url}: {errors}");
    }

    /// <summary>Opens a EUR customer on net 30 and returns its account number.</summary>
    public static async Task<string> CustomerAsync(HttpClient api, string prefix)
    {
        var account = NewAccount(prefix);
        await (await api.PostAsJsonAsync("/api/v1/customers",
            new { accountNumber = account, name = "Client " + account, currency = "EUR", paymentTerms = "NET30" })).OkAsync();
        return account;
    }
}
