using Microsoft.EntityFrameworkCore.Migrations;

#nullable enable

namespace Suivi.Data.Migrations.Sqlite
{
    /// <summary>
    /// Contacts and day-centre visits counted, and the people counted once per organisation, source and year (clients
    /// served, day-centre visitors) with their care insurance, kept by triggers in the statement that writes each record,
    /// as the delivery totals are (decisions 012 and 013). The deliveries of a restricted case file, in the delivery
    /// totals as in the people counted, are now kept apart under the file rather than left out, so a report adds those
    /// of the files its viewer may see without reading their records; restricting a file moves its rows there, lifting
    /// the restriction moves them back. The people's counts are kept from their rows by triggers on those rows; a change
    /// to a person's entitlement periods sets their rows' care insurance again. Existing records are counted once here.
    /// </summary>
    public partial class KeptCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The delivery totals of decision 012 left restricted files out; they are rebuilt with the file in their key.
            foreach (var trigger in new[] { "Deliveries_Totals_Insert", "Deliveries_Totals_Delete", "Deliveries_Totals_Update", "CaseFiles_DeliveryTotals" })
            {
                migrationBuilder.Sql($"DROP TRIGGER \"{trigger}\";");
            }
            migrationBuilder.DropTable(name: "DeliveryTotals");

            migrationBuilder.CreateTable(
                name: "DeliveryTotals",
                columns: table => new
                {
                    OrganisationId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    RestrictedFileId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    TypeId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ActCategoryId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SiteId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false),
                    Seconds = table.Column<long>(type: "INTEGER", nullable: false),
                    Metres = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliveryTotals", x => new { x.OrganisationId, x.RestrictedFileId, x.Year, x.ServiceId, x.TypeId, x.ActCategoryId, x.SiteId });
                });

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
                    RestrictedFileId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    BeneficiaryId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Records = table.Column<long>(type: "INTEGER", nullable: false),
                    Insured = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountedPeople", x => new { x.OrganisationId, x.Source, x.RestrictedFileId, x.Year, x.BeneficiaryId });
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
                INSERT INTO "DeliveryTotals" ({TotalColumns})
                SELECT {DeliveryKey("d")}, {FileOf("d")}, count(*), sum(d."DurationSeconds"), sum(coalesce(d."DistanceMetres", 0))
                FROM "Deliveries" AS d
                GROUP BY 1, 2, 3, 4, 5, 6, 7;
                INSERT INTO "ContactTotals" ({ContactColumns})
                SELECT {ContactKey("c")}, count(*) FROM "Contacts" AS c GROUP BY 1, 2, 3, 4, 5, 6;
                INSERT INTO "DayCentreVisitTotals" ({VisitColumns})
                SELECT {VisitKey("v")}, count(*) FROM "DayCentreVisits" AS v GROUP BY 1, 2, 3;
                INSERT INTO "CountedPeople" ({PeopleColumns})
                SELECT o, src, y, b, f, n, {Insured("o", "b", "y")} FROM (
                    SELECT {PersonKey("d", "Served")}, {FileOf("d")} AS f, count(*) AS n FROM "Deliveries" AS d WHERE d."BeneficiaryId" IS NOT NULL GROUP BY 1, 2, 3, 4, 5
                    UNION ALL
                    SELECT {PersonKey("v", "DayCentre")}, zeroblob(16), count(*) FROM "DayCentreVisits" AS v GROUP BY 1, 2, 3, 4, 5);
                INSERT INTO "PeopleTotals" ({PeopleTotalColumns})
                SELECT "OrganisationId", "Source", "Year", "Insured", count(*) FROM "CountedPeople" WHERE "RestrictedFileId" = zeroblob(16) GROUP BY 1, 2, 3, 4;
                """);

            Triggers(migrationBuilder, "Deliveries", "Totals", DeliveryDecisive, (row, sign) => $"""
                INSERT INTO "DeliveryTotals" ({TotalColumns})
                SELECT {DeliveryKey(row)}, {FileOf(row)}, {sign}, {sign} * {row}."DurationSeconds", {sign} * coalesce({row}."DistanceMetres", 0) WHERE true
                {UpsertTotals};
                """, row => $"""
                DELETE FROM "DeliveryTotals" WHERE "OrganisationId" = {row}."OrganisationId" AND "RestrictedFileId" = {FileOf(row)} AND "Year" = {Year(row)}
                    AND "ServiceId" = {row}."ServiceId" AND "TypeId" = {row}."TypeId" AND "ActCategoryId" = coalesce({row}."ActCategoryId", zeroblob(16))
                    AND "SiteId" = coalesce({row}."SiteId", zeroblob(16)) AND "Count" = 0;
                """);
            Triggers(migrationBuilder, "Deliveries", "ServedPeople", ServedDecisive, (row, sign) => AddPerson(row, "Served", FileOf(row), sign, $"{row}.\"BeneficiaryId\" IS NOT NULL"),
                row => DropEmptyPerson(row, "Served", FileOf(row)));
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
                {AddPerson(row, "DayCentre", "zeroblob(16)", sign)}
                """, row => $"""
                DELETE FROM "DayCentreVisitTotals" WHERE "OrganisationId" = {row}."OrganisationId" AND "Year" = {Year(row)} AND "ServiceId" = {row}."ServiceId" AND "Visits" = 0;
                {DropEmptyPerson(row, "DayCentre", "zeroblob(16)")}
                """);

            // A file restricted: its deliveries move from everyone's rows to the file's own; lifted, back.
            migrationBuilder.Sql($"""
                CREATE TRIGGER "CaseFiles_Restriction" AFTER UPDATE OF "IsRestricted" ON "CaseFiles"
                WHEN OLD."IsRestricted" <> NEW."IsRestricted"
                BEGIN
                    INSERT INTO "DeliveryTotals" ({TotalColumns})
                    SELECT {DeliveryKey("d")}, m.f, m.sign * count(*), m.sign * sum(d."DurationSeconds"), m.sign * sum(coalesce(d."DistanceMetres", 0))
                    FROM "Deliveries" AS d, {Moves} AS m
                    WHERE d."OrganisationId" = NEW."OrganisationId" AND d."CaseFileId" = NEW."Id"
                    GROUP BY 1, 2, 3, 4, 5, 6, 7
                    {UpsertTotals};
                    DELETE FROM "DeliveryTotals" WHERE "OrganisationId" = NEW."OrganisationId" AND "Count" = 0;
                    INSERT INTO "CountedPeople" ({PeopleColumns})
                    SELECT o, src, y, b, f, n, {Insured("o", "b", "y")}
                    FROM (SELECT {PersonKey("d", "Served")}, m.f AS f, m.sign * count(*) AS n FROM "Deliveries" AS d, {Moves} AS m
                          WHERE d."OrganisationId" = NEW."OrganisationId" AND d."CaseFileId" = NEW."Id" AND d."BeneficiaryId" IS NOT NULL
                          GROUP BY 1, 2, 3, 4, 5)
                    WHERE true
                    ON CONFLICT DO UPDATE SET "Records" = "Records" + excluded."Records";
                    DELETE FROM "CountedPeople" WHERE "OrganisationId" = NEW."OrganisationId" AND "Source" = 'Served' AND "Records" = 0
                        AND "BeneficiaryId" IN (SELECT d."BeneficiaryId" FROM "Deliveries" AS d WHERE d."OrganisationId" = NEW."OrganisationId" AND d."CaseFileId" = NEW."Id");
                END;
                """);

            // A person of everyone's rows counted or no longer, by source, year and care insurance; and moved when their
            // insurance changes. The rows of restricted files are not counted.
            const string Everyones = "\"RestrictedFileId\" = zeroblob(16)";
            migrationBuilder.Sql($"""
                CREATE TRIGGER "CountedPeople_Totals_Insert" AFTER INSERT ON "CountedPeople" WHEN NEW.{Everyones}
                BEGIN
                {AddToPeopleTotals("NEW", 1)}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "CountedPeople_Totals_Delete" AFTER DELETE ON "CountedPeople" WHEN OLD.{Everyones}
                BEGIN
                {AddToPeopleTotals("OLD", -1)}
                {DropEmptyPeopleTotal("OLD")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "CountedPeople_Totals_Update" AFTER UPDATE OF "Insured" ON "CountedPeople"
                WHEN OLD."Insured" <> NEW."Insured" AND NEW.{Everyones}
                BEGIN
                {AddToPeopleTotals("OLD", -1)}
                {DropEmptyPeopleTotal("OLD")}
                {AddToPeopleTotals("NEW", 1)}
                END;
                """);

            // A person's entitlement periods written or removed: their rows of every source, file and year told again whether they were insured.
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
            foreach (var trigger in new[] { "CaseFiles_Restriction", "CountedPeople_Totals_Insert", "CountedPeople_Totals_Delete", "CountedPeople_Totals_Update" }
                .Concat(new[] { "Deliveries_Totals", "Deliveries_ServedPeople", "Contacts_ContactTotals", "DayCentreVisits_VisitTotals", "CareInsurancePeriods_People" }
                    .SelectMany(name => new[] { "Insert", "Delete", "Update" }.Select(operation => $"{name}_{operation}"))))
            {
                migrationBuilder.Sql($"DROP TRIGGER \"{trigger}\";");
            }
            foreach (var table in new[] { "ContactTotals", "CountedPeople", "DayCentreVisitTotals", "PeopleTotals", "DeliveryTotals" })
            {
                migrationBuilder.DropTable(name: table);
            }
            // Decision 012's totals, restricted files left out, with their triggers, as that migration makes them.
            migrationBuilder.DropIndex(name: "IX_CaseFiles_Restricted", table: "CaseFiles");
            migrationBuilder.Operations.AddRange(new DeliveryTotals().UpOperations);
        }

        /// <summary>
        /// The columns of the row of "CountedPeople" an UPDATE is on, named with the table: unqualified, a subquery on the
        /// periods would read its own columns of the same names.
        /// </summary>
        private static readonly (string Organisation, string Person, string Year) OwnColumns =
            ("\"CountedPeople\".\"OrganisationId\"", "\"CountedPeople\".\"BeneficiaryId\"", "\"CountedPeople\".\"Year\"");

        private const string TotalColumns = "\"OrganisationId\", \"Year\", \"ServiceId\", \"TypeId\", \"ActCategoryId\", \"SiteId\", \"RestrictedFileId\", \"Count\", \"Seconds\", \"Metres\"";
        private const string ContactColumns = "\"OrganisationId\", \"Year\", \"ServiceId\", \"Kind\", \"Direction\", \"OutcomeId\", \"Count\"";
        private const string VisitColumns = "\"OrganisationId\", \"Year\", \"ServiceId\", \"Visits\"";
        private const string PeopleColumns = "\"OrganisationId\", \"Source\", \"Year\", \"BeneficiaryId\", \"RestrictedFileId\", \"Records\", \"Insured\"";
        private const string PeopleTotalColumns = "\"OrganisationId\", \"Source\", \"Year\", \"Insured\", \"People\"";

        private const string UpsertTotals = """
            ON CONFLICT DO UPDATE SET "Count" = "Count" + excluded."Count", "Seconds" = "Seconds" + excluded."Seconds", "Metres" = "Metres" + excluded."Metres"
            """;

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
        private const string Moves = """
            (SELECT zeroblob(16) AS f, CASE WHEN NEW."IsRestricted" THEN -1 ELSE 1 END AS sign
             UNION ALL SELECT NEW."Id", CASE WHEN NEW."IsRestricted" THEN 1 ELSE -1 END)
            """;

        /// <summary>A record's year: the first four characters of the date SQLite keeps as text.</summary>
        private static string Year(string row) => $"CAST(substr({row}.\"OnDate\", 1, 4) AS INTEGER)";

        /// <summary>A delivery's row of totals; act category and site with 16 zero bytes — <see cref="System.Guid.Empty"/> — for none.</summary>
        private static string DeliveryKey(string row) =>
            $"""{row}."OrganisationId", {Year(row)}, {row}."ServiceId", {row}."TypeId", coalesce({row}."ActCategoryId", zeroblob(16)), coalesce({row}."SiteId", zeroblob(16))""";

        /// <summary>The restricted file a delivery is kept under, or 16 zero bytes for everyone's rows.</summary>
        private static string FileOf(string row) =>
            $"""coalesce((SELECT c."Id" FROM "CaseFiles" AS c WHERE c."Id" = {row}."CaseFileId" AND c."IsRestricted"), zeroblob(16))""";

        private static string ContactKey(string row) =>
            $"""{row}."OrganisationId", {Year(row)}, {row}."ServiceId", {row}."Kind", {row}."Direction", coalesce({row}."OutcomeId", zeroblob(16))""";

        private static string VisitKey(string row) => $"""{row}."OrganisationId", {Year(row)}, {row}."ServiceId" """;

        private static string PersonKey(string row, string source) => $"""{row}."OrganisationId" AS o, '{source}' AS src, {Year(row)} AS y, {row}."BeneficiaryId" AS b""";

        /// <summary>Whether the person was entitled to long-term-care insurance benefits on some day of the year (dates are ISO text).</summary>
        private static string Insured(string organisation, string person, string year) => $"""
            EXISTS (SELECT 1 FROM "CareInsurancePeriods" AS ip WHERE ip."OrganisationId" = {organisation} AND ip."BeneficiaryId" = {person}
                AND ip."From" <= ({year} || '-12-31') AND (ip."To" IS NULL OR ip."To" >= ({year} || '-01-01')))
            """;

        /// <summary>
        /// A record added to its person's row of the file (sign 1) or taken away (sign -1), when <paramref name="counted"/>;
        /// a new row finds whether the person was insured that year. The SELECT has a WHERE, as SQLite asks of an upsert.
        /// </summary>
        private static string AddPerson(string row, string source, string file, int sign, string counted = "true") => $"""
            INSERT INTO "CountedPeople" ({PeopleColumns})
            SELECT o, src, y, b, f, {sign}, {Insured("o", "b", "y")} FROM (SELECT {PersonKey(row, source)}, {file} AS f) WHERE {counted}
            ON CONFLICT DO UPDATE SET "Records" = "Records" + excluded."Records";
            """;

        private static string DropEmptyPerson(string row, string source, string file) => $"""
            DELETE FROM "CountedPeople" WHERE "OrganisationId" = {row}."OrganisationId" AND "Source" = '{source}' AND "RestrictedFileId" = {file}
                AND "Year" = {Year(row)} AND "BeneficiaryId" = {row}."BeneficiaryId" AND "Records" = 0;
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
