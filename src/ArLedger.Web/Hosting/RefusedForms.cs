using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Hosting;

/// <summary>
/// A posted form shown again with its fields marked invalid answers 422, as the API does for the same input: the
/// person sees the same page, and a script, a proxy log or a test sees that nothing was taken.
/// </summary>
public sealed class RefusedForms : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is PageResult { StatusCode: null } page
            && HttpMethods.IsPost(context.HttpContext.Request.Method)
            && !context.ModelState.IsValid)
            page.StatusCode = StatusCodes.Status422UnprocessableEntity;
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
