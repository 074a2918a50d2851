using System.Globalization;
using System.Text;

namespace Suivi.Bench;

/// <summary>
/// One generated delivery, by position in the bench organisation's lists (staff, clients, types…), so the
/// same rows can be written to a file, or resolved to ids in any database seeded with that organisation.
/// </summary>
internal readonly record struct DeliveryPlan(
    long Line,
    DateOnly Day,
    int StartMinutes,
    int Seconds,
    int Type,
    int ActCategory,
    int Worker,
    int OtherWorker,
    int Client,
    ClientReference Reference,
    int Site,
    int Metres,
    string? Note,
    string ExternalId);

internal enum ClientReference
{
    None,
    CaseFileAndPerson,
    PersonOnly,
}

/// <summary>
/// A home-care network's export: rows roughly in date order (about 900 a day, now and then a row a day
/// early or late), each worker a few visits a day, about 5 000 clients, most rows with a case file, a few
/// per cent with kilometres, about 3 % done in pairs. The same seed gives the same rows.
/// </summary>
internal static class DeliveryPlans
{
    public const int RowsPerDay = 900;

    private static readonly int[] QuarterHours = [1, 2, 3, 4, 5, 6, 8];

    public static (DateOnly From, DateOnly To) Span(long rows, DateOnly today)
    {
        var days = (int)Math.Max(30, rows / RowsPerDay);
        return (today.AddDays(-days), today.AddDays(-1));
    }

    public static IEnumerable<DeliveryPlan> Generate(long rows, BenchOrganisation.Shape shape, DateOnly today, int seed = 7)
    {
        var random = new Random(seed);
        var (from, to) = Span(rows, today);
        var days = to.DayNumber - from.DayNumber + 1;
        var (lastDay, onDay) = (-1, 0);
        for (long i = 0; i < rows; i++)
        {
            var dayIndex = (int)(i * days / rows);
            if (dayIndex != lastDay)
            {
                (lastDay, onDay) = (dayIndex, 0);
            }
            var jitter = random.Next(40) switch { 0 => -1, 1 => 1, _ => 0 };
            var day = from.AddDays(Math.Clamp(dayIndex + jitter, 0, days - 1));
            // Each worker gets a few visits a day, spread over the day's rows.
            var worker = (onDay++ * 7 + dayIndex * 13) % shape.Staff;
            var type = random.Next(100) switch { < 55 => 1, < 85 => 0, < 92 => 3, < 97 => 4, _ => 2 };
            var reference = random.Next(100) switch { < 85 => ClientReference.CaseFileAndPerson, < 95 => ClientReference.PersonOnly, _ => ClientReference.None };
            yield return new DeliveryPlan(
                Line: i + 2,
                Day: day,
                StartMinutes: random.Next(100) < 95 ? (7 * 60) + (15 * random.Next(52)) : -1,
                Seconds: QuarterHours[random.Next(QuarterHours.Length)] * 900,
                Type: type,
                ActCategory: random.Next(100) < 80 ? random.Next(shape.ActCategories) : -1,
                Worker: worker,
                OtherWorker: random.Next(100) < 3 ? (worker + 1 + random.Next(shape.Staff - 1)) % shape.Staff : -1,
                Client: reference == ClientReference.None ? -1 : random.Next(shape.Clients),
                Reference: reference,
                Site: random.Next(100) < 30 ? random.Next(shape.Sites) : -1,
                Metres: random.Next(100) < 4 ? 100 * (1 + random.Next(300)) : -1,
                Note: random.Next(100) < 2 ? "Remplacement d'une collègue" : null,
                ExternalId: (10_000_000 + i).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Writes the rows as a delivery import file (docs/formats/imports.md): workers by name, case files by
    /// reference, people by external id, codes for service, type and act category.
    /// </summary>
    public static void WriteCsv(string path, IEnumerable<DeliveryPlan> plans, BenchOrganisation organisation)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("external_id,service,date,start,hours,type,act_category,worker,other_workers,case_file,person,site,km,note\n");
        var invariant = CultureInfo.InvariantCulture;
        var line = new StringBuilder(256);
        foreach (var p in plans)
        {
            line.Clear();
            line.Append(p.ExternalId).Append(',')
                .Append(organisation.ServiceCode).Append(',')
                .Append(p.Day.ToString("yyyy-MM-dd", invariant)).Append(',');
            if (p.StartMinutes >= 0)
            {
                line.Append((p.StartMinutes / 60).ToString("00", invariant)).Append(':').Append((p.StartMinutes % 60).ToString("00", invariant));
            }
            line.Append(',').Append(((decimal)p.Seconds / 3600).ToString("0.##", invariant)).Append(',')
                .Append(organisation.TypeCodes[p.Type]).Append(',')
                .Append(p.ActCategory >= 0 ? organisation.ActCategoryCodes[p.ActCategory] : "").Append(',')
                .Append(organisation.StaffNames[p.Worker]).Append(',')
                .Append(p.OtherWorker >= 0 ? organisation.StaffNames[p.OtherWorker] : "").Append(',')
                .Append(p.Reference == ClientReference.CaseFileAndPerson ? organisation.CaseFileReferences[p.Client] : "").Append(',')
                .Append(p.Reference != ClientReference.None ? organisation.PersonExternalIds[p.Client] : "").Append(',')
                .Append(p.Site >= 0 ? organisation.SiteNames[p.Site] : "").Append(',')
                .Append(p.Metres >= 0 ? ((decimal)p.Metres / 1000).ToString("0.###", invariant) : "").Append(',')
                .Append(p.Note).Append('\n');
            writer.Write(line);
        }
    }
}
