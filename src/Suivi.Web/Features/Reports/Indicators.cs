using System.Collections.Frozen;
using Suivi.Domain;
using Suivi.Infrastructure;

namespace Suivi.Features.Reports;

/// <summary>
/// A dimension a figure can be filtered or split by. Coded dimensions take the codes of the organisation's
/// own records (service codes, list entries); fixed ones take the values listed here.
/// </summary>
public sealed record Dimension(string Name, IReadOnlyList<string>? FixedValues = null)
{
    public bool IsFixed => FixedValues is not null;

    public static readonly Dimension Organisation = new("organisation");
    public static readonly Dimension Service = new("service");
    public static readonly Dimension ActCategory = new("act-category");
    public static readonly Dimension DeliveryType = new("type");
    public static readonly Dimension Region = new("region", Codes<Region>());
    public static readonly Dimension Device = new("device");
    public static readonly Dimension Outcome = new("outcome");
    public static readonly Dimension CareInsurance = new("care-insurance", ["with", "without"]);
    public static readonly Dimension Profession = new("profession", Codes<Profession>());
    public static readonly Dimension ContactKind = new("kind", Codes<ContactKind>());
    public static readonly Dimension Direction = new("direction", Codes<ContactDirection>());
    public static readonly Dimension AppointmentStatus = new("status", Codes<AppointmentStatus>());

    private static string[] Codes<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(EnumCodes.Of)];
}

/// <summary>
/// An indicator of the catalogue and the dimensions it can be filtered (<see cref="Filters"/>) and split
/// (<see cref="SplitBy"/>) by. What each counts is documented in docs/formats/report-definition.md and computed by
/// <see cref="RecordFacts"/>.
/// </summary>
public sealed record Indicator(string Name, IReadOnlyList<Dimension> Filters, IReadOnlyList<Dimension> SplitBy)
{
    public Dimension? Filter(string name) => Filters.FirstOrDefault(d => d.Name == name);

    public Dimension? Split(string name) => SplitBy.FirstOrDefault(d => d.Name == name);
}

/// <summary>The indicators a report definition can name. Each is computed by <see cref="ReportEngine"/> from the records.</summary>
public static class Indicators
{
    private static readonly Dimension[] DeliveryFilters = [Dimension.Service, Dimension.ActCategory, Dimension.DeliveryType, Dimension.Region];
    private static readonly Dimension[] DeliverySplits = [Dimension.Organisation, Dimension.Service, Dimension.ActCategory, Dimension.DeliveryType, Dimension.Region];

    public static readonly Indicator DeliveryCount = new("deliveries.count", DeliveryFilters, DeliverySplits);

    public static readonly Indicator DeliveryHours = new("deliveries.hours", DeliveryFilters, DeliverySplits);

    public static readonly Indicator DeliveryKilometres = new("deliveries.kilometres", DeliveryFilters, DeliverySplits);

    public static readonly Indicator BeneficiariesServed = new("beneficiaries.served", [.. DeliveryFilters, Dimension.CareInsurance], [Dimension.Organisation, Dimension.Service]);

    public static readonly Indicator DayCentreVisitors = new("day-centres.visitors", [Dimension.Service], [Dimension.Organisation, Dimension.Service]);

    public static readonly Indicator DayCentreVisits = new("day-centres.visits", [Dimension.Service], [Dimension.Organisation, Dimension.Service]);

    public static readonly Indicator HousingAverageResidents = new("housing.average-residents", [Dimension.Service], [Dimension.Organisation, Dimension.Service]);

    public static readonly Indicator AlarmSubscribers = new("alarm.subscribers", [Dimension.Service, Dimension.Device],
        [Dimension.Organisation, Dimension.Service, Dimension.Device]);

    public static readonly Indicator AlarmCount = new("alarms.count", [Dimension.Service, Dimension.Outcome], [Dimension.Organisation, Dimension.Service, Dimension.Outcome]);

    public static readonly Indicator ContactCount = new("contacts.count", [Dimension.Service, Dimension.ContactKind, Dimension.Direction, Dimension.Outcome],
        [Dimension.Organisation, Dimension.Service, Dimension.ContactKind, Dimension.Direction, Dimension.Outcome]);

    public static readonly Indicator AppointmentCount = new("appointments.count", [Dimension.Service, Dimension.AppointmentStatus],
        [Dimension.Organisation, Dimension.Service, Dimension.AppointmentStatus]);

    public static readonly Indicator StaffFte = new("staff.fte", [Dimension.Profession, Dimension.Service],
        [Dimension.Organisation, Dimension.Profession, Dimension.Service]);

    public static readonly Indicator StaffCount = new("staff.count", [Dimension.Profession, Dimension.Service], [Dimension.Organisation, Dimension.Profession, Dimension.Service]);

    public static readonly FrozenDictionary<string, Indicator> ByName = new[]
    {
        DeliveryCount, DeliveryHours, DeliveryKilometres, BeneficiariesServed, DayCentreVisitors, DayCentreVisits,
        HousingAverageResidents, AlarmSubscribers, AlarmCount, ContactCount, AppointmentCount, StaffFte, StaffCount,
    }.ToFrozenDictionary(i => i.Name);
}
