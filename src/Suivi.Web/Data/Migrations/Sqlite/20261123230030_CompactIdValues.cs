using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suivi.Data.Migrations.Sqlite
{
    /// <summary>
    /// Every id rewritten from 36 characters of text to its 16 bytes, most significant first (decision 010), in the
    /// BLOB columns <see cref="CompactIds"/> made; Down writes the text EF Core wrote before.
    /// </summary>
    public partial class CompactIdValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            ConvertIds(migrationBuilder, ToBytes);
            AuditStaysAppendOnly(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ConvertIds(migrationBuilder, ToText);
            AuditStaysAppendOnly(migrationBuilder);
        }

        /// <summary>Every id column, by table: its values are rewritten once the tables have their new column types.</summary>
        private static readonly Dictionary<string, string[]> IdColumns = new()
        {
            ["AlarmSubscriptions"] = ["BeneficiaryId", "DeviceId", "Id", "ImportRunId", "OrganisationId", "ServiceId"],
            ["Alarms"] = ["Id", "ImportRunId", "OrganisationId", "OutcomeId", "ServiceId", "SubscriptionId"],
            ["Appointments"] = ["BeneficiaryId", "CaseFileId", "Id", "ImportRunId", "OrganisationId", "PostponedToId", "ServiceId", "SiteId", "StaffMemberId", "TypeId"],
            ["AspNetRoleClaims"] = ["RoleId"],
            ["AspNetRoles"] = ["Id"],
            ["AspNetUserClaims"] = ["UserId"],
            ["AspNetUserLogins"] = ["UserId"],
            ["AspNetUserRoles"] = ["RoleId", "UserId"],
            ["AspNetUserTokens"] = ["UserId"],
            ["AspNetUsers"] = ["Id"],
            ["Assessments"] = ["AssessedBy", "CaseFileId", "Id", "OrganisationId"],
            ["AuditEntries"] = ["CaseFileId", "EntityId", "OrganisationId", "UserId"],
            ["Beneficiaries"] = ["Id", "ImportRunId", "OrganisationId"],
            ["CareInsurancePeriods"] = ["BeneficiaryId", "Id", "ImportRunId", "OrganisationId"],
            ["CaseFileAccess"] = ["CaseFileId", "OrganisationId", "UserId"],
            ["CaseFileFlags"] = ["AuthorityId", "CaseFileId", "FlagId", "OrganisationId"],
            ["CaseFileMembers"] = ["BeneficiaryId", "CaseFileId", "OrganisationId"],
            ["CaseFileWorkers"] = ["CaseFileId", "OrganisationId", "StaffMemberId"],
            ["CaseFiles"] = ["Id", "ImportRunId", "OrganisationId", "RequestId", "ServiceId"],
            ["CaseNotes"] = ["AuthorId", "CaseFileId", "Id", "OrganisationId"],
            ["Contacts"] = ["BeneficiaryId", "ChannelId", "Id", "ImportRunId", "OrganisationId", "OutcomeId", "RequestId", "ServiceId", "StaffMemberId"],
            ["DayCentreVisits"] = ["BeneficiaryId", "Id", "ImportRunId", "OrganisationId", "ServiceId"],
            ["Deliveries"] = ["ActCategoryId", "BeneficiaryId", "CaseFileId", "Id", "ImportRunId", "OrganisationId", "ServiceId", "SiteId", "TypeId", "WorkerId"],
            ["DeliveryWorkers"] = ["DeliveryId", "OrganisationId", "StaffMemberId"],
            ["Episodes"] = ["CaseFileId", "ClosureReasonId", "Id", "OrganisationId"],
            ["FamilyLinks"] = ["FromBeneficiaryId", "Id", "OrganisationId", "ToBeneficiaryId"],
            ["GroupActivities"] = ["Id", "ImportRunId", "KindId", "OrganisationId", "ServiceId", "SiteId"],
            ["GroupActivityParticipants"] = ["ActivityId", "BeneficiaryId", "OrganisationId"],
            ["HousingStays"] = ["BeneficiaryId", "Id", "ImportRunId", "OrganisationId", "ServiceId"],
            ["ImportRuns"] = ["Id", "OrganisationId", "UserId"],
            ["ListItems"] = ["Id", "OrganisationId", "ServiceId"],
            ["Memberships"] = ["Id", "OrganisationId", "UserId"],
            ["Networks"] = ["Id"],
            ["Notifications"] = ["CaseFileId", "Id", "OrganisationId", "UserId"],
            ["Organisations"] = ["Id", "NetworkId"],
            ["PartnerServices"] = ["Id", "OrganisationId", "PartnerId"],
            ["Partners"] = ["Id", "OrganisationId"],
            ["PublishedReports"] = ["Id", "OrganisationId", "PublishedBy"],
            ["QualificationSecondaries"] = ["CategoryId", "OrganisationId", "QualificationId"],
            ["Qualifications"] = ["CaseFileId", "Id", "OrganisationId", "PrimaryCategoryId", "RecordedBy", "SchemeId"],
            ["Referrals"] = ["CaseFileId", "Id", "OrganisationId", "PartnerServiceId", "SpecialityId"],
            ["ReportDefinitions"] = ["Id", "OrganisationId", "UploadedBy"],
            ["RequestDecisions"] = ["CaseFileId", "DecidedBy", "Id", "OrganisationId", "PartnerServiceId", "ReasonId", "RequestId"],
            ["RequestPersons"] = ["BeneficiaryId", "OrganisationId", "RequestId"],
            ["Requests"] = ["ChannelId", "Id", "OrganisationId", "ServiceId", "SourceId"],
            ["Services"] = ["Id", "OrganisationId"],
            ["Sites"] = ["Id", "OrganisationId", "ServiceId"],
            ["Staff"] = ["Id", "OrganisationId", "ServiceId", "UserId"],
            ["TypologyCategories"] = ["Id", "OrganisationId", "SchemeId"],
            ["TypologySchemes"] = ["Id", "OrganisationId"],
        };

        /// <summary>36 characters of text to the 16 bytes they spell, most significant first (decision 010).</summary>
        private static string ToBytes(string column) =>
            $"unhex(replace(\"{column}\", '-', '')) WHERE typeof(\"{column}\") = 'text'";

        /// <summary>16 bytes back to the upper-case text EF Core wrote before.</summary>
        private static string ToText(string column) =>
            $"upper(substr(hex(\"{column}\"), 1, 8) || '-' || substr(hex(\"{column}\"), 9, 4) || '-' || substr(hex(\"{column}\"), 13, 4) || '-' || " +
            $"substr(hex(\"{column}\"), 17, 4) || '-' || substr(hex(\"{column}\"), 21, 12)) WHERE typeof(\"{column}\") = 'blob'";

        /// <summary>
        /// The audit log's append-only triggers, as the first migration made them: created again after a rebuild of its
        /// table dropped them and its ids were rewritten (the only change its rows ever see).
        /// </summary>
        internal static void AuditStaysAppendOnly(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER IF NOT EXISTS "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER IF NOT EXISTS "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
                """);
        }

        /// <summary>
        /// Rewrites every id in place with SQLite's own foreign-key checks off (a parent's id and its children's are
        /// rewritten by different statements) and the audit triggers set aside, then checks the whole database's foreign
        /// keys: a violation stops the migration.
        /// </summary>
        private static void ConvertIds(MigrationBuilder migrationBuilder, Func<string, string> convert)
        {
            migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEntries_no_update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEntries_no_delete\";");
            foreach (var (table, columns) in IdColumns)
            {
                foreach (var column in columns)
                {
                    migrationBuilder.Sql($"UPDATE \"{table}\" SET \"{column}\" = {convert(column)};");
                }
            }
            migrationBuilder.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
            migrationBuilder.Sql("""
                CREATE TEMP TABLE "IdsConverted" ("ForeignKeyViolations" INTEGER NOT NULL CHECK ("ForeignKeyViolations" = 0));
                INSERT INTO "IdsConverted" SELECT count(*) FROM pragma_foreign_key_check;
                DROP TABLE "IdsConverted";
                """);
        }
    }
}
