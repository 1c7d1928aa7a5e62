using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace ArLedger.Web.Collections;

/// <summary>Bootstrap's look for a field's errors, by the field's form name (which need not be a model property's name).</summary>
public static class FieldErrors
{
    /// <summary>" is-invalid" when the field has an error, for its class attribute.</summary>
    public static string Invalid(this IHtmlHelper html, string field) =>
        html.ViewData.ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? " is-invalid" : "";

    /// <summary>The field's error messages under it, or nothing.</summary>
    public static IHtmlContent ErrorFor(this IHtmlHelper html, string field)
    {
        if (!html.ViewData.ModelState.TryGetValue(field, out var entry) || entry.Errors.Count == 0)
            return HtmlString.Empty;
        var div = new TagBuilder("div");
        div.AddCssClass("invalid-feedback d-block");
        div.InnerHtml.Append(string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)));
        return div;
    }

    /// <summary>Errors that belong to no field, at the top of the form.</summary>
    public static IHtmlContent FormErrors(this IHtmlHelper html)
    {
        if (!html.ViewData.ModelState.TryGetValue("", out var entry) || entry.Errors.Count == 0)
            return HtmlString.Empty;
        var div = new TagBuilder("div");
        div.AddCssClass("alert alert-danger py-2");
        div.Attributes["role"] = "alert";
        div.InnerHtml.AppendHtml("<i class=\"bi bi-exclamation-octagon me-1\"></i>");
        div.InnerHtml.Append(string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)));
        return div;
    }
}
