using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Settings;

namespace Suivi.Features.Deliveries;

/// <summary>
/// The one definition of "deliveries matching a filter", newest first, and of how a delivery reads in a list,
/// shared by the list page, the API, the week grid and the case-file and person pages. Deliveries of a
/// restricted case file are not there for those not named on it (the data layer's filter), totals included.
/// </summary>
public static class DeliveryList
{
    public sealed record Filter(Guid? ServiceId = null, Guid? WorkerId = null, DateOnly? From = null, DateOnly? To = null,
        Guid? TypeId = null, Guid? CaseFileId = null, Guid? BeneficiaryId = null);

    public sealed record Row(Guid Id, Guid ServiceId, DateOnly OnDate, TimeOnly? StartTime, int DurationSeconds, Guid TypeId,
        Guid? ActCategoryId, Guid WorkerId, IReadOnlyList<Guid> OtherWorkerIds, Guid? CaseFileId, Guid? BeneficiaryId, Guid? SiteId,
        int? DistanceMetres, string? Note, long Version)
    {
        public IEnumerable<Guid> AllWorkerIds => OtherWorkerIds.Prepend(WorkerId);
    }

    /// <summary>
    /// Deliveries matching every part of the filter given. A worker's deliveries include those they did with
    /// someone else; a person's, those of the case files they are a member of.
    /// </summary>
    public static IQueryable<ServiceDelivery> Matching(this IQueryable<ServiceDelivery> deliveries, SuiviDbContext db, Filter filter)
    {
        if (filter.ServiceId is { } service)
        {
            deliveries = deliveries.Where(d => d.ServiceId == service);
        }
        if (filter.WorkerId is { } worker)
        {
            deliveries = deliveries.Where(d => d.WorkerId == worker || d.OtherWorkers.Any(w => w.StaffMemberId == worker));
        }
        if (filter.From is { } from)
        {
            deliveries = deliveries.Where(d => d.OnDate >= from);
        }
        if (filter.To is { } to)
        {
            deliveries = deliveries.Where(d => d.OnDate <= to);
        }
        if (filter.TypeId is { } type)
        {
            deliveries = deliveries.Where(d => d.TypeId == type);
        }
        if (filter.CaseFileId is { } file)
        {
            deliveries = deliveries.Where(d => d.CaseFileId == file);
        }
        if (filter.BeneficiaryId is { } person)
        {
            deliveries = deliveries.Where(d => d.BeneficiaryId == person
                || db.CaseFileMembers.Any(m => m.CaseFileId == d.CaseFileId && m.BeneficiaryId == person));
        }
        return deliveries;
    }

    /// <summary>The order lists show deliveries in: the latest first, stable across pages.</summary>
    public static IOrderedQueryable<ServiceDelivery> NewestFirst(this IQueryable<ServiceDelivery> deliveries) =>
        deliveries.OrderByDescending(d => d.OnDate).ThenByDescending(d => d.StartTime).ThenByDescending(d => d.Id);

    /// <summary>The exact sum of their durations, in seconds.</summary>
    public static Task<long> TotalSecondsAsync(this IQueryable<ServiceDelivery> deliveries, CancellationToken ct) =>
        deliveries.SumAsync(d => (long)d.DurationSeconds, ct);

    public static Task<List<Row>> RowsAsync(this IQueryable<ServiceDelivery> deliveries, CancellationToken ct) =>
        deliveries.Select(d => new Row(d.Id, d.ServiceId, d.OnDate, d.StartTime, d.DurationSeconds, d.TypeId, d.ActCategoryId, d.WorkerId,
                d.OtherWorkers.Select(w => w.StaffMemberId).ToList(), d.CaseFileId, d.BeneficiaryId, d.SiteId, d.DistanceMetres, d.Note,
                d.Version))
            .ToListAsync(ct);

    /// <summary>What the ids of some deliveries read as: services, types and categories (retired ones too), workers, files, persons, sites.</summary>
    public sealed class Names
    {
        private readonly Dictionary<Guid, string> _services;
        private readonly Dictionary<Guid, (string Code, Label Label)> _items;
        private readonly Dictionary<Guid, string> _staff;
        private readonly Dictionary<Guid, string> _files;
        private readonly Dictionary<Guid, string> _persons;
        private readonly Dictionary<Guid, string> _sites;

        private Names(Dictionary<Guid, string> services, Dictionary<Guid, (string Code, Label Label)> items, Dictionary<Guid, string> staff,
            Dictionary<Guid, string> files, Dictionary<Guid, string> persons, Dictionary<Guid, string> sites)
        {
            _services = services;
            _items = items;
            _staff = staff;
            _files = files;
            _persons = persons;
            _sites = sites;
        }

        public string Service(Guid id) => _services.GetValueOrDefault(id, "");

        /// <summary>A type's or category's label in the reader's language.</summary>
        public string Item(Guid? id) => id is { } i && _items.TryGetValue(i, out var item) ? item.Label.In(Choices.Language) : "";

        /// <summary>A type's or category's code, as the API names entries.</summary>
        public string? Code(Guid? id) => id is { } i && _items.TryGetValue(i, out var item) ? item.Code : null;

        public string Worker(Guid id) => _staff.GetValueOrDefault(id, "");

        public string Workers(Row row) => string.Join(", ", row.AllWorkerIds.Select(Worker));

        public string? CaseFile(Guid? id) => id is { } i ? _files.GetValueOrDefault(i) : null;

        public string? Person(Guid? id) => id is { } i ? _persons.GetValueOrDefault(i) : null;

        public string? Site(Guid? id) => id is { } i ? _sites.GetValueOrDefault(i) : null;

        public static async Task<Names> LoadAsync(SuiviDbContext db, IReadOnlyCollection<Row> rows, CancellationToken ct)
        {
            var itemIds = rows.Select(r => r.TypeId).Concat(rows.Select(r => r.ActCategoryId).OfType<Guid>()).Distinct().ToList();
            var staffIds = rows.SelectMany(r => r.AllWorkerIds).Distinct().ToList();
            var fileIds = rows.Select(r => r.CaseFileId).OfType<Guid>().Distinct().ToList();
            var personIds = rows.Select(r => r.BeneficiaryId).OfType<Guid>().Distinct().ToList();
            var siteIds = rows.Select(r => r.SiteId).OfType<Guid>().Distinct().ToList();
            return new Names(
                await db.Services.ToDictionaryAsync(s => s.Id, s => s.Name, ct),
                (await db.ListItems.Where(i => itemIds.Contains(i.Id)).Select(i => new { i.Id, i.Code, i.Label }).ToListAsync(ct))
                    .ToDictionary(i => i.Id, i => (i.Code, i.Label)),
                await db.Staff.Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FirstName + " " + s.LastName, ct),
                await db.CaseFiles.Where(c => fileIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Reference, ct),
                await db.Beneficiaries.Where(b => personIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.FirstName + " " + b.LastName, ct),
                await db.Sites.Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct));
        }
    }
}
