using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable enable

namespace Suivi.Data.Migrations.PostgreSql
{
    /// <summary>
    /// Contacts and day-centre visits counted, and the people counted once per organisation, source and year (clients
    /// served, day-centre visitors) with their care insurance, kept by triggers in the statement that writes the records,
    /// as the delivery totals are (decisions 012 and 013): statement-level over the rows the statement wrote, so a COPY
    /// adds one grouping, not a row of work per record. The deliveries of a restricted case file, in the delivery totals
    /// as in the people counted, are now kept apart under the file rather than left out, so a report adds those of the
    /// files its viewer may see without reading their records; restricting a file moves its rows there, lifting the
    /// restriction moves them back. The people's counts are kept from their rows by triggers on those rows; a change to
    /// a person's entitlement periods sets their rows' care insurance again. Existing records are counted once here.
    /// </summary>
    public partial class KeptCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The delivery totals of decision 012 left restricted files out; they are rebuilt with the file in their key.
            migrationBuilder.Sql("""DROP TRIGGER "CaseFiles_DeliveryTotals" ON "CaseFiles";""");
            migrationBuilder.Sql("DROP FUNCTION suivi_case_file_delivery_totals();");
            foreach (var operation in Operations)
            {
                migrationBuilder.Sql($"""DROP TRIGGER "Deliveries_Totals_{operation}" ON "Deliveries";""");
                migrationBuilder.Sql($"DROP FUNCTION suivi_delivery_totals_{operation.ToLowerInvariant()}();");
            }
            migrationBuilder.DropTable(name: "DeliveryTotals");

            migrationBuilder.CreateTable(
                name: "DeliveryTotals",
                columns: table => new
                {
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RestrictedFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    TypeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActCategoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false),
                    Seconds = table.Column<long>(type: "bigint", nullable: false),
                    Metres = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliveryTotals", x => new { x.OrganisationId, x.RestrictedFileId, x.Year, x.ServiceId, x.TypeId, x.ActCategoryId, x.SiteId });
                });

            migrationBuilder.CreateTable(
                name: "ContactTotals",
                columns: table => new
                {
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Direction = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OutcomeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactTotals", x => new { x.OrganisationId, x.Year, x.ServiceId, x.Kind, x.Direction, x.OutcomeId });
                });

            migrationBuilder.CreateTable(
                name: "CountedPeople",
                columns: table => new
                {
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RestrictedFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Records = table.Column<long>(type: "bigint", nullable: false),
                    Insured = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountedPeople", x => new { x.OrganisationId, x.Source, x.RestrictedFileId, x.Year, x.BeneficiaryId });
                });

            migrationBuilder.CreateTable(
                name: "DayCentreVisitTotals",
                columns: table => new
                {
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Visits = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DayCentreVisitTotals", x => new { x.OrganisationId, x.Year, x.ServiceId });
                });

            migrationBuilder.CreateTable(
                name: "PeopleTotals",
                columns: table => new
                {
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Insured = table.Column<bool>(type: "boolean", nullable: false),
                    People = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeopleTotals", x => new { x.OrganisationId, x.Source, x.Year, x.Insured });
                });

            migrationBuilder.CreateIndex(
                name: "IX_CountedPeople_OrganisationId_BeneficiaryId",
                table: "CountedPeople",
                columns: new[] { "OrganisationId", "BeneficiaryId" });
            // What is there already, counted once, before the triggers that keep it from now on.
            migrationBuilder.Sql($"""
                SET LOCAL work_mem = '256MB';
                INSERT INTO "DeliveryTotals" ({TotalColumns})
                SELECT {DeliveryKey("d")}, {FileOf("rc")} AS f, count(*), sum(d."DurationSeconds"), sum(coalesce(d."DistanceMetres", 0))
                FROM "Deliveries" AS d {RestrictedFileJoin("rc", "d")}
                GROUP BY 1, 2, 3, 4, 5, 6, 7;
                INSERT INTO "ContactTotals" ({ContactColumns})
                SELECT {ContactKey("c")}, count(*) FROM "Contacts" AS c GROUP BY 1, 2, 3, 4, 5, 6;
                INSERT INTO "DayCentreVisitTotals" ({VisitColumns})
                SELECT {VisitKey("v")}, count(*) FROM "DayCentreVisits" AS v GROUP BY 1, 2, 3;
                INSERT INTO "CountedPeople" ({PeopleColumns})
                SELECT o, src, y, b, f, n, {Insured("o", "b", "y")} FROM (
                    SELECT {ServedKey("d")}, {FileOf("rc")} AS f, count(*) AS n FROM "Deliveries" AS d {RestrictedFileJoin("rc", "d")}
                    WHERE d."BeneficiaryId" IS NOT NULL GROUP BY 1, 2, 3, 4, 5
                    UNION ALL
                    SELECT {VisitorKey("v")}, {Nil}, count(*) FROM "DayCentreVisits" AS v GROUP BY 1, 2, 3, 4, 5) AS counted;
                INSERT INTO "PeopleTotals" ({PeopleTotalColumns})
                SELECT "OrganisationId", "Source", "Year", "Insured", count(*) FROM "CountedPeople" WHERE "RestrictedFileId" = {Nil} GROUP BY 1, 2, 3, 4;
                """);

            foreach (var operation in Operations)
            {
                // The deliveries' triggers are named to fire after "Deliveries_References_*" (triggers of an event fire in
                // the order of their names): the reference check has locked each case file and client FOR KEY SHARE
                // (decision 007) before the file's restriction and the client's insurance are read, so a restriction or an
                // entitlement being written meanwhile is waited for (see the restriction trigger and ReassessInsurance).
                Keep(migrationBuilder, "Deliveries", "totals", operation, ApplyDeliveries(operation));
                Keep(migrationBuilder, "Deliveries", "served_people", operation,
                    ApplyPeople(Changes(operation, ServedKey, ServedDecisive, restricted: true, also: r => $"{r}.\"BeneficiaryId\" IS NOT NULL"),
                        Emptied(operation, ServedKey, restricted: true)));
                Keep(migrationBuilder, "Contacts", "contact_totals", operation, ApplyContacts(Changes(operation, ContactKey, ContactDecisive), operation));
                Keep(migrationBuilder, "DayCentreVisits", "visit_totals", operation, ApplyVisits(Changes(operation, VisitKey, VisitDecisive), operation)
                    + ApplyPeople(Changes(operation, r => $"{VisitorKey(r)}, {Nil} AS f", VisitDecisive), Emptied(operation, r => $"{VisitorKey(r)}, {Nil} AS f")));
                Keep(migrationBuilder, "CountedPeople", "totals", operation, ApplyPeopleTotals(operation));
                Keep(migrationBuilder, "CareInsurancePeriods", "people", operation, ReassessInsurance(operation));
            }

            // A file restricted: its deliveries move from everyone's rows to the file's own; lifted, back.
            migrationBuilder.Sql($"""
                CREATE FUNCTION suivi_case_file_restriction() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                    -- A delivery being written for this file holds its row FOR KEY SHARE (the reference check of decision 007)
                    -- until it commits; FOR UPDATE waits for it, so the deliveries read next include it, and a delivery
                    -- written after waits for this change to commit and finds the file as it now is.
                    PERFORM 1 FROM "CaseFiles" WHERE "OrganisationId" = NEW."OrganisationId" AND "Id" = NEW."Id" FOR UPDATE;
                    {ApplyDeliveryTotals($"""
                        SELECT {DeliveryKey("d")}, m.f, m.sign AS n, m.sign * d."DurationSeconds"::bigint AS seconds, m.sign * coalesce(d."DistanceMetres", 0)::bigint AS metres
                        FROM "Deliveries" AS d, {Moves}
                        WHERE d."OrganisationId" = NEW."OrganisationId" AND d."CaseFileId" = NEW."Id"
                        """, "SELECT NEW.\"OrganisationId\"")}
                    {ApplyPeople($"""
                        SELECT {ServedKey("d")}, m.f, m.sign AS n
                        FROM "Deliveries" AS d, {Moves}
                        WHERE d."OrganisationId" = NEW."OrganisationId" AND d."CaseFileId" = NEW."Id" AND d."BeneficiaryId" IS NOT NULL
                        """, $"""
                        SELECT {ServedKey("d")}, m.f
                        FROM "Deliveries" AS d, {Moves}
                        WHERE d."OrganisationId" = NEW."OrganisationId" AND d."CaseFileId" = NEW."Id" AND d."BeneficiaryId" IS NOT NULL AND m.sign = -1
                        """)}
                    RETURN NULL;
                END
                $body$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseFiles_Restriction" AFTER UPDATE OF "IsRestricted" ON "CaseFiles"
                FOR EACH ROW WHEN (OLD."IsRestricted" IS DISTINCT FROM NEW."IsRestricted") EXECUTE FUNCTION suivi_case_file_restriction();
                """);
            // Statistics for the planner now, not when autovacuum comes by: without them the first reports were planned blind.
            migrationBuilder.Sql("""ANALYZE "DeliveryTotals", "ContactTotals", "DayCentreVisitTotals", "CountedPeople", "PeopleTotals";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "CaseFiles_Restriction" ON "CaseFiles";""");
            migrationBuilder.Sql("DROP FUNCTION suivi_case_file_restriction();");
            foreach (var operation in Operations)
            {
                foreach (var (table, name) in Kept)
                {
                    migrationBuilder.Sql($"""DROP TRIGGER "{table}_{Pascal(name)}_{operation}" ON "{table}";""");
                    migrationBuilder.Sql($"DROP FUNCTION {FunctionName(table, name, operation)}();");
                }
            }
            foreach (var table in new[] { "ContactTotals", "CountedPeople", "DayCentreVisitTotals", "PeopleTotals", "DeliveryTotals" })
            {
                migrationBuilder.DropTable(name: table);
            }
            // Decision 012's totals, restricted files left out, with their triggers, as that migration makes them.
            migrationBuilder.DropIndex(name: "IX_CaseFiles_Restricted", table: "CaseFiles");
            migrationBuilder.Operations.AddRange(new DeliveryTotals().UpOperations);
        }

        private static readonly string[] Operations = ["INSERT", "DELETE", "UPDATE"];

        private static readonly (string Table, string Name)[] Kept =
        [
            ("Deliveries", "totals"), ("Deliveries", "served_people"), ("Contacts", "contact_totals"), ("DayCentreVisits", "visit_totals"),
            ("CountedPeople", "totals"), ("CareInsurancePeriods", "people"),
        ];

        private const string Nil = "'00000000-0000-0000-0000-000000000000'::uuid";

        private const string TotalColumns = "\"OrganisationId\", \"Year\", \"ServiceId\", \"TypeId\", \"ActCategoryId\", \"SiteId\", \"RestrictedFileId\", \"Count\", \"Seconds\", \"Metres\"";
        private const string ContactColumns = "\"OrganisationId\", \"Year\", \"ServiceId\", \"Kind\", \"Direction\", \"OutcomeId\", \"Count\"";
        private const string VisitColumns = "\"OrganisationId\", \"Year\", \"ServiceId\", \"Visits\"";
        private const string PeopleColumns = "\"OrganisationId\", \"Source\", \"Year\", \"BeneficiaryId\", \"RestrictedFileId\", \"Records\", \"Insured\"";
        private const string PeopleTotalColumns = "\"OrganisationId\", \"Source\", \"Year\", \"Insured\", \"People\"";

        // The columns of a record that decide where it is counted: an update changing none of them changes no count.
        private static readonly string[] DeliveryDecisive =
            ["OrganisationId", "OnDate", "ServiceId", "TypeId", "ActCategoryId", "SiteId", "CaseFileId", "DurationSeconds", "DistanceMetres"];
        private static readonly string[] ContactDecisive = ["OrganisationId", "OnDate", "ServiceId", "Kind", "Direction", "OutcomeId"];
        private static readonly string[] VisitDecisive = ["OrganisationId", "OnDate", "ServiceId", "BeneficiaryId"];
        private static readonly string[] ServedDecisive = ["OrganisationId", "OnDate", "BeneficiaryId", "CaseFileId"];

        /// <summary>
        /// A restricted file's deliveries leaving everyone's rows (-1) for the file's own (+1) when it is restricted, and
        /// the reverse when the restriction is lifted: each delivery twice, as <c>m.f</c> and <c>m.sign</c>.
        /// </summary>
        private const string Moves = $"""
            (SELECT move.f, CASE WHEN NEW."IsRestricted" THEN move.s ELSE -move.s END AS sign FROM (VALUES ({Nil}, -1), (NEW."Id", 1)) AS move(f, s)) AS m
            """;

        // date_part, not extract: extract returns numeric, several times slower over the million rows of a COPY.
        private static string Year(string row) => $"date_part('year', {row}.\"OnDate\")::integer";

        private static string DeliveryKey(string row) => $"""
            {row}."OrganisationId" AS o, {Year(row)} AS y, {row}."ServiceId" AS s, {row}."TypeId" AS t,
                coalesce({row}."ActCategoryId", {Nil}) AS a, coalesce({row}."SiteId", {Nil}) AS si
            """;

        private static string ContactKey(string row) => $"""
            {row}."OrganisationId" AS o, {Year(row)} AS y, {row}."ServiceId" AS s, {row}."Kind" AS k, {row}."Direction" AS d, coalesce({row}."OutcomeId", {Nil}) AS oc
            """;

        private static string VisitKey(string row) => $"""{row}."OrganisationId" AS o, {Year(row)} AS y, {row}."ServiceId" AS s""";

        private static string VisitorKey(string row) => $"""{row}."OrganisationId" AS o, 'DayCentre'::varchar(40) AS src, {Year(row)} AS y, {row}."BeneficiaryId" AS b""";

        private static string ServedKey(string row) => $"""{row}."OrganisationId" AS o, 'Served'::varchar(40) AS src, {Year(row)} AS y, {row}."BeneficiaryId" AS b""";

        /// <summary>The delivery's case file when it is restricted, joined as <paramref name="alias"/>; no row otherwise.</summary>
        private static string RestrictedFileJoin(string alias, string row) => $"""
            LEFT JOIN "CaseFiles" AS {alias} ON {alias}."OrganisationId" = {row}."OrganisationId" AND {alias}."Id" = {row}."CaseFileId" AND {alias}."IsRestricted"
            """;

        /// <summary>The restricted file a delivery is kept under, or the nil id for everyone's rows.</summary>
        private static string FileOf(string alias) => $"coalesce({alias}.\"Id\", {Nil})";

        /// <summary>Whether the person was entitled to long-term-care insurance benefits on some day of the year.</summary>
        private static string Insured(string organisation, string person, string year) => $"""
            EXISTS (SELECT 1 FROM "CareInsurancePeriods" AS ip WHERE ip."OrganisationId" = {organisation} AND ip."BeneficiaryId" = {person}
                AND ip."From" <= make_date({year}, 12, 31) AND (ip."To" IS NULL OR ip."To" >= make_date({year}, 1, 1)))
            """;

        /// <summary>Rows of a transition table whose decisive columns differ from the same record's in the other.</summary>
        private static string Changed(string row, string other, string[] decisive) => $"""
            EXISTS (SELECT 1 FROM {other} AS x WHERE x."Id" = {row}."Id" AND ({string.Join(", ", decisive.Select(c => $"x.\"{c}\""))}) IS DISTINCT FROM ({string.Join(", ", decisive.Select(c => $"{row}.\"{c}\""))}))
            """;

        /// <summary>
        /// The records a statement wrote (1) and removed (-1) with their keys, as <c>n</c>; of an update, only those whose
        /// decisive columns changed; only those <paramref name="also"/> passes; and the signed <paramref name="amounts"/>
        /// of each (columns of the record, by alias). When <paramref name="restricted"/>, with the restricted file they
        /// are kept under, as <c>f</c>: for the people, whose keys are few, the records are first added up by key and
        /// case file and only those sums joined to the case files (a COPY of a million deliveries joins 20 000 rows, not a
        /// million: 0.9 → 0.7 s); the delivery totals' keys with the case file are nearly as many as the records, so
        /// each record is joined (the sums first took twice as long).
        /// </summary>
        private static string Changes(string operation, Func<string, string> key, string[] decisive, bool restricted = false, Func<string, string>? also = null,
            (Func<string, string> Of, string Alias)[]? amounts = null)
        {
            string Rows(string table, int sign, string? changed)
            {
                var where = string.Join(" AND ", new[] { also?.Invoke(table), changed }.Where(c => c is not null).DefaultIfEmpty("true"));
                if (!restricted || amounts is not null)
                {
                    var signed = string.Concat((amounts ?? []).Select(a => $", {sign} * {a.Of(table)} AS {a.Alias}"));
                    var (file, join) = restricted ? ($", {FileOf("rc")} AS f", RestrictedFileJoin("rc", table)) : ("", "");
                    return $"SELECT {key(table)}{file}, {sign} AS n{signed} FROM {table} {join} WHERE {where}";
                }
                var keyColumns = key(table).Split(" AS ").Length - 1;
                return $"""
                    SELECT g.*, {FileOf("rc")} AS f FROM (
                        SELECT {key(table)}, {table}."CaseFileId" AS cf, sum({sign}) AS n FROM {table} WHERE {where}
                        GROUP BY {string.Join(", ", Enumerable.Range(1, keyColumns + 1))}) AS g
                    LEFT JOIN "CaseFiles" AS rc ON rc."OrganisationId" = g.o AND rc."Id" = g.cf AND rc."IsRestricted"
                    """;
            }
            return operation switch
            {
                "INSERT" => Rows("written", 1, null),
                "DELETE" => Rows("removed", -1, null),
                _ => $"{Rows("removed", -1, Changed("removed", "written", decisive))} UNION ALL {Rows("written", 1, Changed("written", "removed", decisive))}",
            };
        }

        /// <summary>The keys of people a statement took records away from: the rows that may have no record left.</summary>
        private static string? Emptied(string operation, Func<string, string> key, bool restricted = false) =>
            operation == "INSERT" ? null
                : $"SELECT {key("removed")}{(restricted ? $", {FileOf("rc")} AS f" : "")} FROM removed {(restricted ? RestrictedFileJoin("rc", "removed") : "")}";

        private static string ApplyDeliveries(string operation) => ApplyDeliveryTotals(
            Changes(operation, DeliveryKey, DeliveryDecisive, restricted: true,
                amounts: [(r => $"{r}.\"DurationSeconds\"::bigint", "seconds"), (r => $"coalesce({r}.\"DistanceMetres\", 0)::bigint", "metres")]),
            operation == "INSERT" ? null : """SELECT DISTINCT "OrganisationId" FROM removed""");

        /// <summary>
        /// The signed deliveries added up by row of totals and added to them, in the order of their keys so that two
        /// statements lock shared rows in the same order; then, where deliveries were taken away, the rows of those
        /// organisations that no delivery is added up in any more go. A group whose count nets to nothing is still added:
        /// a delivery corrected in its duration alone changes the seconds, not the count.
        /// </summary>
        private static string ApplyDeliveryTotals(string changes, string? emptiedIn) => $"""
            INSERT INTO "DeliveryTotals" AS total ({TotalColumns})
            SELECT o, y, s, t, a, si, f, sum(n), sum(seconds), sum(metres) FROM ({changes}) AS change
            GROUP BY o, f, y, s, t, a, si ORDER BY o, f, y, s, t, a, si
            ON CONFLICT ("OrganisationId", "RestrictedFileId", "Year", "ServiceId", "TypeId", "ActCategoryId", "SiteId") DO UPDATE
            SET "Count" = total."Count" + excluded."Count", "Seconds" = total."Seconds" + excluded."Seconds", "Metres" = total."Metres" + excluded."Metres";
            {(emptiedIn is null ? "" : $"""DELETE FROM "DeliveryTotals" WHERE "Count" = 0 AND "OrganisationId" IN ({emptiedIn});""")}
            """;

        private static string ApplyContacts(string changes, string operation) => $"""
            INSERT INTO "ContactTotals" AS total ({ContactColumns})
            SELECT o, y, s, k, d, oc, sum(n) FROM ({changes}) AS change
            GROUP BY o, y, s, k, d, oc HAVING sum(n) <> 0 ORDER BY o, y, s, k, d, oc
            ON CONFLICT ("OrganisationId", "Year", "ServiceId", "Kind", "Direction", "OutcomeId") DO UPDATE SET "Count" = total."Count" + excluded."Count";
            {(operation == "INSERT" ? "" : """DELETE FROM "ContactTotals" WHERE "Count" = 0 AND "OrganisationId" IN (SELECT DISTINCT "OrganisationId" FROM removed);""")}
            """;

        private static string ApplyVisits(string changes, string operation) => $"""
            INSERT INTO "DayCentreVisitTotals" AS total ({VisitColumns})
            SELECT o, y, s, sum(n) FROM ({changes}) AS change
            GROUP BY o, y, s HAVING sum(n) <> 0 ORDER BY o, y, s
            ON CONFLICT ("OrganisationId", "Year", "ServiceId") DO UPDATE SET "Visits" = total."Visits" + excluded."Visits";
            {(operation == "INSERT" ? "" : """DELETE FROM "DayCentreVisitTotals" WHERE "Visits" = 0 AND "OrganisationId" IN (SELECT DISTINCT "OrganisationId" FROM removed);""")}
            """;

        /// <summary>
        /// The records added to and taken away from each person's row, in key order; a new row finds whether the person
        /// was insured that year; then the rows left without a record, among those records were taken from, go.
        /// </summary>
        private static string ApplyPeople(string changes, string? emptied) => $"""
            INSERT INTO "CountedPeople" AS person ({PeopleColumns})
            SELECT o, src, y, b, f, sum(n), {Insured("o", "b", "y")} FROM ({changes}) AS change
            GROUP BY o, src, f, y, b HAVING sum(n) <> 0 ORDER BY o, src, f, y, b
            ON CONFLICT ("OrganisationId", "Source", "RestrictedFileId", "Year", "BeneficiaryId") DO UPDATE SET "Records" = person."Records" + excluded."Records";
            {(emptied is null ? "" : $"""
                DELETE FROM "CountedPeople" AS p USING (SELECT DISTINCT o, src, f, y, b FROM ({emptied}) AS e) AS emptied
                WHERE p."OrganisationId" = emptied.o AND p."Source" = emptied.src AND p."RestrictedFileId" = emptied.f AND p."Year" = emptied.y
                    AND p."BeneficiaryId" = emptied.b AND p."Records" = 0;
                """)}
            """;

        /// <summary>
        /// People of everyone's rows counted (1) or no longer (-1), by source, year and care insurance; an update counts
        /// only where the insurance changed. The rows of restricted files are not counted.
        /// </summary>
        private static string ApplyPeopleTotals(string operation)
        {
            const string Key = "p.\"OrganisationId\" AS o, p.\"Source\" AS src, p.\"Year\" AS y";
            var everyones = $"p.\"RestrictedFileId\" = {Nil}";
            var changes = operation switch
            {
                "INSERT" => $"SELECT {Key}, p.\"Insured\" AS i, 1 AS n FROM written AS p WHERE {everyones}",
                "DELETE" => $"SELECT {Key}, p.\"Insured\" AS i, -1 AS n FROM removed AS p WHERE {everyones}",
                _ => $"""
                    SELECT {Key}, x.i, x.n FROM written AS p JOIN removed AS r USING ("OrganisationId", "Source", "RestrictedFileId", "Year", "BeneficiaryId"),
                        LATERAL (VALUES (p."Insured", 1), (r."Insured", -1)) AS x(i, n)
                    WHERE p."Insured" <> r."Insured" AND {everyones}
                    """,
            };
            return $"""
                INSERT INTO "PeopleTotals" AS total ({PeopleTotalColumns})
                SELECT o, src, y, i, sum(n) FROM ({changes}) AS change
                GROUP BY o, src, y, i ORDER BY o, src, y, i
                ON CONFLICT ("OrganisationId", "Source", "Year", "Insured") DO UPDATE SET "People" = total."People" + excluded."People";
                {(operation == "INSERT" ? "" : $"""DELETE FROM "PeopleTotals" WHERE "People" = 0 AND "OrganisationId" IN (SELECT DISTINCT "OrganisationId" FROM {(operation == "DELETE" ? "removed" : "written")});""")}
                """;
        }

        /// <summary>
        /// The people whose entitlement periods the statement wrote or removed: their rows of every source, file and year
        /// told again whether they were insured. Each person's row in "Beneficiaries" is locked FOR UPDATE first: a
        /// record being written for them holds it FOR KEY SHARE (a foreign key, or decision 007's reference check) until
        /// it commits, so this waits and then sees that record's row; a record written after waits for this change to
        /// commit and finds the periods as they now are.
        /// </summary>
        private static string ReassessInsurance(string operation)
        {
            var people = operation switch
            {
                "INSERT" => """SELECT "OrganisationId", "BeneficiaryId" FROM written""",
                "DELETE" => """SELECT "OrganisationId", "BeneficiaryId" FROM removed""",
                _ => """SELECT "OrganisationId", "BeneficiaryId" FROM written UNION SELECT "OrganisationId", "BeneficiaryId" FROM removed""",
            };
            return $"""
                PERFORM 1 FROM "Beneficiaries" AS b WHERE ("OrganisationId", "Id") IN ({people}) ORDER BY "OrganisationId", "Id" FOR UPDATE;
                UPDATE "CountedPeople" AS p SET "Insured" = NOT p."Insured"
                FROM ({people}) AS changed
                WHERE p."OrganisationId" = changed."OrganisationId" AND p."BeneficiaryId" = changed."BeneficiaryId"
                    AND p."Insured" <> {Insured("p.\"OrganisationId\"", "p.\"BeneficiaryId\"", "p.\"Year\"")};
                """;
        }

        private static string Pascal(string name) => string.Concat(name.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

        private static string FunctionName(string table, string name, string operation) =>
            $"suivi_{string.Concat(table.Select((c, i) => char.IsUpper(c) && i > 0 ? $"_{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"))}_{name}_{operation.ToLowerInvariant()}";

        /// <summary>A statement-level trigger on <paramref name="table"/> for one operation, with the transition tables it reads, running <paramref name="body"/>.</summary>
        private static void Keep(MigrationBuilder migrationBuilder, string table, string name, string operation, string body)
        {
            var function = FunctionName(table, name, operation);
            var transition = operation switch
            {
                "INSERT" => "NEW TABLE AS written",
                "DELETE" => "OLD TABLE AS removed",
                _ => "OLD TABLE AS removed NEW TABLE AS written",
            };
            migrationBuilder.Sql($"""
                CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql
                SET enable_sort = off SET work_mem = '64MB'
                AS $body$
                BEGIN
                    {body}
                    RETURN NULL;
                END
                $body$;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_{Pascal(name)}_{operation}" AFTER {operation} ON "{table}"
                REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                """);
        }
    }
}
