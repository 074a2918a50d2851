using Microsoft.EntityFrameworkCore;
using Suivi.Data;

namespace Suivi.Security;

/// <summary>
/// Turns the {org} part of the URL into the scope's <see cref="CurrentOrganisation"/>. An organisation
/// that does not exist and one the caller is not a member of answer the same 404, so that nobody
/// can learn which organisations or records exist outside their own.
/// </summary>
public sealed class OrganisationResolution(RequestDelegate next)
{
    public const string RouteKey = "org";

    public async Task InvokeAsync(HttpContext http, SuiviDbContext db, CurrentOrganisation current, CurrentUser user)
    {
        if (http.GetRouteValue(RouteKey) is string slug && user.Id is { } userId)
        {
            var found = await db.Organisations
                .Where(o => o.Slug == slug)
                .Join(db.Memberships.Where(m => m.UserId == userId), o => o.Id, m => m.OrganisationId,
                    (o, m) => new { o.Id, o.Slug, o.Name, m.Role })
                .SingleOrDefaultAsync(http.RequestAborted);
            if (found is null)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            current.Enter(found.Id, found.Slug, found.Name, found.Role, userId);
        }
        // Anonymous callers go on to authorization, which asks them to sign in before anything is looked up.
        await next(http);
    }
}
