using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Security;

namespace Suivi.Features;

/// <summary>Who the caller is and which organisations they may act in.</summary>
public static class MeApi
{
    public sealed record MembershipDocument(string Organisation, string Name, OrganisationRole Role);

    public sealed record MeDocument(Guid? Id, string Name, IReadOnlyList<MembershipDocument> Organisations);

    public static async Task<MeDocument> Get(SuiviDbContext db, CurrentUser user, CancellationToken cancellationToken) =>
        new(user.Id, user.Name, await db.Memberships.Where(m => m.UserId == user.Id)
            .Join(db.Organisations, m => m.OrganisationId, o => o.Id, (m, o) => new MembershipDocument(o.Slug, o.Name, m.Role))
            .ToListAsync(cancellationToken));
}
