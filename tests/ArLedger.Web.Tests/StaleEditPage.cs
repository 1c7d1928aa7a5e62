using System.Net;
using System.Text.RegularExpressions;

namespace ArLedger.Web.Tests;

/// <summary>Reads the "saved by a colleague" table an edit page shows after a stale save (Pages/Shared/_StaleEdit.cshtml).</summary>
public static class StaleEditPage
{
    /// <summary>The colleague's saved value and the one typed here for a field; empty strings when the field is not listed.</summary>
    public static (string Theirs, string Yours) Difference(string html, string field)
    {
        var row = Regex.Match(WebUtility.HtmlDecode(html),
            $"<tr data-field=\"{Regex.Escape(field)}\">.*?<td class=\"theirs\">([^<]*)</td><td class=\"yours\">([^<]*)</td>", RegexOptions.Singleline);
        return (row.Groups[1].Value, row.Groups[2].Value);
    }
}
