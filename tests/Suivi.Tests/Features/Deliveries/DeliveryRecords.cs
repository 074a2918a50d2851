using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Deliveries;

/// <summary>Deliveries, workers and files the delivery tests start from, made inside alpha as background code would.</summary>
internal static class DeliveryRecords
{
    /// <summary>The day the app calls today (UTC).</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    /// <summary>A weekday of last week: always in the past, always in one ISO week with the other days of that week.</summary>
    public static DateOnly LastWeek(DayOfWeek day) => MondayOf(Today).AddDays(-7 + ((int)day + 6) % 7);

    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string IsoWeek(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return $"{System.Globalization.ISOWeek.GetYear(date):0000}-W{System.Globalization.ISOWeek.GetWeekOfYear(date):00}";
    }

    public static Guid Type(this SuiviApp app, string code = "HOME-VISIT") => app.World.Alpha.Item(ListKind.DeliveryType, code).Id;

    public static Guid Category(this SuiviApp app, string code = "AEV") => app.World.Alpha.Item(ListKind.ActCategory, code).Id;

    /// <summary>A staff member of alpha's service, linked to the account <paramref name="email"/> when given.</summary>
    public static async Task<StaffMember> AddStaffAsync(this SuiviApp app, string firstName, string lastName, string? email = null)
    {
        var userId = email is null ? (Guid?)null
            : await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var staff = new StaffMember(firstName, lastName, Profession.Educator, 1m, app.World.Alpha.Service.Id);
            if (userId is { } id)
            {
                staff.LinkAccount(id);
            }
            db.Staff.Add(staff);
            await db.SaveChangesAsync();
            return staff;
        });
    }

    public static Task<ServiceDelivery> AddDeliveryAsync(this SuiviApp app, Guid workerId, DateOnly onDate, double hours,
        Guid? caseFileId = null, IReadOnlyCollection<Guid>? otherWorkers = null, Guid? beneficiaryId = null, Guid? typeId = null) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var delivery = new ServiceDelivery(app.World.Alpha.Service.Id, new DeliveryDetails(onDate, new TimeOnly(9, 0), TimeSpan.FromSeconds(Math.Round(hours * 3600)),
                typeId ?? app.Type(), null, workerId, otherWorkers ?? [], caseFileId, beneficiaryId, null, null, null), Today);
            db.Deliveries.Add(delivery);
            await db.SaveChangesAsync();
            return delivery;
        });

    /// <summary>A case file of alpha opened on <paramref name="openedOn"/> and closed on <paramref name="closedOn"/>, the child as member.</summary>
    public static Task<CaseFile> AddClosedFileAsync(this SuiviApp app, DateOnly openedOn, DateOnly closedOn) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var file = new CaseFile(app.World.Alpha.Service.Id, "C-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), openedOn);
            file.AddMember(app.World.Alpha.Child.Id, CaseMemberRole.Child);
            file.Close(closedOn, app.World.Alpha.Lists.First(l => l.List == ListKind.ClosureReason).Id, null, null);
            db.CaseFiles.Add(file);
            await db.SaveChangesAsync();
            return file;
        });

    /// <summary>A type of delivery of alpha that was retired: old deliveries keep it, new ones may not choose it.</summary>
    public static Task<ListItem> AddRetiredTypeAsync(this SuiviApp app) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var item = new ListItem(ListKind.DeliveryType, "OLD-" + Guid.NewGuid().ToString("N")[..6], Label.Of("Ancienne visite", null, "Old visit"), 99);
            item.Retire(Today.AddDays(-10));
            db.ListItems.Add(item);
            await db.SaveChangesAsync();
            return item;
        });

    /// <summary>The deliveries of alpha as someone named on no restricted file reads them.</summary>
    public static Task<List<ServiceDelivery>> DeliveriesAsync(this SuiviApp app) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Deliveries.AsNoTracking().Include(d => d.OtherWorkers).ToListAsync());

    public static Task<ServiceDelivery?> FindDeliveryAsync(this SuiviApp app, Guid id) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Deliveries.AsNoTracking().Include(d => d.OtherWorkers).SingleOrDefaultAsync(d => d.Id == id));

    public static Task<int> CountDeliveriesAsync(this SuiviApp app) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Deliveries.CountAsync());
}
