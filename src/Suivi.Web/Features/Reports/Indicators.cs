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

    /// <summary>
    /// A family of dimensions named by a prefix and a code of the organisation's: <c>opening.MOTIF</c> is the primary
    /// category at opening in the typology MOTIF. The catalogue lists the family; a definition names a member.
    /// </summary>
    public bool IsFamily { get; private init; }

    /// <summary>This dimension if it is the one named, or the member of this family that is.</summary>
    public Dimension? Resolve(string name) =>
        name == Name && !IsFamily ? this
        : IsFamily && name.Length > Name.Length && name.StartsWith(Name, StringComparison.Ordinal) ? new Dimension(name)
        : null;

    /// <summary>The code a member of this family names after its prefix (the typology's code).</summary>
    public string Member(string name) => name[Name.Length..];

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
    public static readonly Dimension Source = new("source");
    public static readonly Dimension ClosureReason = new("closure-reason");
    public static readonly Dimension Decision = new("decision", [.. Codes<DecisionKind>(), "pending"]);
    public static readonly Dimension Start = new("start", ["new", "carried-over"]);
    public static readonly Dimension Sex = new("sex", Codes<Sex>());

    /// <summary>Age in whole years at the end of the year (31 December): <c>0</c>…<c>120</c>, or <c>unknown</c>. See <see cref="Ages"/>.</summary>
    public static readonly Dimension Age = new("age", [.. Enumerable.Range(0, Ages.Oldest + 1).Select(Ages.Code), Ages.Unknown]);

    public static readonly Dimension AtOpening = new("opening.") { IsFamily = true };
    public static readonly Dimension AtClosing = new("closing.") { IsFamily = true };

    private static string[] Codes<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(EnumCodes.Of)];
}

/// <summary>
/// An indicator of the catalogue and the dimensions it can be filtered (<see cref="Filters"/>) and split
/// (<see cref="SplitBy"/>) by. What each counts is documented in docs/formats/report-definition.md and computed by
/// <see cref="RecordFacts"/>.
/// </summary>
public sealed record Indicator(string Name, IReadOnlyList<Dimension> Filters, IReadOnlyList<Dimension> SplitBy)
{
    public Dimension? Filter(string name) => Filters.Select(d => d.Resolve(name)).FirstOrDefault(d => d is not null);

    public Dimension? Split(string name) => SplitBy.Select(d => d.Resolve(name)).FirstOrDefault(d => d is not null);
}

/// <summary>Ages as codes, and the ranges a definition may write instead of listing them: <c>0-5</c>, <c>18+</c>.</summary>
public static class Ages
{
    public const int Oldest = 120;
    public const string Unknown = "unknown";

    public static string Code(int age) => age.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whole years completed on <paramref name="on"/>.</summary>
    public static int At(DateOnly birth, DateOnly on) =>
        on.Year - birth.Year - (on.Month < birth.Month || on.Month == birth.Month && on.Day < birth.Day ? 1 : 0);

    /// <summary>The ages a range stands for (<c>6-11</c>, <c>18+</c>), or none when the text is not a range.</summary>
    public static IEnumerable<string>? Range(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var (from, to) = text.EndsWith('+') ? (text[..^1], Code(Oldest)) : dash > 0 ? (text[..dash], text[(dash + 1)..]) : (null, null);
        return int.TryParse(from, out var low) && int.TryParse(to, out var high) && low >= 0 && low <= high && high <= Oldest
            ? Enumerable.Range(low, high - low + 1).Select(Code)
            : null;
    }
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

    private static readonly Dimension[] FileDimensions = [Dimension.Service, Dimension.Source, Dimension.AtOpening];

    public static readonly Indicator CaseFilesOpened = new("case-files.opened", FileDimensions, [Dimension.Organisation, .. FileDimensions]);

    public static readonly Indicator CaseFilesWorked = new("case-files.worked", [.. FileDimensions, Dimension.Start],
        [Dimension.Organisation, .. FileDimensions, Dimension.Start]);

    public static readonly Indicator CaseFilesClosed = new("case-files.closed", [.. FileDimensions, Dimension.ClosureReason, Dimension.AtClosing],
        [Dimension.Organisation, .. FileDimensions, Dimension.ClosureReason, Dimension.AtClosing]);

    public static readonly Indicator ChildrenFollowed = new("children.followed", [Dimension.Service, Dimension.Start, Dimension.Sex, Dimension.Age],
        [Dimension.Organisation, Dimension.Service, Dimension.Start, Dimension.Sex, Dimension.Age]);

    public static readonly Indicator RequestsReceived = new("requests.received", [Dimension.Service, Dimension.Source, Dimension.Decision],
        [Dimension.Organisation, Dimension.Service, Dimension.Source, Dimension.Decision]);

    public static readonly FrozenDictionary<string, Indicator> ByName = new[]
    {
        DeliveryCount, DeliveryHours, DeliveryKilometres, BeneficiariesServed, DayCentreVisitors, DayCentreVisits,
        HousingAverageResidents, AlarmSubscribers, AlarmCount, ContactCount, AppointmentCount, StaffFte, StaffCount,
        CaseFilesOpened, CaseFilesWorked, CaseFilesClosed, ChildrenFollowed, RequestsReceived,
    }.ToFrozenDictionary(i => i.Name);
}
