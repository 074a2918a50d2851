using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suivi.Data.Migrations.PostgreSql
{
    /// <summary>
    /// Deliveries keep every reference they had, checked per statement instead of per row (decision 007).
    /// PostgreSQL checks a foreign key with one query per inserted row; a delivery has eight references, so a
    /// bulk import of a million rows ran eight million queries. Here the eight foreign keys of "Deliveries"
    /// become statement-level triggers over the rows a statement wrote: each distinct referenced key is locked
    /// FOR KEY SHARE (as PostgreSQL's own checks lock it) and looked up once. The referenced tables get the
    /// other half, as ON DELETE RESTRICT did: deleting or re-keying a row that a delivery still names fails.
    /// The errors carry the SQLSTATE (23503) and constraint names the foreign keys had. The EF Core model is
    /// unchanged: it still knows these relationships.
    /// </summary>
    public partial class SetBasedDeliveryReferences : Migration
    {
        private sealed record Reference(string Constraint, string Column, string Principal);

        private static readonly Reference[] References =
        [
            new("FK_Deliveries_Services_OrganisationId_ServiceId", "ServiceId", "Services"),
            new("FK_Deliveries_ListItems_OrganisationId_TypeId", "TypeId", "ListItems"),
            new("FK_Deliveries_ListItems_OrganisationId_ActCategoryId", "ActCategoryId", "ListItems"),
            new("FK_Deliveries_Staff_OrganisationId_WorkerId", "WorkerId", "Staff"),
            new("FK_Deliveries_CaseFiles_OrganisationId_CaseFileId", "CaseFileId", "CaseFiles"),
            new("FK_Deliveries_Beneficiaries_OrganisationId_BeneficiaryId", "BeneficiaryId", "Beneficiaries"),
            new("FK_Deliveries_Sites_OrganisationId_SiteId", "SiteId", "Sites"),
            new("FK_Deliveries_ImportRuns_OrganisationId_ImportRunId", "ImportRunId", "ImportRuns"),
        ];

        private static IEnumerable<string> Principals => References.Select(r => r.Principal).Distinct();

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var reference in References)
            {
                migrationBuilder.DropForeignKey(reference.Constraint, "Deliveries");
            }
            migrationBuilder.Sql(WrittenRowsCheck());
            foreach (var operation in new[] { "INSERT", "UPDATE" })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "Deliveries_References_{operation}" AFTER {operation} ON "Deliveries"
                    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION suivi_deliveries_references();
                    """);
            }
            foreach (var principal in Principals)
            {
                migrationBuilder.Sql(RemovedRowsCheck(principal));
                // A trigger with a transition table fires on one event only.
                foreach (var operation in new[] { "UPDATE", "DELETE" })
                {
                    migrationBuilder.Sql($"""
                        CREATE TRIGGER "{principal}_KeptForDeliveries_{operation}" AFTER {operation} ON "{principal}"
                        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION {PrincipalFunction(principal)}();
                        """);
                }
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var principal in Principals)
            {
                foreach (var operation in new[] { "UPDATE", "DELETE" })
                {
                    migrationBuilder.Sql($"DROP TRIGGER \"{principal}_KeptForDeliveries_{operation}\" ON \"{principal}\";");
                }
                migrationBuilder.Sql($"DROP FUNCTION {PrincipalFunction(principal)}();");
            }
            foreach (var operation in new[] { "INSERT", "UPDATE" })
            {
                migrationBuilder.Sql($"DROP TRIGGER \"Deliveries_References_{operation}\" ON \"Deliveries\";");
            }
            migrationBuilder.Sql("DROP FUNCTION suivi_deliveries_references();");
            foreach (var reference in References)
            {
                migrationBuilder.AddForeignKey(reference.Constraint, "Deliveries", ["OrganisationId", reference.Column],
                    reference.Principal, principalColumns: ["OrganisationId", "Id"], onDelete: ReferentialAction.Restrict);
            }
        }

        private static string PrincipalFunction(string principal) => $"suivi_{principal.ToLowerInvariant()}_kept_for_deliveries";

        /// <summary>
        /// One pass over the rows the statement wrote collects the distinct keys of every reference (hashed
        /// grouping sets: the rows are read once, not once per reference, which matters when a bulk import
        /// writes a million of them). Each reference's rows are then locked FOR KEY SHARE, as PostgreSQL's own
        /// checks lock them: a concurrent delete waits for this transaction, and a row deleted meanwhile is not
        /// returned. Fewer rows locked than keys wanted means a key without a row; only then is the first such
        /// key looked up, to name it in the error. The planner cannot know how few distinct keys a million rows
        /// hold and would sort them once per reference, spilling to disk (4.6 s for a million rows, measured):
        /// hashing, with memory for the hash tables, takes 0.7 s.
        /// </summary>
        private static string WrittenRowsCheck()
        {
            var columns = string.Join(", ", References.Select(r => $"\"{r.Column}\""));
            var sets = string.Join(", ", References.Select(r => $"(\"OrganisationId\", \"{r.Column}\")"));
            var locks = References.Select((r, i) => $"""
                        present{i} AS MATERIALIZED (
                            SELECT 1 FROM "{r.Principal}" AS p JOIN keys AS w ON p."OrganisationId" = w.o AND p."Id" = w."{r.Column}"
                            FOR KEY SHARE OF p)
                """);
            var shortfalls = References.Select((r, i) =>
                $"(SELECT count(*) FROM keys WHERE \"{r.Column}\" IS NOT NULL) - (SELECT count(*) FROM present{i})");
            var errors = References.Select((r, i) => $"""
                    IF shortfall[{i + 1}] <> 0 THEN
                        SELECT w.o, w.k INTO missing
                        FROM (SELECT DISTINCT "OrganisationId" AS o, "{r.Column}" AS k FROM written WHERE "{r.Column}" IS NOT NULL) AS w
                        WHERE NOT EXISTS (SELECT 1 FROM "{r.Principal}" AS p WHERE p."OrganisationId" = w.o AND p."Id" = w.k)
                        LIMIT 1;
                        RAISE EXCEPTION 'insert or update on table "Deliveries" violates foreign key constraint "{r.Constraint}"'
                            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = '{r.Constraint}', TABLE = 'Deliveries',
                                DETAIL = format('Key ("OrganisationId", "{r.Column}")=(%s, %s) is not present in table "{r.Principal}".', missing.o, missing.k);
                    END IF;
                """);
            return $"""
                CREATE FUNCTION suivi_deliveries_references() RETURNS trigger LANGUAGE plpgsql
                SET enable_sort = off SET work_mem = '64MB'
                AS $body$
                DECLARE
                    shortfall bigint[];
                    missing record;
                BEGIN
                    WITH keys AS MATERIALIZED (
                        SELECT "OrganisationId" AS o, {columns}
                        FROM written GROUP BY GROUPING SETS ({sets})),
                {string.Join(",\n", locks)}
                    SELECT ARRAY[{string.Join(",\n            ", shortfalls)}] INTO shortfall;
                {string.Join("\n", errors)}
                    RETURN NULL;
                END
                $body$;
                """;
        }

        /// <summary>
        /// Rows of a referenced table that a statement deleted or re-keyed: if a delivery still names a key that
        /// no longer exists, the statement fails, as ON DELETE RESTRICT made it fail.
        /// </summary>
        private static string RemovedRowsCheck(string principal)
        {
            var checks = References.Where(r => r.Principal == principal).Select(r => $"""
                    SELECT o."OrganisationId" AS o, o."Id" AS k INTO gone FROM removed AS o
                    WHERE NOT EXISTS (SELECT 1 FROM "{principal}" AS p WHERE p."OrganisationId" = o."OrganisationId" AND p."Id" = o."Id")
                      AND EXISTS (SELECT 1 FROM "Deliveries" AS d WHERE d."OrganisationId" = o."OrganisationId" AND d."{r.Column}" = o."Id")
                    LIMIT 1;
                    IF FOUND THEN
                        RAISE EXCEPTION 'update or delete on table "{principal}" violates foreign key constraint "{r.Constraint}" on table "Deliveries"'
                            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = '{r.Constraint}', TABLE = '{principal}',
                                DETAIL = format('Key ("OrganisationId", "Id")=(%s, %s) is still referenced from table "Deliveries".', gone.o, gone.k);
                    END IF;
                """);
            return $"""
                CREATE FUNCTION {PrincipalFunction(principal)}() RETURNS trigger LANGUAGE plpgsql AS $body$
                DECLARE
                    gone record;
                BEGIN
                {string.Join("\n", checks)}
                    RETURN NULL;
                END
                $body$;
                """;
        }
    }
}
