using System.Globalization;

namespace Suivi.Bench.National;

/// <summary>
/// The national dataset of issue 5: one network of 50 organisations of very uneven sizes (a large home-care
/// organisation with a third of the deliveries, then a long tail), 500 000 people, ten years (2015–2024) of
/// 20 000 000 service deliveries, 2 000 000 contacts and 5 000 000 day-centre visits, each count times the scale.
/// Everything is derived from positions and a fixed seed: the same scale gives the same rows in every database,
/// so figures can be compared across SQLite, PostgreSQL and DuckDB although each database has its own ids.
/// </summary>
internal sealed class NationalDataset
{
    public const int Organisations = 50;
    public const int FirstYear = 2015;
    public const int LastYear = 2024;
    public const int Seed = 20_241_231;

    public static readonly string[] TypeCodes = ["HOME-VISIT", "CARE", "PAIR-VISIT", "COORDINATION", "CALL"];
    public static readonly string[] ActCodes = ["AEV", "MENAGE", "GARDE", "COURSES", "AUTRES"];
    public static readonly string[] OutcomeCodes = ["NEW-CARE", "CURRENT-CLIENT", "FORMER-CLIENT", "INFORMATION", "REDIRECTED"];
    public static readonly string[] Regions = ["Centre", "Sud", "Nord", "Est", "Ouest"];
    public const int SitesPerOrganisation = 4;

    private static readonly int[] QuarterHours = [1, 2, 3, 4, 5, 6, 8];

    public NationalDataset(double scale)
    {
        Scale = scale;
        // The largest organisation holds 30 % of everything; the 49 others share the rest as 1/rank (a long tail).
        var harmonic = Enumerable.Range(1, Organisations - 1).Sum(r => 1.0 / r);
        Weights = [0.30, .. Enumerable.Range(1, Organisations - 1).Select(r => 0.70 / r / harmonic)];
        People = Split((long)Math.Round(500_000 * scale), Weights, minimum: 50).Select(p => (int)p).ToArray();
        PersonOffset = new int[Organisations];
        for (var o = 1; o < Organisations; o++)
        {
            PersonOffset[o] = PersonOffset[o - 1] + People[o - 1];
        }
        Staff = [.. Weights.Select(w => Math.Max(8, (int)(4_000 * w)))];
        // Day centres: the large organisation runs eight, one organisation in three runs one or two.
        DayCentres = [.. Enumerable.Range(0, Organisations).Select(o => o == 0 ? 8 : o % 3 == 1 ? 1 + o % 2 : 0)];
        Deliveries = Split((long)Math.Round(20_000_000 * scale), Weights, minimum: 0);
        Contacts = Split((long)Math.Round(2_000_000 * scale), Weights, minimum: 0);
        var centreWeights = Enumerable.Range(0, Organisations).Select(o => DayCentres[o] == 0 ? 0 : Weights[o]).ToArray();
        Visits = Split((long)Math.Round(5_000_000 * scale), centreWeights, minimum: 0);
    }

    public double Scale { get; }
    public double[] Weights { get; }
    public int[] People { get; }
    public int[] PersonOffset { get; }
    public int[] Staff { get; }
    public int[] DayCentres { get; }
    public long[] Deliveries { get; }
    public long[] Contacts { get; }
    public long[] Visits { get; }

    public int TotalPeople => People.Sum();

    public static string Slug(int organisation) => "o" + (organisation + 1).ToString("00", CultureInfo.InvariantCulture);

    public static string Name(int organisation) => organisation == 0 ? "Aides et soins à domicile national" : $"Membre {organisation + 1:00}";

    public string Label => Scale.ToString("0.####", CultureInfo.InvariantCulture);

    private static long[] Split(long total, double[] weights, int minimum)
    {
        var sum = weights.Sum();
        var parts = weights.Select(w => w == 0 ? 0 : Math.Max(minimum, (long)Math.Round(total * w / sum))).ToArray();
        return parts;
    }

    /// <summary>A well-mixed number for a person: decides their case file, its restriction and their care insurance.</summary>
    private static ulong Mix(int organisation, int person)
    {
        var x = ((ulong)(uint)organisation << 32) ^ (uint)person ^ 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>Nine people in ten have a case file with the home-care service.</summary>
    public static bool HasCaseFile(int organisation, int person) => Mix(organisation, person) % 10 != 0;

    /// <summary>One case file in a hundred is restricted; half of those name the network's statistician, half do not.</summary>
    public static FileAccess Access(int organisation, int person)
    {
        var h = Mix(organisation, person);
        return h % 10 == 0 || (h / 10) % 100 != 7 ? FileAccess.Open : (h / 1000) % 2 == 0 ? FileAccess.RestrictedToViewer : FileAccess.RestrictedToOthers;
    }

    /// <summary>Two people in five are entitled to long-term-care insurance, from a date, some until a later date.</summary>
    public static (DateOnly From, DateOnly? To)? CareInsurance(int organisation, int person)
    {
        var h = Mix(organisation, person) >> 16;
        if (h % 5 >= 2)
        {
            return null;
        }
        var from = new DateOnly(2013, 1, 1).AddDays((int)((h >> 4) % 4_300));
        return ((h >> 20) % 3) == 0 ? (from, from.AddDays(200 + (int)((h >> 24) % 1_500))) : (from, null);
    }

    /// <summary>Rows per year, growing 4 % a year, and their days spread evenly over each year in date order.</summary>
    private static IEnumerable<DateOnly> Days(long count)
    {
        var growth = Enumerable.Range(0, LastYear - FirstYear + 1).Select(y => Math.Pow(1.04, y)).ToArray();
        var total = growth.Sum();
        long emitted = 0;
        for (var y = 0; y < growth.Length; y++)
        {
            var inYear = y == growth.Length - 1 ? count - emitted : (long)Math.Round(count * growth[y] / total);
            var start = new DateOnly(FirstYear + y, 1, 1);
            var days = DateTime.IsLeapYear(FirstYear + y) ? 366 : 365;
            for (long i = 0; i < inYear; i++)
            {
                yield return start.AddDays((int)(i * days / inYear));
            }
            emitted += inYear;
        }
    }

    public IEnumerable<DeliveryRow> DeliveriesOf(int organisation)
    {
        var random = new Random(Seed + (organisation * 3));
        var people = People[organisation];
        foreach (var day in Days(Deliveries[organisation]))
        {
            var person = random.Next(100) < 95 ? random.Next(people) : -1;
            var withFile = person >= 0 && HasCaseFile(organisation, person) && random.Next(100) < 90;
            yield return new DeliveryRow(
                day,
                StartMinutes: random.Next(100) < 95 ? (7 * 60) + (15 * random.Next(52)) : -1,
                Seconds: QuarterHours[random.Next(QuarterHours.Length)] * 900,
                Type: random.Next(100) switch { < 55 => 1, < 85 => 0, < 92 => 3, < 97 => 4, _ => 2 },
                Act: random.Next(100) switch { < 36 => 0, < 60 => 1, < 68 => 2, < 72 => 3, < 80 => 4, _ => -1 },
                Worker: random.Next(Staff[organisation]),
                Person: person,
                CaseFile: withFile,
                Site: random.Next(100) < 30 ? random.Next(SitesPerOrganisation) : -1,
                Metres: random.Next(100) < 4 ? 100 * (1 + random.Next(300)) : -1);
        }
    }

    public IEnumerable<ContactRow> ContactsOf(int organisation)
    {
        var random = new Random(Seed + (organisation * 3) + 1);
        var people = People[organisation];
        foreach (var day in Days(Contacts[organisation]))
        {
            var kind = random.Next(100) switch { < 60 => 0, < 90 => 1, _ => 2 };
            yield return new ContactRow(
                day,
                AtMinutes: (6 * 60) + random.Next(16 * 60),
                Seconds: random.Next(100) < 80 ? 60 * (1 + random.Next(30)) : -1,
                Kind: kind,
                Direction: random.Next(100) switch { < 70 => 0, < 90 => 1, _ => 2 },
                Outcome: random.Next(100) < 70 ? random.Next(OutcomeCodes.Length) : -1,
                Person: random.Next(100) < 40 ? random.Next(people) : -1,
                Staff: random.Next(Staff[organisation]));
        }
    }

    /// <summary>
    /// Visits of each of the organisation's day centres on weekdays, by a pool of regulars that drifts over the years;
    /// nobody visits the same centre twice a day (the schema's unique key).
    /// </summary>
    public IEnumerable<VisitRow> VisitsOf(int organisation)
    {
        var centres = DayCentres[organisation];
        if (centres == 0 || Visits[organisation] == 0)
        {
            yield break;
        }
        var people = People[organisation];
        var first = new DateOnly(FirstYear, 1, 1);
        var weekdays = Enumerable.Range(0, new DateOnly(LastYear, 12, 31).DayNumber - first.DayNumber + 1)
            .Select(first.AddDays).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToArray();
        var perCentreDay = Visits[organisation] / (double)(centres * weekdays.Length);
        var pool = Math.Min(people, Math.Max(1, (int)Math.Ceiling(perCentreDay * 3)));
        double owed = 0;
        for (var d = 0; d < weekdays.Length; d++)
        {
            var year = weekdays[d].Year - FirstYear;
            for (var c = 0; c < centres; c++)
            {
                owed += perCentreDay;
                var today = Math.Min(pool, (int)owed);
                owed -= today;
                var start = (c * 7_919) + (year * 104_729);
                for (var k = 0; k < today; k++)
                {
                    yield return new VisitRow(weekdays[d], c, (int)((start + ((k + d) % pool)) % people));
                }
            }
        }
    }
}

internal enum FileAccess
{
    Open,
    RestrictedToViewer,
    RestrictedToOthers,
}

/// <summary>A delivery by positions: type, act category (-1 none), worker, person (-1 anonymous), site (-1 none), metres (-1 none).</summary>
internal readonly record struct DeliveryRow(DateOnly Day, int StartMinutes, int Seconds, int Type, int Act, int Worker, int Person, bool CaseFile, int Site, int Metres);

internal readonly record struct ContactRow(DateOnly Day, int AtMinutes, int Seconds, int Kind, int Direction, int Outcome, int Person, int Staff);

internal readonly record struct VisitRow(DateOnly Day, int Centre, int Person);
