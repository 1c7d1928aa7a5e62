using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ArLedger.Imports;

namespace ArLedger.Web.Tests.Imports;

/// <summary>What a browser does on the import pages: upload a file with the form's token, follow to the preview, confirm.</summary>
public static partial class ImportClient
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Posts the upload form and returns the preview's path it redirects to.</summary>
    public static async Task<string> UploadAsync(HttpClient client, ImportKind kind, string fileName, byte[] content)
    {
        var page = await client.GetStringAsync("/Imports");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token(page)), "__RequestVerificationToken" },
            { new StringContent(kind.ToString()), "Kind" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", fileName);
        var response = await client.PostAsync("/Imports", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/Imports/Preview/[0-9]+$", location);
        return location;
    }

    /// <summary>Presses the confirm button of a preview and returns the page it redirects back to.</summary>
    public static async Task<string> ConfirmAsync(HttpClient client, string previewPath)
    {
        var response = await ArLedgerAppFactory.PostFormAsync(client, previewPath, [], "Confirm");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetStringAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>The page's text as a person reads it: entities decoded, no-break spaces as spaces.</summary>
    public static string Readable(string html) =>
        WebUtility.HtmlDecode(html).Replace('\u00A0', ' ').Replace('\u202F', ' ');

    static string Token(string page) => WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
