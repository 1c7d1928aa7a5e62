using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Collections;

/// <summary>Shows a use case's problem on a form: at each field it names, else at the top of the form.</summary>
public static class ProblemMessages
{
    /// <param name="fields">Command property names to form field names, where they differ.</param>
    public static void AddTo(this Problem problem, ModelStateDictionary modelState, IStringLocalizer t,
        IReadOnlyDictionary<string, string>? fields = null)
    {
        if (problem.Errors is not { Count: > 0 } errors)
        {
            modelState.AddModelError("", t[problem.Message]);
            return;
        }
        foreach (var (field, messages) in errors)
        {
            var key = fields is not null && fields.TryGetValue(field, out var named) ? named : field;
            foreach (var message in messages)
                modelState.AddModelError(key, t[message]);
        }
    }
}
