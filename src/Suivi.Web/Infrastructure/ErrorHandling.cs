using System.Diagnostics;
using Suivi.Security;

namespace Suivi.Infrastructure;

/// <summary>
/// No request ever shows a stack trace: pages get a generic error page with a correlation id, the API
/// gets RFC 9457 problem details carrying the same id, and bare status codes (404, 403) are turned into
/// the same two shapes.
/// </summary>
public static class ErrorHandling
{
    public static IServiceCollection AddSuiviErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["correlationId"] = CorrelationId(context.HttpContext));
        return services;
    }

    public static WebApplication UseSuiviErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseWhen(http => http.Request.IsApi(), api => api.UseStatusCodePages());
        app.UseWhen(http => !http.Request.IsApi(), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app;
    }

    public static string CorrelationId(HttpContext http) => Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
}
