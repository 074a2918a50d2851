using Microsoft.EntityFrameworkCore.Migrations;

#nullable enable

namespace Suivi.Data.Migrations.Sqlite
{
    /// <summary>
    /// The deliveries added up by organisation, year, service, type, act category and site, kept by triggers in the
    /// statement that writes each delivery (decision 012): added when one is recorded, moved when one is corrected,
    /// taken away when one is deleted, and — for all the deliveries of a case file at once — taken away when the file is
    /// restricted and added back when it no longer is. The totals of the deliveries already recorded are computed once here.
    /// </summary>
    public partial class DeliveryTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeliveryTotals",
                columns: table => new
                {
                    OrganisationId = table.Column<byte[]>(type: "BLOB", nullable: false),
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
                    table.PrimaryKey("PK_DeliveryTotals", x => new { x.OrganisationId, x.Year, x.ServiceId, x.TypeId, x.ActCategoryId, x.SiteId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_Restricted",
                table: "CaseFiles",
                columns: new[] { "OrganisationId", "Id" },
                filter: "\"IsRestricted\"");

            migrationBuilder.Sql($"""
                CREATE TRIGGER "Deliveries_Totals_Insert" AFTER INSERT ON "Deliveries"
                BEGIN
                {Add("NEW", 1)}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "Deliveries_Totals_Delete" AFTER DELETE ON "Deliveries"
                BEGIN
                {Add("OLD", -1)}
                {DropEmpty("OLD")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "Deliveries_Totals_Update" AFTER UPDATE OF {string.Join(", ", Columns.Select(c => $"\"{c}\""))} ON "Deliveries"
                BEGIN
                {Add("OLD", -1)}
                {DropEmpty("OLD")}
                {Add("NEW", 1)}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "CaseFiles_DeliveryTotals" AFTER UPDATE OF "IsRestricted" ON "CaseFiles"
                WHEN OLD."IsRestricted" <> NEW."IsRestricted"
                BEGIN
                    INSERT INTO "DeliveryTotals" ({TotalColumns})
                    SELECT {Key("d")}, s * count(*), s * sum(d."DurationSeconds"), s * sum(coalesce(d."DistanceMetres", 0))
                    FROM "Deliveries" AS d, (SELECT CASE WHEN NEW."IsRestricted" THEN -1 ELSE 1 END AS s)
                    WHERE d."OrganisationId" = NEW."OrganisationId" AND d."CaseFileId" = NEW."Id"
                    GROUP BY 1, 2, 3, 4, 5, 6
                    {Upsert};
                    DELETE FROM "DeliveryTotals" WHERE "OrganisationId" = NEW."OrganisationId" AND "Count" = 0;
                END;
                """);
            migrationBuilder.Sql($"""
                INSERT INTO "DeliveryTotals" ({TotalColumns})
                SELECT {Key("d")}, count(*), sum(d."DurationSeconds"), sum(coalesce(d."DistanceMetres", 0))
                FROM "Deliveries" AS d
                WHERE {Counted("d")}
                GROUP BY 1, 2, 3, 4, 5, 6;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "Deliveries_Totals_Insert", "Deliveries_Totals_Delete", "Deliveries_Totals_Update", "CaseFiles_DeliveryTotals" })
            {
                migrationBuilder.Sql($"DROP TRIGGER \"{trigger}\";");
            }

            migrationBuilder.DropTable(
                name: "DeliveryTotals");

            migrationBuilder.DropIndex(
                name: "IX_CaseFiles_Restricted",
                table: "CaseFiles");
        }
    
        /// <summary>The columns of a delivery that decide where it is added up, and with what.</summary>
        private static readonly string[] Columns =
            ["OrganisationId", "OnDate", "ServiceId", "TypeId", "ActCategoryId", "SiteId", "CaseFileId", "DurationSeconds", "DistanceMetres"];

        private const string TotalColumns = "\"OrganisationId\", \"Year\", \"ServiceId\", \"TypeId\", \"ActCategoryId\", \"SiteId\", \"Count\", \"Seconds\", \"Metres\"";

        private const string Upsert = """
            ON CONFLICT DO UPDATE SET "Count" = "Count" + excluded."Count", "Seconds" = "Seconds" + excluded."Seconds", "Metres" = "Metres" + excluded."Metres"
            """;

        /// <summary>
        /// A delivery's row of totals: its organisation, its year (the first four characters of the date SQLite keeps as
        /// text), service, type, and act category and site with 16 zero bytes — <see cref="Guid.Empty"/> — for none.
        /// </summary>
        private static string Key(string row) =>
            $"""{row}."OrganisationId", CAST(substr({row}."OnDate", 1, 4) AS INTEGER), {row}."ServiceId", {row}."TypeId", coalesce({row}."ActCategoryId", zeroblob(16)), coalesce({row}."SiteId", zeroblob(16))""";

        private static string KeyMatches(string row) =>
            $"""
            "OrganisationId" = {row}."OrganisationId" AND "Year" = CAST(substr({row}."OnDate", 1, 4) AS INTEGER) AND "ServiceId" = {row}."ServiceId"
                AND "TypeId" = {row}."TypeId" AND "ActCategoryId" = coalesce({row}."ActCategoryId", zeroblob(16)) AND "SiteId" = coalesce({row}."SiteId", zeroblob(16))
            """;

        /// <summary>Whether a delivery is in the totals: unless its case file is restricted.</summary>
        private static string Counted(string row) =>
            $"""NOT EXISTS (SELECT 1 FROM "CaseFiles" AS c WHERE c."Id" = {row}."CaseFileId" AND c."IsRestricted")""";

        /// <summary>
        /// A delivery added to its row (sign 1) or taken away from it (sign -1). The SELECT has a WHERE, as SQLite asks of
        /// an INSERT … SELECT with an upsert.
        /// </summary>
        private static string Add(string row, int sign) => $"""
                INSERT INTO "DeliveryTotals" ({TotalColumns})
                SELECT {Key(row)}, {sign}, {sign} * {row}."DurationSeconds", {sign} * coalesce({row}."DistanceMetres", 0)
                WHERE {Counted(row)}
                {Upsert};
            """;

        /// <summary>A row no delivery is added up in any more goes.</summary>
        private static string DropEmpty(string row) => $"""DELETE FROM "DeliveryTotals" WHERE {KeyMatches(row)} AND "Count" = 0;""";
}
}
