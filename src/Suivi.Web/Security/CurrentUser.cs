using System.Security.Claims;

namespace Suivi.Security;

/// <summary>Who is acting, for the audit log: the signed-in user, or the system for start-up work.</summary>
public sealed class CurrentUser(IHttpContextAccessor http)
{
    public Guid? Id =>
        Guid.TryParse(http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string Name => http.HttpContext?.User.Identity?.Name ?? "system";
}
