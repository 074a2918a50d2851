using System.Data.Common;
using System.Globalization;
using Suivi.Domain;
using Suivi.Infrastructure;

namespace Suivi.Bench.National;

internal sealed record DeliveryFact(string Organisation, int Year, string? Act, string Type, string? Region, long Count, long Seconds, long Metres);

internal sealed record ServedFact(string Organisation, int Year, bool Insured, long People);

internal sealed record CentreFact(string Organisation, int Year, long Visitors, long Visits);

internal sealed record ContactFact(string Organisation, int Year, string Kind, string? Outcome, long Count);

/// <summary>
/// Records grouped by plain SQL — over the application's tables, or DuckDB's copy of the same rows — by organisation,
/// year and every code a figure is filtered by; a figure is then a sum over the groups it selects. This is the
/// independent recomputation the report engine's figures are checked against, and the reference's work.
/// </summary>
internal sealed class Facts
{
    public List<DeliveryFact> Deliveries { get; } = [];
    public List<ServedFact> Served { get; } = [];
    public List<CentreFact> Centres { get; } = [];
    public List<ContactFact> Contacts { get; } = [];

    private static bool Matches(IReadOnlyDictionary<string, string[]> filter, string dimension, string? code) =>
        !filter.TryGetValue(dimension, out var codes) || (code is not null && codes.Contains(code, StringComparer.Ordinal));

    public decimal Value(string indicator, IReadOnlyDictionary<string, string[]> filter, int year)
    {
        bool Delivery(DeliveryFact f) => f.Year == year && Matches(filter, "organisation", f.Organisation) && Matches(filter, "act-category", f.Act)
            && Matches(filter, "type", f.Type) && Matches(filter, "region", f.Region);
        bool Contact(ContactFact f) => f.Year == year && Matches(filter, "organisation", f.Organisation) && Matches(filter, "kind", f.Kind)
            && Matches(filter, "outcome", f.Outcome);
        return indicator switch
        {
            "deliveries.count" => Deliveries.Where(Delivery).Sum(f => f.Count),
            "deliveries.hours" => Deliveries.Where(Delivery).Sum(f => f.Seconds) / 3600m,
            "deliveries.kilometres" => Deliveries.Where(Delivery).Sum(f => f.Metres) / 1000m,
            "beneficiaries.served" => Served.Where(f => f.Year == year && Matches(filter, "organisation", f.Organisation)
                && Matches(filter, "care-insurance", f.Insured ? "with" : "without")).Sum(f => f.People),
            "day-centres.visitors" => Centres.Where(f => f.Year == year && Matches(filter, "organisation", f.Organisation)).Sum(f => f.Visitors),
            "day-centres.visits" => Centres.Where(f => f.Year == year && Matches(filter, "organisation", f.Organisation)).Sum(f => f.Visits),
            "contacts.count" => Contacts.Where(Contact).Sum(f => f.Count),
            _ => throw new InvalidOperationException($"The bench has no plain SQL for {indicator}."),
        };
    }

    /// <summary>How one database writes the few things the queries need: years, dates, ids, false.</summary>
    internal sealed record Dialect(Func<string, string> Year, Func<DateOnly, string> Date, Func<string, string> YearStart, Func<string, string> YearEnd)
    {
        public static readonly Dialect Sqlite = new(c => $"CAST(substr({c}, 1, 4) AS INTEGER)", d => $"'{d:yyyy-MM-dd}'", y => $"({y} || '-01-01')", y => $"({y} || '-12-31')");
        public static readonly Dialect Postgres = new(c => $"CAST(EXTRACT(YEAR FROM {c}) AS integer)", d => $"DATE '{d:yyyy-MM-dd}'", y => $"make_date({y}, 1, 1)", y => $"make_date({y}, 12, 31)");
        public static readonly Dialect DuckDb = new(c => $"CAST(year({c}) AS INTEGER)", d => $"DATE '{d:yyyy-MM-dd}'", y => $"make_date({y}, 1, 1)", y => $"make_date({y}, 12, 31)");
    }

    /// <summary>
    /// The application's tables, read as the viewer may: only the given organisations, and deliveries of a restricted case
    /// file only when the viewer is named on it (the two rules the application's query filters apply).
    /// </summary>
    public static async Task<Facts> FromApplicationAsync(DbConnection connection, bool sqlite, IReadOnlyList<Guid> organisations, Guid viewer,
        IReadOnlyDictionary<string, int> firstYears, int year)
    {
        var dialect = sqlite ? Dialect.Sqlite : Dialect.Postgres;
        string Id(Guid id) => sqlite ? $"X'{id:N}'" : $"'{id:D}'::uuid";
        var orgs = string.Join(", ", organisations.Select(Id));
        var (no, end) = (sqlite ? "0" : "false", dialect.Date(new DateOnly(year, 12, 31)));
        string From(string source) => dialect.Date(new DateOnly(firstYears[source], 1, 1));
        // Set-based, as a person writing this by hand for a large table would: the case files hidden from the viewer once,
        // anti-joined; entitlement joined. (The correlated form ran for more than six minutes on PostgreSQL at full scale.)
        var hidden = $"""
            hidden AS (SELECT c."Id" FROM "CaseFiles" c WHERE c."OrganisationId" IN ({orgs}) AND c."IsRestricted" <> {no}
                AND c."Id" NOT IN (SELECT x."CaseFileId" FROM "CaseFileAccess" x WHERE x."UserId" = {Id(viewer)}))
            """;
        var facts = new Facts();
        await ReadAsync(connection, firstYears.ContainsKey("deliveries"), $"""
            WITH {hidden}
            SELECT o."Slug", {dialect.Year("d.\"OnDate\"")}, a."Code", t."Code", s."Region", COUNT(*), SUM(d."DurationSeconds"), SUM(COALESCE(d."DistanceMetres", 0))
            FROM "Deliveries" d
            JOIN "Organisations" o ON o."Id" = d."OrganisationId"
            JOIN "ListItems" t ON t."Id" = d."TypeId"
            LEFT JOIN "ListItems" a ON a."Id" = d."ActCategoryId"
            LEFT JOIN "Sites" s ON s."Id" = d."SiteId"
            LEFT JOIN hidden h ON h."Id" = d."CaseFileId"
            WHERE d."OrganisationId" IN ({orgs}) AND d."OnDate" >= {(firstYears.ContainsKey("deliveries") ? From("deliveries") : end)} AND d."OnDate" <= {end} AND h."Id" IS NULL
            GROUP BY 1, 2, 3, 4, 5
            """, r => facts.Deliveries.Add(new DeliveryFact(r.GetString(0), Int(r, 1), Text(r, 2), r.GetString(3), Text(r, 4)?.ToLowerInvariant(), Long(r, 5), Long(r, 6), Long(r, 7))));
        await ReadAsync(connection, firstYears.ContainsKey("beneficiaries"), $"""
            WITH {hidden},
            served AS (SELECT DISTINCT d."OrganisationId" AS org, {dialect.Year("d.\"OnDate\"")} AS y, d."BeneficiaryId" AS who
                       FROM "Deliveries" d LEFT JOIN hidden h ON h."Id" = d."CaseFileId"
                       WHERE d."BeneficiaryId" IS NOT NULL AND d."OrganisationId" IN ({orgs})
                         AND d."OnDate" >= {(firstYears.ContainsKey("beneficiaries") ? From("beneficiaries") : end)} AND d."OnDate" <= {end} AND h."Id" IS NULL),
            insured AS (SELECT DISTINCT v.org, v.y, v.who FROM served v JOIN "CareInsurancePeriods" p ON p."BeneficiaryId" = v.who
                        AND p."From" <= {dialect.YearEnd("v.y")} AND (p."To" IS NULL OR p."To" >= {dialect.YearStart("v.y")}))
            SELECT o."Slug", v.y, CASE WHEN i.who IS NULL THEN 0 ELSE 1 END, COUNT(*)
            FROM served v LEFT JOIN insured i ON i.org = v.org AND i.y = v.y AND i.who = v.who JOIN "Organisations" o ON o."Id" = v.org
            GROUP BY 1, 2, 3
            """, r => facts.Served.Add(new ServedFact(r.GetString(0), Int(r, 1), Long(r, 2) == 1, Long(r, 3))));
        await ReadAsync(connection, firstYears.ContainsKey("day-centres"), $"""
            SELECT o."Slug", {dialect.Year("v.\"OnDate\"")}, COUNT(DISTINCT v."BeneficiaryId"), COUNT(*)
            FROM "DayCentreVisits" v JOIN "Organisations" o ON o."Id" = v."OrganisationId"
            WHERE v."OrganisationId" IN ({orgs}) AND v."OnDate" >= {(firstYears.ContainsKey("day-centres") ? From("day-centres") : end)} AND v."OnDate" <= {end}
            GROUP BY 1, 2
            """, r => facts.Centres.Add(new CentreFact(r.GetString(0), Int(r, 1), Long(r, 2), Long(r, 3))));
        await ReadAsync(connection, firstYears.ContainsKey("contacts"), $"""
            SELECT o."Slug", {dialect.Year("c.\"OnDate\"")}, c."Kind", oc."Code", COUNT(*)
            FROM "Contacts" c JOIN "Organisations" o ON o."Id" = c."OrganisationId" LEFT JOIN "ListItems" oc ON oc."Id" = c."OutcomeId"
            WHERE c."OrganisationId" IN ({orgs}) AND c."OnDate" >= {(firstYears.ContainsKey("contacts") ? From("contacts") : end)} AND c."OnDate" <= {end}
            GROUP BY 1, 2, 3, 4
            """, r => facts.Contacts.Add(new ContactFact(r.GetString(0), Int(r, 1), EnumCodes.Of(Enum.Parse<ContactKind>(r.GetString(2))), Text(r, 3), Long(r, 4))));
        return facts;
    }

    /// <summary>The same groups from DuckDB's copy of the rows (see <see cref="DuckReference"/>), read under the same two rules.</summary>
    public static async Task<Facts> FromDuckDbAsync(DbConnection connection, IReadOnlyList<int> organisations, IReadOnlyDictionary<string, int> firstYears, int year)
    {
        var dialect = Dialect.DuckDb;
        var orgs = string.Join(", ", organisations);
        var end = dialect.Date(new DateOnly(year, 12, 31));
        string From(string source) => firstYears.TryGetValue(source, out var first) ? dialect.Date(new DateOnly(first, 1, 1)) : end;
        // Written as DuckDB reads best: the hidden case files once, then anti-joined; entitlement joined, not probed per row.
        const string Hidden = """
            hidden AS (SELECT c.id FROM case_files c WHERE c.restricted
                AND c.id NOT IN (SELECT x.case_file FROM case_file_access x WHERE x.user_name = 'viewer'))
            """;
        var facts = new Facts();
        await ReadAsync(connection, firstYears.ContainsKey("deliveries"), $"""
            WITH {Hidden}
            SELECT g.slug, {dialect.Year("d.on_date")}, a.code, t.code, s.region, COUNT(*), CAST(SUM(d.seconds) AS BIGINT), CAST(SUM(COALESCE(d.metres, 0)) AS BIGINT)
            FROM deliveries d
            JOIN organisations g ON g.o = d.o
            JOIN types t ON t.id = d.type
            LEFT JOIN acts a ON a.id = d.act
            LEFT JOIN sites s ON s.o = d.o AND s.id = d.site
            LEFT JOIN hidden h ON h.id = d.case_file
            WHERE d.o IN ({orgs}) AND d.on_date >= {From("deliveries")} AND d.on_date <= {end} AND h.id IS NULL
            GROUP BY ALL
            """, r => facts.Deliveries.Add(new DeliveryFact(r.GetString(0), Int(r, 1), Text(r, 2), r.GetString(3), Text(r, 4)?.ToLowerInvariant(), Long(r, 5), Long(r, 6), Long(r, 7))));
        await ReadAsync(connection, firstYears.ContainsKey("beneficiaries"), $"""
            WITH {Hidden},
            served AS (SELECT DISTINCT d.o, {dialect.Year("d.on_date")} AS y, d.person AS who FROM deliveries d LEFT JOIN hidden h ON h.id = d.case_file
                       WHERE d.person IS NOT NULL AND d.o IN ({orgs}) AND d.on_date >= {From("beneficiaries")} AND d.on_date <= {end} AND h.id IS NULL),
            insured AS (SELECT DISTINCT v.o, v.y, v.who FROM served v JOIN care_periods p ON p.person = v.who
                        AND p."from" <= {dialect.YearEnd("v.y")} AND (p."to" IS NULL OR p."to" >= {dialect.YearStart("v.y")}))
            SELECT g.slug, v.y, CASE WHEN i.who IS NULL THEN 0 ELSE 1 END, COUNT(*)
            FROM served v LEFT JOIN insured i ON i.o = v.o AND i.y = v.y AND i.who = v.who JOIN organisations g ON g.o = v.o
            GROUP BY ALL
            """, r => facts.Served.Add(new ServedFact(r.GetString(0), Int(r, 1), Long(r, 2) == 1, Long(r, 3))));
        await ReadAsync(connection, firstYears.ContainsKey("day-centres"), $"""
            SELECT g.slug, {dialect.Year("v.on_date")}, COUNT(DISTINCT v.person), COUNT(*)
            FROM visits v JOIN organisations g ON g.o = v.o
            WHERE v.o IN ({orgs}) AND v.on_date >= {From("day-centres")} AND v.on_date <= {end}
            GROUP BY ALL
            """, r => facts.Centres.Add(new CentreFact(r.GetString(0), Int(r, 1), Long(r, 2), Long(r, 3))));
        await ReadAsync(connection, firstYears.ContainsKey("contacts"), $"""
            SELECT g.slug, {dialect.Year("c.on_date")}, c.kind, oc.code, COUNT(*)
            FROM contacts c JOIN organisations g ON g.o = c.o LEFT JOIN outcomes oc ON oc.id = c.outcome
            WHERE c.o IN ({orgs}) AND c.on_date >= {From("contacts")} AND c.on_date <= {end}
            GROUP BY ALL
            """, r => facts.Contacts.Add(new ContactFact(r.GetString(0), Int(r, 1), EnumCodes.Of(Enum.Parse<ContactKind>(r.GetString(2))), Text(r, 3), Long(r, 4))));
        return facts;
    }

    private static async Task ReadAsync(DbConnection connection, bool needed, string sql, Action<DbDataReader> add)
    {
        if (!needed)
        {
            return;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            add(reader);
        }
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long Long(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    private static int Int(DbDataReader r, int i) => Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);
}
