using Microsoft.EntityFrameworkCore.Migrations;

#nullable enable

namespace Suivi.Data.Migrations.PostgreSql
{
    /// <summary>
    /// The people counted per year and care insurance follow an update of the people's rows by adding the rows as they
    /// are now and taking away the rows as they were, each by its own insurance, instead of pairing the two by key: the
    /// pairing joined two transition tables the planner knows nothing about, row against row, and took two seconds for the
    /// ten thousand clients an import of a hundred thousand deliveries adds to (decision 013 wrote them with one
    /// statement, so the rows were new and never updated). Netted by group, a row whose insurance did not change adds
    /// nothing, as before; a row whose key changed would now also be counted right.
    /// </summary>
    public partial class PeopleTotalsByDelta : Migration
    {
        private const string Nil = "'00000000-0000-0000-0000-000000000000'::uuid";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Replace(migrationBuilder, $"""
            SELECT p."OrganisationId" AS o, p."Source" AS src, p."Year" AS y, p."Insured" AS i, 1 AS n FROM written AS p WHERE p."RestrictedFileId" = {Nil}
            UNION ALL
            SELECT p."OrganisationId", p."Source", p."Year", p."Insured", -1 FROM removed AS p WHERE p."RestrictedFileId" = {Nil}
            """, "HAVING sum(n) <> 0");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Replace(migrationBuilder, $"""
            SELECT p."OrganisationId" AS o, p."Source" AS src, p."Year" AS y, x.i, x.n FROM written AS p JOIN removed AS r USING ("OrganisationId", "Source", "RestrictedFileId", "Year", "BeneficiaryId"),
                LATERAL (VALUES (p."Insured", 1), (r."Insured", -1)) AS x(i, n)
            WHERE p."Insured" <> r."Insured" AND p."RestrictedFileId" = {Nil}
            """, "");

        private static void Replace(MigrationBuilder migrationBuilder, string changes, string having) => migrationBuilder.Sql($"""
            CREATE OR REPLACE FUNCTION suivi_counted_people_totals_update() RETURNS trigger LANGUAGE plpgsql
            SET enable_sort = off SET work_mem = '64MB'
            AS $body$
            BEGIN
                INSERT INTO "PeopleTotals" AS total ("OrganisationId", "Source", "Year", "Insured", "People")
                SELECT o, src, y, i, sum(n) FROM ({changes}) AS change
                GROUP BY o, src, y, i {having} ORDER BY o, src, y, i
                ON CONFLICT ("OrganisationId", "Source", "Year", "Insured") DO UPDATE SET "People" = total."People" + excluded."People";
                DELETE FROM "PeopleTotals" WHERE "People" = 0 AND "OrganisationId" IN (SELECT DISTINCT "OrganisationId" FROM written);
                RETURN NULL;
            END
            $body$;
            """);
    }
}
