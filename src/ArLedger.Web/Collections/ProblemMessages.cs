using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Collections;

/// <summary>Shows a use case's problem on a form: at each field it names, else at the top of the form.</summary>
public static class ProblemMessages
{
    /// <param name="fields">Command property names to form field names, where they differ.</param>
    public static void AddTo(this Problem problem, ModelStateDictionary modelState, IStringLocalizer t,
        IReadOnlyDictionary<string, string>? fields = null) =>
        Pages.FormErrors.Add(modelState, problem, t, fields is null ? null : field => fields.GetValueOrDefault(field, field));
}
