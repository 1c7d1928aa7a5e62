using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages;

/// <summary>Errors shown at their field: a use case's problem turned into model state, and read back by the form.</summary>
public static class FormErrors
{
    /// <summary>
    /// Puts each error of <paramref name="problem"/> at its field (keys are the command's property names, which the
    /// forms use as input names); <paramref name="field"/> renames or drops a key (null: page-level). A problem
    /// without fields is a page-level message. Messages go through the French texts, so known ones are translated.
    /// </summary>
    public static void Add(ModelStateDictionary state, Problem problem, IStringLocalizer t, Func<string, string?>? field = null)
    {
        if (problem.Errors is not { Count: > 0 } errors)
        {
            state.AddModelError("", t.Say(problem));
            return;
        }
        foreach (var (key, messages) in errors)
            foreach (var message in messages)
                state.AddModelError((field is null ? key : field(key)) ?? "", t.Say(problem, message));
    }

    /// <summary>The first error at a field, or null.</summary>
    public static string? ErrorFor(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>"is-invalid" when the field has an error, for Bootstrap's styles.</summary>
    public static string Invalid(this ModelStateDictionary state, string key) => state.ErrorFor(key) is null ? "" : "is-invalid";

    /// <summary>What the person typed into a field, to put back after a failed post.</summary>
    public static string? Typed(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) ? entry.AttemptedValue : null;

    /// <summary>The page-level errors (key "").</summary>
    public static IEnumerable<string> PageErrors(this ModelStateDictionary state) =>
        state.TryGetValue("", out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];
}
