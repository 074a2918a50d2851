using System.Collections.Frozen;
using System.Text;
using Suivi.Domain;

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

    /// <summary>The code a definition uses for an enum value: <c>CareAssistant</c> is <c>care-assistant</c>.</summary>
    public static string CodeOf<T>(T value) where T : struct, Enum => Kebab(value.ToString());

    private static string[] Codes<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(CodeOf)];

    private static string Kebab(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}

/// <summary>How a figure reads: a count, hours, an average, full-time equivalents.</summary>
public enum FigureUnit
{
    Count,
    Hours,
    Kilometres,
    Average,
    FullTimeEquivalents,
}

/// <summary>
/// An indicator of the catalogue: what it counts, over the report year or at its last day, and the dimensions it
/// can be filtered (<see cref="Filters"/>) and split (<see cref="SplitBy"/>) by.
/// </summary>
public sealed record Indicator(string Name, FigureUnit Unit, bool AtYearEnd, string Description,
    IReadOnlyList<Dimension> Filters, IReadOnlyList<Dimension> SplitBy)
{
    public Dimension? Filter(string name) => Filters.FirstOrDefault(d => d.Name == name);

    public Dimension? Split(string name) => SplitBy.FirstOrDefault(d => d.Name == name);
}

/// <summary>The indicators a report definition can name. Each is computed by <see cref="ReportEngine"/> from the records.</summary>
public static class Indicators
{
    private static readonly Dimension[] DeliveryFilters = [Dimension.Service, Dimension.ActCategory, Dimension.DeliveryType, Dimension.Region];
    private static readonly Dimension[] DeliverySplits = [Dimension.Organisation, Dimension.Service, Dimension.ActCategory, Dimension.DeliveryType, Dimension.Region];

    public static readonly Indicator DeliveryCount = new("deliveries.count", FigureUnit.Count, false,
        "Service deliveries in the year.", DeliveryFilters, DeliverySplits);

    public static readonly Indicator DeliveryHours = new("deliveries.hours", FigureUnit.Hours, false,
        "Hours delivered in the year, summed unrounded.", DeliveryFilters, DeliverySplits);

    public static readonly Indicator DeliveryKilometres = new("deliveries.kilometres", FigureUnit.Kilometres, false,
        "Kilometres driven for deliveries in the year.", DeliveryFilters, DeliverySplits);

    public static readonly Indicator BeneficiariesServed = new("beneficiaries.served", FigureUnit.Count, false,
        "Distinct beneficiaries with at least one delivery in the year; care-insurance: with (entitled at some point of the year) or without.",
        [.. DeliveryFilters, Dimension.CareInsurance], [Dimension.Organisation, Dimension.Service]);

    public static readonly Indicator DayCentreVisitors = new("day-centres.visitors", FigureUnit.Count, false,
        "Distinct beneficiaries with at least one day-centre visit in the year; a person visiting two centres counts once.",
        [Dimension.Service], [Dimension.Organisation, Dimension.Service]);

    public static readonly Indicator DayCentreVisits = new("day-centres.visits", FigureUnit.Count, false,
        "Day-centre visits (person and day) in the year.", [Dimension.Service], [Dimension.Organisation, Dimension.Service]);

    public static readonly Indicator HousingAverageResidents = new("housing.average-residents", FigureUnit.Average, false,
        "Residents present each day, averaged over every day of the year.", [Dimension.Service], [Dimension.Organisation, Dimension.Service]);

    public static readonly Indicator AlarmSubscribers = new("alarm.subscribers", FigureUnit.Count, true,
        "Alarm-service subscriptions running on the last day of the year.", [Dimension.Service, Dimension.Device],
        [Dimension.Organisation, Dimension.Service, Dimension.Device]);

    public static readonly Indicator AlarmCount = new("alarms.count", FigureUnit.Count, false,
        "Alarms handled in the year.", [Dimension.Service, Dimension.Outcome], [Dimension.Organisation, Dimension.Service, Dimension.Outcome]);

    public static readonly Indicator ContactCount = new("contacts.count", FigureUnit.Count, false,
        "Contacts in the log in the year: calls, client-relations contacts.",
        [Dimension.Service, Dimension.ContactKind, Dimension.Direction, Dimension.Outcome],
        [Dimension.Organisation, Dimension.Service, Dimension.ContactKind, Dimension.Direction, Dimension.Outcome]);

    public static readonly Indicator AppointmentCount = new("appointments.count", FigureUnit.Count, false,
        "Appointments planned in the year, by their status.", [Dimension.Service, Dimension.AppointmentStatus],
        [Dimension.Organisation, Dimension.Service, Dimension.AppointmentStatus]);

    public static readonly Indicator StaffFte = new("staff.fte", FigureUnit.FullTimeEquivalents, true,
        "Full-time equivalents of the staff, summed unrounded.", [Dimension.Profession, Dimension.Service],
        [Dimension.Organisation, Dimension.Profession, Dimension.Service]);

    public static readonly Indicator StaffCount = new("staff.count", FigureUnit.Count, true,
        "Staff members.", [Dimension.Profession, Dimension.Service], [Dimension.Organisation, Dimension.Profession, Dimension.Service]);

    public static readonly FrozenDictionary<string, Indicator> ByName = new[]
    {
        DeliveryCount, DeliveryHours, DeliveryKilometres, BeneficiariesServed, DayCentreVisitors, DayCentreVisits,
        HousingAverageResidents, AlarmSubscribers, AlarmCount, ContactCount, AppointmentCount, StaffFte, StaffCount,
    }.ToFrozenDictionary(i => i.Name);
}
