using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable enable

namespace Suivi.Data.Migrations.PostgreSql
{
    /// <summary>
    /// The deliveries added up by organisation, year, service, type, act category and site, kept by triggers in the
    /// statement that writes the deliveries (decision 012): statement-level, over the rows the statement inserted,
    /// changed or deleted, so a COPY of a million rows adds one grouping to its work, not a million upserts. A case
    /// file restricted takes its deliveries away from the totals, one no longer restricted adds them back. The totals of
    /// the deliveries already recorded are computed once here.
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
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
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
                    table.PrimaryKey("PK_DeliveryTotals", x => new { x.OrganisationId, x.Year, x.ServiceId, x.TypeId, x.ActCategoryId, x.SiteId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_Restricted",
                table: "CaseFiles",
                columns: new[] { "OrganisationId", "Id" },
                filter: "\"IsRestricted\"");

            const string Removed = """SELECT DISTINCT "OrganisationId" FROM removed""";
            foreach (var (operation, changes, emptiedIn) in new (string, string, string?)[]
            {
                ("INSERT", Rows("written", 1), null),
                ("DELETE", Rows("removed", -1), Removed),
                // Only the rows whose date, amounts or keys changed: a note corrected touches no total.
                ("UPDATE", $"{Rows("removed", -1, Changed("removed", "written"))} UNION ALL {Rows("written", 1, Changed("written", "removed"))}", Removed),
            })
            {
                var transition = operation switch
                {
                    "INSERT" => "NEW TABLE AS written",
                    "DELETE" => "OLD TABLE AS removed",
                    _ => "OLD TABLE AS removed NEW TABLE AS written",
                };
                migrationBuilder.Sql($"""
                    CREATE FUNCTION suivi_delivery_totals_{operation.ToLowerInvariant()}() RETURNS trigger LANGUAGE plpgsql
                    SET enable_sort = off SET work_mem = '64MB'
                    AS $body$
                    BEGIN
                        {Apply(changes, emptiedIn)}
                        RETURN NULL;
                    END
                    $body$;
                    """);
                // A trigger with transition tables fires on one event only.
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "Deliveries_Totals_{operation}" AFTER {operation} ON "Deliveries"
                    REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION suivi_delivery_totals_{operation.ToLowerInvariant()}();
                    """);
            }
            migrationBuilder.Sql($"""
                CREATE FUNCTION suivi_case_file_delivery_totals() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                    -- A delivery being written for this file holds its row FOR KEY SHARE (the reference check of decision 007)
                    -- until it commits; FOR UPDATE waits for it, so the deliveries read next include it, and a delivery
                    -- written after waits for this change to commit and finds the file as it now is.
                    PERFORM 1 FROM "CaseFiles" WHERE "OrganisationId" = NEW."OrganisationId" AND "Id" = NEW."Id" FOR UPDATE;
                    {Apply($"""
                        SELECT {Key("d")}, sign AS n, sign * d."DurationSeconds"::bigint AS seconds, sign * coalesce(d."DistanceMetres", 0)::bigint AS metres
                        FROM "Deliveries" AS d, (SELECT CASE WHEN NEW."IsRestricted" THEN -1 ELSE 1 END AS sign) AS restricted WHERE d."OrganisationId" = NEW."OrganisationId" AND d."CaseFileId" = NEW."Id"
                        """, "SELECT NEW.\"OrganisationId\"")}
                    RETURN NULL;
                END
                $body$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseFiles_DeliveryTotals" AFTER UPDATE OF "IsRestricted" ON "CaseFiles"
                FOR EACH ROW WHEN (OLD."IsRestricted" IS DISTINCT FROM NEW."IsRestricted") EXECUTE FUNCTION suivi_case_file_delivery_totals();
                """);
            migrationBuilder.Sql($"""
                SET LOCAL work_mem = '256MB';
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
            migrationBuilder.Sql("""DROP TRIGGER "CaseFiles_DeliveryTotals" ON "CaseFiles";""");
            migrationBuilder.Sql("DROP FUNCTION suivi_case_file_delivery_totals();");
            foreach (var operation in new[] { "INSERT", "DELETE", "UPDATE" })
            {
                migrationBuilder.Sql($"""DROP TRIGGER "Deliveries_Totals_{operation}" ON "Deliveries";""");
                migrationBuilder.Sql($"DROP FUNCTION suivi_delivery_totals_{operation.ToLowerInvariant()}();");
            }

            migrationBuilder.DropTable(
                name: "DeliveryTotals");

            migrationBuilder.DropIndex(
                name: "IX_CaseFiles_Restricted",
                table: "CaseFiles");
        }
    
        private const string TotalColumns = "\"OrganisationId\", \"Year\", \"ServiceId\", \"TypeId\", \"ActCategoryId\", \"SiteId\", \"Count\", \"Seconds\", \"Metres\"";

        /// <summary>The columns of a delivery that decide where it is added up, and with what.</summary>
        private const string Decisive = "\"OrganisationId\", \"OnDate\", \"ServiceId\", \"TypeId\", \"ActCategoryId\", \"SiteId\", \"CaseFileId\", \"DurationSeconds\", \"DistanceMetres\"";

        /// <summary>A delivery's row of totals: organisation, year, service, type, and act category and site with the nil uuid for none.</summary>
        private static string Key(string row) => $"""
            {row}."OrganisationId" AS o, extract(year FROM {row}."OnDate")::integer AS y, {row}."ServiceId" AS s, {row}."TypeId" AS t,
                coalesce({row}."ActCategoryId", '00000000-0000-0000-0000-000000000000') AS a, coalesce({row}."SiteId", '00000000-0000-0000-0000-000000000000') AS si
            """;

        /// <summary>Whether a delivery is in the totals: unless its case file is restricted.</summary>
        private static string Counted(string row) => $"""
            NOT EXISTS (SELECT 1 FROM "CaseFiles" AS c WHERE c."OrganisationId" = {row}."OrganisationId" AND c."Id" = {row}."CaseFileId" AND c."IsRestricted")
            """;

        /// <summary>Rows of a transition table whose decisive columns differ from the same delivery's in the other.</summary>
        private static string Changed(string row, string other) => $"""
            EXISTS (SELECT 1 FROM {other} AS x WHERE x."Id" = {row}."Id" AND ({string.Join(", ", Decisive.Split(", ").Select(c => $"x.{c}"))}) IS DISTINCT FROM ({string.Join(", ", Decisive.Split(", ").Select(c => $"{row}.{c}"))}))
            """;

        /// <summary>Each delivery of a transition table, counted, signed: added (1) or taken away (-1).</summary>
        private static string Rows(string table, int sign, string? also = null) => $"""
            SELECT {Key(table)}, {sign} AS n, {sign} * {table}."DurationSeconds"::bigint AS seconds, {sign} * coalesce({table}."DistanceMetres", 0)::bigint AS metres
            FROM {table} WHERE {Counted(table)}{(also is null ? "" : $" AND {also}")}
            """;

        /// <summary>
        /// The signed deliveries added up by row of totals and added to them, in the order of their keys so that two
        /// statements lock shared rows in the same order; then, where deliveries were taken away, the rows of those
        /// organisations that no delivery is added up in any more go.
        /// </summary>
        private static string Apply(string changes, string? emptiedIn) => $"""
            INSERT INTO "DeliveryTotals" AS total ({TotalColumns})
            SELECT o, y, s, t, a, si, sum(n), sum(seconds), sum(metres) FROM ({changes}) AS change
            GROUP BY o, y, s, t, a, si ORDER BY o, y, s, t, a, si
            ON CONFLICT ("OrganisationId", "Year", "ServiceId", "TypeId", "ActCategoryId", "SiteId") DO UPDATE
            SET "Count" = total."Count" + excluded."Count", "Seconds" = total."Seconds" + excluded."Seconds", "Metres" = total."Metres" + excluded."Metres";
            {(emptiedIn is null ? "" : $"""DELETE FROM "DeliveryTotals" WHERE "Count" = 0 AND "OrganisationId" IN ({emptiedIn});""")}
            """;
}
}
