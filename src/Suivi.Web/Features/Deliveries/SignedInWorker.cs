using Microsoft.EntityFrameworkCore;
using Suivi.Data;

namespace Suivi.Features.Deliveries;

/// <summary>The staff member a sign-in account is linked to: the worker a new delivery or the week grid starts with.</summary>
public static class SignedInWorker
{
    public sealed record Worker(Guid Id, string Name, Guid? ServiceId);

    public static async Task<Worker?> FindAsync(SuiviDbContext db, Guid? userId, CancellationToken ct) =>
        userId is { } id
            ? await db.Staff.Where(s => s.UserId == id).OrderBy(s => s.Id)
                .Select(s => new Worker(s.Id, s.FirstName + " " + s.LastName, s.ServiceId)).FirstOrDefaultAsync(ct)
            : null;
}
