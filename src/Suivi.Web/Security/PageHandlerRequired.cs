using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Suivi.Security;

/// <summary>
/// A page whose model has handlers is shown only through one of them. Razor Pages would otherwise
/// render the page when no handler matches (a POST to a read-only page, an unknown <c>?handler=</c>),
/// skipping the handler that loads the record within the organisation, answers 404 for another
/// organisation's record and checks the caller's rights. Such requests answer 404.
/// </summary>
public sealed class PageHandlerRequired : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0)
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }
}
