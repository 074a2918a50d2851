using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Suivi.Infrastructure;

namespace Suivi.Features.Errors;

/// <summary>The one error page: a plain message and a correlation id to quote to support, never any detail of the failure.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IProblemDetailsService problems, ILogger<ErrorModel> logger) : PageModel
{
    public int Status { get; private set; }
    public string CorrelationId { get; private set; } = "";

    public Task<IActionResult> OnGetAsync(int? code) => Handle(code);
    public Task<IActionResult> OnPostAsync(int? code) => Handle(code);
    public Task<IActionResult> OnPutAsync(int? code) => Handle(code);
    public Task<IActionResult> OnDeleteAsync(int? code) => Handle(code);

    private async Task<IActionResult> Handle(int? code)
    {
        Status = code ?? StatusCodes.Status500InternalServerError;
        CorrelationId = ErrorHandling.CorrelationId(HttpContext);
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (failure is not null)
        {
            logger.LogError(failure.Error, "Unhandled failure on {Path}, correlation {CorrelationId}", failure.Path, CorrelationId);
            if (failure.Path.StartsWith("/api", StringComparison.Ordinal))
            {
                HttpContext.Response.StatusCode = Status;
                await problems.WriteAsync(new ProblemDetailsContext { HttpContext = HttpContext });
                return new EmptyResult();
            }
        }
        Response.StatusCode = Status;
        return Page();
    }
}
