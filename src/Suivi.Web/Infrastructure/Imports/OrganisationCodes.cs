using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// What import files name by code, for one organisation, loaded once per run: services by code, list
/// entries by code (the organisation's or a service's own), sites by name within their service, staff by
/// id or by full name. A few hundred entries, whatever the file's size. Read by the reading thread; only
/// <see cref="StaffNameOf"/> may be called from the writing thread.
/// </summary>
public sealed class OrganisationCodes
{
    public enum Found
    {
        Yes,
        Unknown,
        Ambiguous,
    }

    public sealed record ServiceCode(Guid Id, string Code, ServiceKind Kind);

    /// <summary>A list entry; <see cref="RetiredOn"/>: not for records from that day on.</summary>
    public readonly record struct Item(Guid Id, DateOnly? RetiredOn)
    {
        public bool IsRetiredOn(DateOnly day) => RetiredOn is { } retired && day >= retired;
    }

    /// <summary>Staff names (and ids) as files write them, resolved once each: a file names the same few people on every row.</summary>
    private const int RememberedStaffTexts = 10_000;

    private readonly Dictionary<string, ServiceCode> _services;
    private readonly Dictionary<(ListKind, Guid?), Dictionary<string, Item>> _items;
    private readonly Dictionary<Guid, Dictionary<string, Guid>> _sites;
    private readonly Dictionary<Guid, string> _staffNames;
    private readonly Dictionary<string, Guid?> _staffByName;
    private readonly Dictionary<string, (Found Found, Guid Id)> _staffTexts = new(StringComparer.Ordinal);

    private OrganisationCodes(List<ServiceCode> services, List<ListItem> items, List<Site> sites, List<StaffMember> staff)
    {
        _services = services.ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);
        _items = items.GroupBy(i => (i.List, i.ServiceId)).ToDictionary(g => g.Key,
            g => g.GroupBy(i => i.Code, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(c => c.Key, c => new Item(c.First().Id, c.First().RetiredOn), StringComparer.OrdinalIgnoreCase));
        _sites = sites.GroupBy(s => s.ServiceId).ToDictionary(g => g.Key,
            g => g.GroupBy(s => s.Name.Trim(), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(n => n.Key, n => n.First().Id, StringComparer.OrdinalIgnoreCase));
        _staffNames = staff.ToDictionary(s => s.Id, s => s.FullName);
        // Two people with the same name cannot be told apart by it: the file must give their id.
        _staffByName = staff.GroupBy(s => ImportValues.Folded(s.FullName))
            .ToDictionary(g => g.Key, g => g.Count() == 1 ? g.Single().Id : (Guid?)null, StringComparer.Ordinal);
    }

    public static async Task<OrganisationCodes> LoadAsync(SuiviDbContext db, CancellationToken cancellationToken)
    {
        var services = await db.Services.AsNoTracking().Select(s => new ServiceCode(s.Id, s.Code, s.Kind)).ToListAsync(cancellationToken);
        var items = await db.ListItems.AsNoTracking().ToListAsync(cancellationToken);
        var sites = await db.Sites.AsNoTracking().ToListAsync(cancellationToken);
        var staff = await db.Staff.AsNoTracking().ToListAsync(cancellationToken);
        return new OrganisationCodes(services, items, sites, staff);
    }

    public ServiceCode? Service(string code) => _services.GetValueOrDefault(code);

    /// <summary>A list entry by code: the service's own entry first, then the organisation's.</summary>
    public Item? ListEntry(ListKind list, Guid? serviceId, string code)
    {
        if (serviceId is not null && _items.TryGetValue((list, serviceId), out var own) && own.TryGetValue(code, out var item))
        {
            return item;
        }
        return _items.TryGetValue((list, null), out var shared) && shared.TryGetValue(code, out item) ? item : null;
    }

    public Guid? Site(Guid serviceId, string name) =>
        _sites.TryGetValue(serviceId, out var sites) && sites.TryGetValue(name, out var id) ? id : null;

    /// <summary>A staff member by id, or by "First name Last name" when nobody else has that name.</summary>
    public Found Staff(string text, out Guid id)
    {
        if (!_staffTexts.TryGetValue(text, out var known))
        {
            known = Resolve(text);
            if (_staffTexts.Count >= RememberedStaffTexts)
            {
                _staffTexts.Clear();
            }
            _staffTexts[text] = known;
        }
        id = known.Id;
        return known.Found;
    }

    public string StaffNameOf(Guid id) => _staffNames.TryGetValue(id, out var name) ? name : id.ToString();

    private (Found, Guid) Resolve(string text)
    {
        if (Guid.TryParse(text, out var id))
        {
            return _staffNames.ContainsKey(id) ? (Found.Yes, id) : (Found.Unknown, Guid.Empty);
        }
        if (_staffByName.TryGetValue(ImportValues.Folded(text), out var named))
        {
            return named is { } one ? (Found.Yes, one) : (Found.Ambiguous, Guid.Empty);
        }
        return (Found.Unknown, Guid.Empty);
    }
}
