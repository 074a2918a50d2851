using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable enable

namespace Suivi.Data.Migrations.PostgreSql
{
    /// <summary>
    /// Contacts and day-centre visits counted, and the people counted once per organisation, source and year (clients
    /// served, day-centre visitors) with their care insurance, kept by triggers in the statement that writes the records,
    /// as the delivery totals are (decisions 012 and 013): statement-level over the rows the statement wrote, so a COPY
    /// adds one grouping, not a row of work per record. The people's counts are kept from their rows by triggers on those
    /// rows; a change to a person's entitlement periods sets their rows' care insurance again. Existing records are
    /// counted once here.
    /// </summary>
    public partial class KeptCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                    Year = table.Column<int>(type: "integer", nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Records = table.Column<long>(type: "bigint", nullable: false),
                    Insured = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountedPeople", x => new { x.OrganisationId, x.Source, x.Year, x.BeneficiaryId });
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
                INSERT INTO "ContactTotals" ({ContactColumns})
                SELECT {ContactKey("c")}, count(*) FROM "Contacts" AS c GROUP BY 1, 2, 3, 4, 5, 6;
                INSERT INTO "DayCentreVisitTotals" ({VisitColumns})
                SELECT {VisitKey("v")}, count(*) FROM "DayCentreVisits" AS v GROUP BY 1, 2, 3;
                INSERT INTO "CountedPeople" ({PeopleColumns})
                SELECT o, src, y, b, n, {Insured("o", "b", "y")} FROM (
                    SELECT {ServedKey("d")}, count(*) AS n FROM "Deliveries" AS d WHERE {Served("d")} GROUP BY 1, 2, 3, 4
                    UNION ALL
                    SELECT {VisitorKey("v")}, count(*) FROM "DayCentreVisits" AS v GROUP BY 1, 2, 3, 4) AS counted;
                INSERT INTO "PeopleTotals" ({PeopleTotalColumns})
                SELECT "OrganisationId", "Source", "Year", "Insured", count(*) FROM "CountedPeople" GROUP BY 1, 2, 3, 4;
                """);

            foreach (var operation in Operations)
            {
                Keep(migrationBuilder, "Contacts", "contact_totals", operation, ApplyContacts(Changes(operation, ContactKey, ContactDecisive, "n"), operation));
                Keep(migrationBuilder, "DayCentreVisits", "visit_totals", operation, ApplyVisits(Changes(operation, VisitKey, VisitDecisive, "n"), operation)
                    + ApplyPeople(Changes(operation, VisitorKey, VisitDecisive, "n"), Emptied(operation, VisitorKey)));
                // Named to fire after "Deliveries_References_*" (triggers of an event fire in the order of their names): the
                // reference check has locked each client's row FOR KEY SHARE (decision 007) before the client's insurance
                // is read, so an entitlement being written meanwhile is waited for (see ReassessInsurance).
                Keep(migrationBuilder, "Deliveries", "served_people", operation,
                    ApplyPeople(Changes(operation, ServedKey, ServedDecisive, "n", Served), Emptied(operation, ServedKey, Served)));
                Keep(migrationBuilder, "CountedPeople", "totals", operation, ApplyPeopleTotals(operation));
                Keep(migrationBuilder, "CareInsurancePeriods", "people", operation, ReassessInsurance(operation));
            }
            migrationBuilder.Sql($"""
                CREATE FUNCTION suivi_case_file_people() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                    -- The file is locked FOR UPDATE by "CaseFiles_DeliveryTotals", which fires first (decision 012).
                    {ApplyPeople($"""
                        SELECT {ServedKey("d")}, sign AS n
                        FROM "Deliveries" AS d, (SELECT CASE WHEN NEW."IsRestricted" THEN -1 ELSE 1 END AS sign) AS restricted
                        WHERE d."OrganisationId" = NEW."OrganisationId" AND d."CaseFileId" = NEW."Id" AND d."BeneficiaryId" IS NOT NULL
                        """, $"""SELECT {ServedKey("d")} FROM "Deliveries" AS d WHERE d."OrganisationId" = NEW."OrganisationId" AND d."CaseFileId" = NEW."Id" AND d."BeneficiaryId" IS NOT NULL""")}
                    RETURN NULL;
                END
                $body$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseFiles_People" AFTER UPDATE OF "IsRestricted" ON "CaseFiles"
                FOR EACH ROW WHEN (OLD."IsRestricted" IS DISTINCT FROM NEW."IsRestricted") EXECUTE FUNCTION suivi_case_file_people();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "CaseFiles_People" ON "CaseFiles";""");
            migrationBuilder.Sql("DROP FUNCTION suivi_case_file_people();");
            foreach (var operation in Operations)
            {
                foreach (var (table, name) in new[] { ("Contacts", "contact_totals"), ("DayCentreVisits", "visit_totals"), ("Deliveries", "served_people"),
                    ("CountedPeople", "totals"), ("CareInsurancePeriods", "people") })
                {
                    migrationBuilder.Sql($"""DROP TRIGGER "{table}_{Pascal(name)}_{operation}" ON "{table}";""");
                    migrationBuilder.Sql($"DROP FUNCTION {FunctionName(table, name, operation)}();");
                }
            }

            migrationBuilder.DropTable(
                name: "ContactTotals");

            migrationBuilder.DropTable(
                name: "CountedPeople");

            migrationBuilder.DropTable(
                name: "DayCentreVisitTotals");

            migrationBuilder.DropTable(
                name: "PeopleTotals");
        }
            private static readonly string[] Operations = ["INSERT", "DELETE", "UPDATE"];

        private const string Nil = "'00000000-0000-0000-0000-000000000000'::uuid";

        private const string ContactColumns = "\"OrganisationId\", \"Year\", \"ServiceId\", \"Kind\", \"Direction\", \"OutcomeId\", \"Count\"";
        private const string VisitColumns = "\"OrganisationId\", \"Year\", \"ServiceId\", \"Visits\"";
        private const string PeopleColumns = "\"OrganisationId\", \"Source\", \"Year\", \"BeneficiaryId\", \"Records\", \"Insured\"";
        private const string PeopleTotalColumns = "\"OrganisationId\", \"Source\", \"Year\", \"Insured\", \"People\"";

        // The columns of a record that decide where it is counted: an update changing none of them changes no count.
        private static readonly string[] ContactDecisive = ["OrganisationId", "OnDate", "ServiceId", "Kind", "Direction", "OutcomeId"];
        private static readonly string[] VisitDecisive = ["OrganisationId", "OnDate", "ServiceId", "BeneficiaryId"];
        private static readonly string[] ServedDecisive = ["OrganisationId", "OnDate", "BeneficiaryId", "CaseFileId"];

        private static string Year(string row) => $"extract(year FROM {row}.\"OnDate\")::integer";

        private static string ContactKey(string row) => $"""
            {row}."OrganisationId" AS o, {Year(row)} AS y, {row}."ServiceId" AS s, {row}."Kind" AS k, {row}."Direction" AS d, coalesce({row}."OutcomeId", {Nil}) AS oc
            """;

        private static string VisitKey(string row) => $"""{row}."OrganisationId" AS o, {Year(row)} AS y, {row}."ServiceId" AS s""";

        private static string VisitorKey(string row) => $"""{row}."OrganisationId" AS o, 'DayCentre'::varchar(40) AS src, {Year(row)} AS y, {row}."BeneficiaryId" AS b""";

        private static string ServedKey(string row) => $"""{row}."OrganisationId" AS o, 'Served'::varchar(40) AS src, {Year(row)} AS y, {row}."BeneficiaryId" AS b""";

        /// <summary>Whether a delivery makes its beneficiary a client served, for everyone: it has one, and its case file is not restricted.</summary>
        private static string Served(string row) => $"""
            {row}."BeneficiaryId" IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM "CaseFiles" AS c WHERE c."OrganisationId" = {row}."OrganisationId" AND c."Id" = {row}."CaseFileId" AND c."IsRestricted")
            """;

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
        /// The records a statement wrote (1) and removed (-1) with their keys, as the column <paramref name="amount"/>;
        /// of an update, only those whose decisive columns changed; only those <paramref name="counted"/> passes.
        /// </summary>
        private static string Changes(string operation, Func<string, string> key, string[] decisive, string amount, Func<string, string>? counted = null)
        {
            string Rows(string table, int sign, string? also) =>
                $"SELECT {key(table)}, {sign} AS {amount} FROM {table} WHERE {string.Join(" AND ", new[] { counted?.Invoke(table), also }.Where(c => c is not null).DefaultIfEmpty("true"))}";
            return operation switch
            {
                "INSERT" => Rows("written", 1, null),
                "DELETE" => Rows("removed", -1, null),
                _ => $"{Rows("removed", -1, Changed("removed", "written", decisive))} UNION ALL {Rows("written", 1, Changed("written", "removed", decisive))}",
            };
        }

        /// <summary>The keys of people a statement took records away from: the rows that may have no record left.</summary>
        private static string? Emptied(string operation, Func<string, string> key, Func<string, string>? counted = null) =>
            operation == "INSERT" ? null : $"SELECT {key("removed")} FROM removed{(counted is null ? "" : $" WHERE {counted("removed")}")}";

        private static string ApplyContacts(string changes, string operation) => $"""
            INSERT INTO "ContactTotals" AS total ({ContactColumns})
            SELECT o, y, s, k, d, oc, sum(n) FROM ({changes}) AS change
            GROUP BY o, y, s, k, d, oc ORDER BY o, y, s, k, d, oc
            ON CONFLICT ("OrganisationId", "Year", "ServiceId", "Kind", "Direction", "OutcomeId") DO UPDATE SET "Count" = total."Count" + excluded."Count";
            {(operation == "INSERT" ? "" : """DELETE FROM "ContactTotals" WHERE "Count" = 0 AND "OrganisationId" IN (SELECT DISTINCT "OrganisationId" FROM removed);""")}
            """;

        private static string ApplyVisits(string changes, string operation) => $"""
            INSERT INTO "DayCentreVisitTotals" AS total ({VisitColumns})
            SELECT o, y, s, sum(n) FROM ({changes}) AS change
            GROUP BY o, y, s ORDER BY o, y, s
            ON CONFLICT ("OrganisationId", "Year", "ServiceId") DO UPDATE SET "Visits" = total."Visits" + excluded."Visits";
            {(operation == "INSERT" ? "" : """DELETE FROM "DayCentreVisitTotals" WHERE "Visits" = 0 AND "OrganisationId" IN (SELECT DISTINCT "OrganisationId" FROM removed);""")}
            """;

        /// <summary>
        /// The records added to and taken away from each person's row, in key order; a new row finds whether the person
        /// was insured that year; then the rows left without a record, among those records were taken from, go.
        /// </summary>
        private static string ApplyPeople(string changes, string? emptied) => $"""
            INSERT INTO "CountedPeople" AS person ({PeopleColumns})
            SELECT o, src, y, b, sum(n), {Insured("o", "b", "y")} FROM ({changes}) AS change
            GROUP BY o, src, y, b HAVING sum(n) <> 0 ORDER BY o, src, y, b
            ON CONFLICT ("OrganisationId", "Source", "Year", "BeneficiaryId") DO UPDATE SET "Records" = person."Records" + excluded."Records";
            {(emptied is null ? "" : $"""
                DELETE FROM "CountedPeople" AS p USING (SELECT DISTINCT o, src, y, b FROM ({emptied}) AS e) AS emptied
                WHERE p."OrganisationId" = emptied.o AND p."Source" = emptied.src AND p."Year" = emptied.y AND p."BeneficiaryId" = emptied.b AND p."Records" = 0;
                """)}
            """;

        /// <summary>People counted (1) or no longer (-1), by source, year and care insurance; an update counts only where the insurance changed.</summary>
        private static string ApplyPeopleTotals(string operation)
        {
            const string Key = "p.\"OrganisationId\" AS o, p.\"Source\" AS src, p.\"Year\" AS y";
            var changes = operation switch
            {
                "INSERT" => $"SELECT {Key}, p.\"Insured\" AS i, 1 AS n FROM written AS p",
                "DELETE" => $"SELECT {Key}, p.\"Insured\" AS i, -1 AS n FROM removed AS p",
                _ => $"""
                    SELECT {Key}, x.i, x.n FROM written AS p JOIN removed AS r USING ("OrganisationId", "Source", "Year", "BeneficiaryId"),
                        LATERAL (VALUES (p."Insured", 1), (r."Insured", -1)) AS x(i, n)
                    WHERE p."Insured" <> r."Insured"
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
        /// The people whose entitlement periods the statement wrote or removed: their rows of every source and year
        /// told again whether they were insured. Each person's row in "Beneficiaries" is locked FOR UPDATE first: a
        /// record being written for them holds it FOR KEY SHARE (its foreign key) until it commits, so this waits and
        /// then sees that record's row; a record written after waits for this change to commit and finds the periods as
        /// they now are.
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
