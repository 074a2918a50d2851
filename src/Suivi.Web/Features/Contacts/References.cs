using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Settings;

namespace Suivi.Features.Contacts;

/// <summary>
/// Checks that what a form or the API names is the organisation's own — another organisation's ids are not
/// found through the tenancy filter — and, for list entries, still offered to the service. A wrong id thus
/// gets a message on its field instead of failing in the database. Shared by contacts, appointments and alarms.
/// </summary>
public static class References
{
    public static async Task<Service> ServiceAsync(SuiviDbContext db, Guid? serviceId, string field, CancellationToken ct) =>
        serviceId is { } id && await db.Services.SingleOrDefaultAsync(s => s.Id == id, ct) is { } service
            ? service
            : throw new DomainRuleException("Choose the service.", field);

    /// <summary>
    /// An active entry of <paramref name="kind"/> offered to the service; the entry a record already has is
    /// kept even once retired, so correcting something else does not force a new choice.
    /// </summary>
    public static async Task CheckOfferedAsync(SuiviDbContext db, ListKind kind, Guid? itemId, Guid serviceId, Guid? current,
        string field, string message, CancellationToken ct)
    {
        if (itemId is not { } id || id == current)
        {
            return;
        }
        if (!(await db.ListItems.ActiveAsync(kind, serviceId, ct)).Any(i => i.Id == id))
        {
            throw new DomainRuleException(message, field);
        }
    }

    public static async Task CheckPersonAsync(SuiviDbContext db, Guid? personId, string field, CancellationToken ct)
    {
        if (personId is { } id && !await db.Beneficiaries.AnyAsync(b => b.Id == id, ct))
        {
            throw new DomainRuleException("This person was not found.", field);
        }
    }

    public static async Task CheckStaffAsync(SuiviDbContext db, Guid? staffId, string field, CancellationToken ct)
    {
        if (staffId is { } id && !await db.Staff.AnyAsync(s => s.Id == id, ct))
        {
            throw new DomainRuleException("Choose a member of staff of the organisation.", field);
        }
    }

    /// <summary>The staff record of the person signed in, if they have one: the default author of what they record.</summary>
    public static Task<Guid?> StaffOfUserAsync(SuiviDbContext db, Guid? userId, CancellationToken ct) =>
        userId is { } id
            ? db.Staff.Where(s => s.UserId == id).OrderBy(s => s.Id).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct)
            : Task.FromResult<Guid?>(null);
}
