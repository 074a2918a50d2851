using Microsoft.EntityFrameworkCore.Migrations;

#nullable enable

namespace Suivi.Data.Migrations.Sqlite
{
    /// <summary>
    /// Contacts and day-centre visits counted, and the people counted once per organisation, source and year (clients
    /// served, day-centre visitors) with their care insurance, kept by triggers in the statement that writes each record,
    /// as the delivery totals are (decisions 012 and 013). The people's counts are kept from their rows by triggers on
    /// those rows; a change to a person's entitlement periods sets their rows' care insurance again. Existing records
    /// are counted once here.
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
                    OrganisationId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OutcomeId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactTotals", x => new { x.OrganisationId, x.Year, x.ServiceId, x.Kind, x.Direction, x.OutcomeId });
                });

            migrationBuilder.CreateTable(
                name: "CountedPeople",
                columns: table => new
                {
                    OrganisationId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    BeneficiaryId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Records = table.Column<long>(type: "INTEGER", nullable: false),
                    Insured = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountedPeople", x => new { x.OrganisationId, x.Source, x.Year, x.BeneficiaryId });
                });

            migrationBuilder.CreateTable(
                name: "DayCentreVisitTotals",
                columns: table => new
                {
                    OrganisationId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Visits = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DayCentreVisitTotals", x => new { x.OrganisationId, x.Year, x.ServiceId });
                });

            migrationBuilder.CreateTable(
                name: "PeopleTotals",
                columns: table => new
                {
                    OrganisationId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Insured = table.Column<bool>(type: "INTEGER", nullable: false),
                    People = table.Column<long>(type: "INTEGER", nullable: false)
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
                INSERT INTO "ContactTotals" ({ContactColumns})
                SELECT {ContactKey("c")}, count(*) FROM "Contacts" AS c GROUP BY 1, 2, 3, 4, 5, 6;
                INSERT INTO "DayCentreVisitTotals" ({VisitColumns})
                SELECT {VisitKey("v")}, count(*) FROM "DayCentreVisits" AS v GROUP BY 1, 2, 3;
                INSERT INTO "CountedPeople" ({PeopleColumns})
                SELECT o, src, y, b, n, {Insured("o", "b", "y")} FROM (
                    SELECT {PersonKey("d", "Served")}, count(*) AS n FROM "Deliveries" AS d WHERE {Served("d")} GROUP BY 1, 2, 3, 4
                    UNION ALL
                    SELECT {PersonKey("v", "DayCentre")}, count(*) FROM "DayCentreVisits" AS v GROUP BY 1, 2, 3, 4);
                INSERT INTO "PeopleTotals" ({PeopleTotalColumns})
                SELECT "OrganisationId", "Source", "Year", "Insured", count(*) FROM "CountedPeople" GROUP BY 1, 2, 3, 4;
                """);

            Triggers(migrationBuilder, "Contacts", "ContactTotals", ContactDecisive, (row, sign) => $"""
                INSERT INTO "ContactTotals" ({ContactColumns})
                SELECT {ContactKey(row)}, {sign} WHERE true
                ON CONFLICT DO UPDATE SET "Count" = "Count" + excluded."Count";
                """, row => $"""
                DELETE FROM "ContactTotals" WHERE "OrganisationId" = {row}."OrganisationId" AND "Year" = {Year(row)} AND "ServiceId" = {row}."ServiceId"
                    AND "Kind" = {row}."Kind" AND "Direction" = {row}."Direction" AND "OutcomeId" = coalesce({row}."OutcomeId", zeroblob(16)) AND "Count" = 0;
                """);
            Triggers(migrationBuilder, "DayCentreVisits", "VisitTotals", VisitDecisive, (row, sign) => $"""
                INSERT INTO "DayCentreVisitTotals" ({VisitColumns})
                SELECT {VisitKey(row)}, {sign} WHERE true
                ON CONFLICT DO UPDATE SET "Visits" = "Visits" + excluded."Visits";
                {AddPerson(row, "DayCentre", sign)}
                """, row => $"""
                DELETE FROM "DayCentreVisitTotals" WHERE "OrganisationId" = {row}."OrganisationId" AND "Year" = {Year(row)} AND "ServiceId" = {row}."ServiceId" AND "Visits" = 0;
                {DropEmptyPerson(row, "DayCentre")}
                """);
            Triggers(migrationBuilder, "Deliveries", "ServedPeople", ServedDecisive, (row, sign) => AddPerson(row, "Served", sign, Served(row)),
                row => DropEmptyPerson(row, "Served"));

            migrationBuilder.Sql($"""
                CREATE TRIGGER "CaseFiles_People" AFTER UPDATE OF "IsRestricted" ON "CaseFiles"
                WHEN OLD."IsRestricted" <> NEW."IsRestricted"
                BEGIN
                    INSERT INTO "CountedPeople" ({PeopleColumns})
                    SELECT o, src, y, b, s * n, {Insured("o", "b", "y")}
                    FROM (SELECT {PersonKey("d", "Served")}, count(*) AS n FROM "Deliveries" AS d
                          WHERE d."OrganisationId" = NEW."OrganisationId" AND d."CaseFileId" = NEW."Id" AND d."BeneficiaryId" IS NOT NULL
                          GROUP BY 1, 2, 3, 4),
                         (SELECT CASE WHEN NEW."IsRestricted" THEN -1 ELSE 1 END AS s)
                    WHERE true
                    ON CONFLICT DO UPDATE SET "Records" = "Records" + excluded."Records";
                    DELETE FROM "CountedPeople" WHERE "OrganisationId" = NEW."OrganisationId" AND "Source" = 'Served' AND "Records" = 0
                        AND "BeneficiaryId" IN (SELECT d."BeneficiaryId" FROM "Deliveries" AS d WHERE d."OrganisationId" = NEW."OrganisationId" AND d."CaseFileId" = NEW."Id");
                END;
                """);

            // A person counted or no longer, by source, year and care insurance; and moved when their insurance changes.
            migrationBuilder.Sql($"""
                CREATE TRIGGER "CountedPeople_Totals_Insert" AFTER INSERT ON "CountedPeople"
                BEGIN
                {AddToPeopleTotals("NEW", 1)}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "CountedPeople_Totals_Delete" AFTER DELETE ON "CountedPeople"
                BEGIN
                {AddToPeopleTotals("OLD", -1)}
                {DropEmptyPeopleTotal("OLD")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "CountedPeople_Totals_Update" AFTER UPDATE OF "Insured" ON "CountedPeople"
                WHEN OLD."Insured" <> NEW."Insured"
                BEGIN
                {AddToPeopleTotals("OLD", -1)}
                {DropEmptyPeopleTotal("OLD")}
                {AddToPeopleTotals("NEW", 1)}
                END;
                """);

            // A person's entitlement periods written or removed: their rows of every source and year told again whether they were insured.
            foreach (var (operation, rows) in new[] { ("INSERT", new[] { "NEW" }), ("DELETE", ["OLD"]), ("UPDATE", ["OLD", "NEW"]) })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "CareInsurancePeriods_People_{Title(operation)}" AFTER {operation} ON "CareInsurancePeriods"
                    BEGIN
                    {string.Concat(rows.Select(row => $"""
                        UPDATE "CountedPeople" SET "Insured" = NOT "Insured"
                        WHERE "OrganisationId" = {row}."OrganisationId" AND "BeneficiaryId" = {row}."BeneficiaryId"
                            AND "Insured" <> {Insured(OwnColumns.Organisation, OwnColumns.Person, OwnColumns.Year)};

                        """))}
                    END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "CaseFiles_People", "CountedPeople_Totals_Insert", "CountedPeople_Totals_Delete", "CountedPeople_Totals_Update" }
                .Concat(new[] { "Contacts_ContactTotals", "DayCentreVisits_VisitTotals", "Deliveries_ServedPeople", "CareInsurancePeriods_People" }
                    .SelectMany(name => new[] { "Insert", "Delete", "Update" }.Select(operation => $"{name}_{operation}"))))
            {
                migrationBuilder.Sql($"DROP TRIGGER \"{trigger}\";");
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
            /// <summary>The columns of a row of "CountedPeople", named in a statement on that table.</summary>
        private static readonly (string Organisation, string Person, string Year) OwnColumns = ("\"OrganisationId\"", "\"BeneficiaryId\"", "\"Year\"");

        private const string ContactColumns = "\"OrganisationId\", \"Year\", \"ServiceId\", \"Kind\", \"Direction\", \"OutcomeId\", \"Count\"";
        private const string VisitColumns = "\"OrganisationId\", \"Year\", \"ServiceId\", \"Visits\"";
        private const string PeopleColumns = "\"OrganisationId\", \"Source\", \"Year\", \"BeneficiaryId\", \"Records\", \"Insured\"";
        private const string PeopleTotalColumns = "\"OrganisationId\", \"Source\", \"Year\", \"Insured\", \"People\"";

        // The columns of a record that decide where it is counted: an update changing none of them changes no count.
        private static readonly string[] ContactDecisive = ["OrganisationId", "OnDate", "ServiceId", "Kind", "Direction", "OutcomeId"];
        private static readonly string[] VisitDecisive = ["OrganisationId", "OnDate", "ServiceId", "BeneficiaryId"];
        private static readonly string[] ServedDecisive = ["OrganisationId", "OnDate", "BeneficiaryId", "CaseFileId"];

        /// <summary>A record's year: the first four characters of the date SQLite keeps as text.</summary>
        private static string Year(string row) => $"CAST(substr({row}.\"OnDate\", 1, 4) AS INTEGER)";

        private static string ContactKey(string row) =>
            $"""{row}."OrganisationId", {Year(row)}, {row}."ServiceId", {row}."Kind", {row}."Direction", coalesce({row}."OutcomeId", zeroblob(16))""";

        private static string VisitKey(string row) => $"""{row}."OrganisationId", {Year(row)}, {row}."ServiceId" """;

        private static string PersonKey(string row, string source) => $"""{row}."OrganisationId" AS o, '{source}' AS src, {Year(row)} AS y, {row}."BeneficiaryId" AS b""";

        /// <summary>Whether a delivery makes its beneficiary a client served, for everyone: it has one, and its case file is not restricted.</summary>
        private static string Served(string row) =>
            $"""{row}."BeneficiaryId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "CaseFiles" AS c WHERE c."Id" = {row}."CaseFileId" AND c."IsRestricted")""";

        /// <summary>Whether the person was entitled to long-term-care insurance benefits on some day of the year (dates are ISO text).</summary>
        private static string Insured(string organisation, string person, string year) => $"""
            EXISTS (SELECT 1 FROM "CareInsurancePeriods" AS ip WHERE ip."OrganisationId" = {organisation} AND ip."BeneficiaryId" = {person}
                AND ip."From" <= ({year} || '-12-31') AND (ip."To" IS NULL OR ip."To" >= ({year} || '-01-01')))
            """;

        /// <summary>
        /// A record added to its person's row (sign 1) or taken away (sign -1), when <paramref name="counted"/>; a new
        /// row finds whether the person was insured that year. The SELECT has a WHERE, as SQLite asks of an upsert.
        /// </summary>
        private static string AddPerson(string row, string source, int sign, string counted = "true") => $"""
            INSERT INTO "CountedPeople" ({PeopleColumns})
            SELECT o, src, y, b, {sign}, {Insured("o", "b", "y")} FROM (SELECT {PersonKey(row, source)}) WHERE {counted}
            ON CONFLICT DO UPDATE SET "Records" = "Records" + excluded."Records";
            """;

        private static string DropEmptyPerson(string row, string source) => $"""
            DELETE FROM "CountedPeople" WHERE "OrganisationId" = {row}."OrganisationId" AND "Source" = '{source}' AND "Year" = {Year(row)}
                AND "BeneficiaryId" = {row}."BeneficiaryId" AND "Records" = 0;
            """;

        private static string AddToPeopleTotals(string row, int sign) => $"""
            INSERT INTO "PeopleTotals" ({PeopleTotalColumns})
            SELECT {row}."OrganisationId", {row}."Source", {row}."Year", {row}."Insured", {sign} WHERE true
            ON CONFLICT DO UPDATE SET "People" = "People" + excluded."People";
            """;

        private static string DropEmptyPeopleTotal(string row) => $"""
            DELETE FROM "PeopleTotals" WHERE "OrganisationId" = {row}."OrganisationId" AND "Source" = {row}."Source" AND "Year" = {row}."Year"
                AND "Insured" = {row}."Insured" AND "People" = 0;
            """;

        private static string Title(string operation) => operation[0] + operation[1..].ToLowerInvariant();

        /// <summary>
        /// The three row triggers keeping counts from <paramref name="table"/>: a record added when written, taken away
        /// (and rows left at zero dropped) when deleted, both when one of its <paramref name="decisive"/> columns changes.
        /// </summary>
        private static void Triggers(MigrationBuilder migrationBuilder, string table, string name, string[] decisive, Func<string, int, string> add, Func<string, string> dropEmpty)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_{name}_Insert" AFTER INSERT ON "{table}"
                BEGIN
                {add("NEW", 1)}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_{name}_Delete" AFTER DELETE ON "{table}"
                BEGIN
                {add("OLD", -1)}
                {dropEmpty("OLD")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_{name}_Update" AFTER UPDATE OF {string.Join(", ", decisive.Select(c => $"\"{c}\""))} ON "{table}"
                BEGIN
                {add("OLD", -1)}
                {dropEmpty("OLD")}
                {add("NEW", 1)}
                END;
                """);
        }
    }
}
