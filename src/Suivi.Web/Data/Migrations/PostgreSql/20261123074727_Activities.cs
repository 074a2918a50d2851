using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suivi.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Activities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TypologySchemes_OrganisationId",
                table: "TypologySchemes");

            migrationBuilder.DropIndex(
                name: "IX_TypologyCategories_OrganisationId",
                table: "TypologyCategories");

            migrationBuilder.DropIndex(
                name: "IX_Staff_OrganisationId",
                table: "Staff");

            migrationBuilder.DropIndex(
                name: "IX_Sites_OrganisationId",
                table: "Sites");

            migrationBuilder.DropIndex(
                name: "IX_Services_OrganisationId",
                table: "Services");

            migrationBuilder.DropIndex(
                name: "IX_Requests_OrganisationId",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_RequestPersons_OrganisationId",
                table: "RequestPersons");

            migrationBuilder.DropIndex(
                name: "IX_RequestDecisions_OrganisationId",
                table: "RequestDecisions");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_OrganisationId",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_QualificationSecondaries_OrganisationId",
                table: "QualificationSecondaries");

            migrationBuilder.DropIndex(
                name: "IX_Qualifications_OrganisationId",
                table: "Qualifications");

            migrationBuilder.DropIndex(
                name: "IX_PartnerServices_OrganisationId",
                table: "PartnerServices");

            migrationBuilder.DropIndex(
                name: "IX_Partners_OrganisationId",
                table: "Partners");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_OrganisationId",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_ListItems_OrganisationId",
                table: "ListItems");

            migrationBuilder.DropIndex(
                name: "IX_FamilyLinks_OrganisationId",
                table: "FamilyLinks");

            migrationBuilder.DropIndex(
                name: "IX_Episodes_OrganisationId",
                table: "Episodes");

            migrationBuilder.DropIndex(
                name: "IX_CaseNotes_OrganisationId",
                table: "CaseNotes");

            migrationBuilder.DropIndex(
                name: "IX_CaseFileWorkers_OrganisationId",
                table: "CaseFileWorkers");

            migrationBuilder.DropIndex(
                name: "IX_CaseFiles_OrganisationId",
                table: "CaseFiles");

            migrationBuilder.DropIndex(
                name: "IX_CaseFileMembers_OrganisationId",
                table: "CaseFileMembers");

            migrationBuilder.DropIndex(
                name: "IX_CaseFileFlags_OrganisationId",
                table: "CaseFileFlags");

            migrationBuilder.DropIndex(
                name: "IX_CaseFileAccess_OrganisationId",
                table: "CaseFileAccess");

            migrationBuilder.DropIndex(
                name: "IX_Beneficiaries_OrganisationId",
                table: "Beneficiaries");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_OrganisationId",
                table: "Assessments");

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "CaseFiles",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ImportRunId",
                table: "CaseFiles",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Beneficiaries",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ImportRunId",
                table: "Beneficiaries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddUniqueConstraint(
                name: "AK_Sites_OrganisationId_Id",
                table: "Sites",
                columns: new[] { "OrganisationId", "Id" });

            migrationBuilder.CreateTable(
                name: "ImportRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DryRun = table.Column<bool>(type: "boolean", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RowsRead = table.Column<long>(type: "bigint", nullable: false),
                    RowsWritten = table.Column<long>(type: "bigint", nullable: false),
                    RowsSkipped = table.Column<long>(type: "bigint", nullable: false),
                    ErrorCount = table.Column<long>(type: "bigint", nullable: false),
                    Errors = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportRuns", x => x.Id);
                    table.UniqueConstraint("AK_ImportRuns_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "AlarmSubscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeviceId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ImportRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlarmSubscriptions", x => x.Id);
                    table.UniqueConstraint("AK_AlarmSubscriptions_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                    table.ForeignKey(
                        name: "FK_AlarmSubscriptions_Beneficiaries_OrganisationId_Beneficiary~",
                        columns: x => new { x.OrganisationId, x.BeneficiaryId },
                        principalTable: "Beneficiaries",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AlarmSubscriptions_ImportRuns_OrganisationId_ImportRunId",
                        columns: x => new { x.OrganisationId, x.ImportRunId },
                        principalTable: "ImportRuns",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AlarmSubscriptions_ListItems_OrganisationId_DeviceId",
                        columns: x => new { x.OrganisationId, x.DeviceId },
                        principalTable: "ListItems",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AlarmSubscriptions_Services_OrganisationId_ServiceId",
                        columns: x => new { x.OrganisationId, x.ServiceId },
                        principalTable: "Services",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OnDate = table.Column<DateOnly>(type: "date", nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: true),
                    TypeId = table.Column<Guid>(type: "uuid", nullable: true),
                    BeneficiaryId = table.Column<Guid>(type: "uuid", nullable: true),
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    StaffMemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ChangeReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PostponedToId = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ImportRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appointments", x => x.Id);
                    table.UniqueConstraint("AK_Appointments_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                    table.ForeignKey(
                        name: "FK_Appointments_Appointments_OrganisationId_PostponedToId",
                        columns: x => new { x.OrganisationId, x.PostponedToId },
                        principalTable: "Appointments",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Appointments_Beneficiaries_OrganisationId_BeneficiaryId",
                        columns: x => new { x.OrganisationId, x.BeneficiaryId },
                        principalTable: "Beneficiaries",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Appointments_CaseFiles_OrganisationId_CaseFileId",
                        columns: x => new { x.OrganisationId, x.CaseFileId },
                        principalTable: "CaseFiles",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Appointments_ImportRuns_OrganisationId_ImportRunId",
                        columns: x => new { x.OrganisationId, x.ImportRunId },
                        principalTable: "ImportRuns",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Appointments_ListItems_OrganisationId_TypeId",
                        columns: x => new { x.OrganisationId, x.TypeId },
                        principalTable: "ListItems",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Appointments_Services_OrganisationId_ServiceId",
                        columns: x => new { x.OrganisationId, x.ServiceId },
                        principalTable: "Services",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Appointments_Sites_OrganisationId_SiteId",
                        columns: x => new { x.OrganisationId, x.SiteId },
                        principalTable: "Sites",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Appointments_Staff_OrganisationId_StaffMemberId",
                        columns: x => new { x.OrganisationId, x.StaffMemberId },
                        principalTable: "Staff",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CareInsurancePeriods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ImportRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareInsurancePeriods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareInsurancePeriods_Beneficiaries_OrganisationId_Beneficia~",
                        columns: x => new { x.OrganisationId, x.BeneficiaryId },
                        principalTable: "Beneficiaries",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CareInsurancePeriods_ImportRuns_OrganisationId_ImportRunId",
                        columns: x => new { x.OrganisationId, x.ImportRunId },
                        principalTable: "ImportRuns",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Direction = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OnDate = table.Column<DateOnly>(type: "date", nullable: false),
                    AtTime = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    DurationSeconds = table.Column<int>(type: "integer", nullable: true),
                    ChannelId = table.Column<Guid>(type: "uuid", nullable: true),
                    BeneficiaryId = table.Column<Guid>(type: "uuid", nullable: true),
                    OutcomeId = table.Column<Guid>(type: "uuid", nullable: true),
                    StaffMemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    Subject = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: true),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ImportRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contacts_Beneficiaries_OrganisationId_BeneficiaryId",
                        columns: x => new { x.OrganisationId, x.BeneficiaryId },
                        principalTable: "Beneficiaries",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Contacts_ImportRuns_OrganisationId_ImportRunId",
                        columns: x => new { x.OrganisationId, x.ImportRunId },
                        principalTable: "ImportRuns",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Contacts_ListItems_OrganisationId_ChannelId",
                        columns: x => new { x.OrganisationId, x.ChannelId },
                        principalTable: "ListItems",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Contacts_ListItems_OrganisationId_OutcomeId",
                        columns: x => new { x.OrganisationId, x.OutcomeId },
                        principalTable: "ListItems",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Contacts_Requests_OrganisationId_RequestId",
                        columns: x => new { x.OrganisationId, x.RequestId },
                        principalTable: "Requests",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Contacts_Services_OrganisationId_ServiceId",
                        columns: x => new { x.OrganisationId, x.ServiceId },
                        principalTable: "Services",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Contacts_Staff_OrganisationId_StaffMemberId",
                        columns: x => new { x.OrganisationId, x.StaffMemberId },
                        principalTable: "Staff",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DayCentreVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    OnDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ImportRunId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DayCentreVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DayCentreVisits_Beneficiaries_OrganisationId_BeneficiaryId",
                        columns: x => new { x.OrganisationId, x.BeneficiaryId },
                        principalTable: "Beneficiaries",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DayCentreVisits_ImportRuns_OrganisationId_ImportRunId",
                        columns: x => new { x.OrganisationId, x.ImportRunId },
                        principalTable: "ImportRuns",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DayCentreVisits_Services_OrganisationId_ServiceId",
                        columns: x => new { x.OrganisationId, x.ServiceId },
                        principalTable: "Services",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Deliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    OnDate = table.Column<DateOnly>(type: "date", nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    DurationSeconds = table.Column<int>(type: "integer", nullable: false),
                    TypeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActCategoryId = table.Column<Guid>(type: "uuid", nullable: true),
                    WorkerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    BeneficiaryId = table.Column<Guid>(type: "uuid", nullable: true),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: true),
                    DistanceMetres = table.Column<int>(type: "integer", nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ImportRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deliveries", x => x.Id);
                    table.UniqueConstraint("AK_Deliveries_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                    table.ForeignKey(
                        name: "FK_Deliveries_Beneficiaries_OrganisationId_BeneficiaryId",
                        columns: x => new { x.OrganisationId, x.BeneficiaryId },
                        principalTable: "Beneficiaries",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Deliveries_CaseFiles_OrganisationId_CaseFileId",
                        columns: x => new { x.OrganisationId, x.CaseFileId },
                        principalTable: "CaseFiles",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Deliveries_ImportRuns_OrganisationId_ImportRunId",
                        columns: x => new { x.OrganisationId, x.ImportRunId },
                        principalTable: "ImportRuns",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Deliveries_ListItems_OrganisationId_ActCategoryId",
                        columns: x => new { x.OrganisationId, x.ActCategoryId },
                        principalTable: "ListItems",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Deliveries_ListItems_OrganisationId_TypeId",
                        columns: x => new { x.OrganisationId, x.TypeId },
                        principalTable: "ListItems",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Deliveries_Services_OrganisationId_ServiceId",
                        columns: x => new { x.OrganisationId, x.ServiceId },
                        principalTable: "Services",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Deliveries_Sites_OrganisationId_SiteId",
                        columns: x => new { x.OrganisationId, x.SiteId },
                        principalTable: "Sites",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Deliveries_Staff_OrganisationId_WorkerId",
                        columns: x => new { x.OrganisationId, x.WorkerId },
                        principalTable: "Staff",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GroupActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    KindId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    OnDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: true),
                    UnnamedParticipants = table.Column<int>(type: "integer", nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ImportRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupActivities", x => x.Id);
                    table.UniqueConstraint("AK_GroupActivities_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                    table.ForeignKey(
                        name: "FK_GroupActivities_ImportRuns_OrganisationId_ImportRunId",
                        columns: x => new { x.OrganisationId, x.ImportRunId },
                        principalTable: "ImportRuns",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GroupActivities_ListItems_OrganisationId_KindId",
                        columns: x => new { x.OrganisationId, x.KindId },
                        principalTable: "ListItems",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GroupActivities_Services_OrganisationId_ServiceId",
                        columns: x => new { x.OrganisationId, x.ServiceId },
                        principalTable: "Services",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GroupActivities_Sites_OrganisationId_SiteId",
                        columns: x => new { x.OrganisationId, x.SiteId },
                        principalTable: "Sites",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HousingStays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ImportRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HousingStays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HousingStays_Beneficiaries_OrganisationId_BeneficiaryId",
                        columns: x => new { x.OrganisationId, x.BeneficiaryId },
                        principalTable: "Beneficiaries",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HousingStays_ImportRuns_OrganisationId_ImportRunId",
                        columns: x => new { x.OrganisationId, x.ImportRunId },
                        principalTable: "ImportRuns",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HousingStays_Services_OrganisationId_ServiceId",
                        columns: x => new { x.OrganisationId, x.ServiceId },
                        principalTable: "Services",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Alarms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    OnDate = table.Column<DateOnly>(type: "date", nullable: false),
                    AtTime = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    OutcomeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ImportRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Alarms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Alarms_AlarmSubscriptions_OrganisationId_SubscriptionId",
                        columns: x => new { x.OrganisationId, x.SubscriptionId },
                        principalTable: "AlarmSubscriptions",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Alarms_ImportRuns_OrganisationId_ImportRunId",
                        columns: x => new { x.OrganisationId, x.ImportRunId },
                        principalTable: "ImportRuns",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Alarms_ListItems_OrganisationId_OutcomeId",
                        columns: x => new { x.OrganisationId, x.OutcomeId },
                        principalTable: "ListItems",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Alarms_Services_OrganisationId_ServiceId",
                        columns: x => new { x.OrganisationId, x.ServiceId },
                        principalTable: "Services",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeliveryWorkers",
                columns: table => new
                {
                    DeliveryId = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffMemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliveryWorkers", x => new { x.DeliveryId, x.StaffMemberId });
                    table.ForeignKey(
                        name: "FK_DeliveryWorkers_Deliveries_OrganisationId_DeliveryId",
                        columns: x => new { x.OrganisationId, x.DeliveryId },
                        principalTable: "Deliveries",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DeliveryWorkers_Staff_OrganisationId_StaffMemberId",
                        columns: x => new { x.OrganisationId, x.StaffMemberId },
                        principalTable: "Staff",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GroupActivityParticipants",
                columns: table => new
                {
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupActivityParticipants", x => new { x.ActivityId, x.BeneficiaryId });
                    table.ForeignKey(
                        name: "FK_GroupActivityParticipants_Beneficiaries_OrganisationId_Bene~",
                        columns: x => new { x.OrganisationId, x.BeneficiaryId },
                        principalTable: "Beneficiaries",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GroupActivityParticipants_GroupActivities_OrganisationId_Ac~",
                        columns: x => new { x.OrganisationId, x.ActivityId },
                        principalTable: "GroupActivities",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_OrganisationId_ExternalId",
                table: "CaseFiles",
                columns: new[] { "OrganisationId", "ExternalId" },
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Beneficiaries_OrganisationId_ExternalId",
                table: "Beneficiaries",
                columns: new[] { "OrganisationId", "ExternalId" },
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Alarms_OrganisationId_ExternalId",
                table: "Alarms",
                columns: new[] { "OrganisationId", "ExternalId" },
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Alarms_OrganisationId_ServiceId_OnDate",
                table: "Alarms",
                columns: new[] { "OrganisationId", "ServiceId", "OnDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Alarms_OrganisationId_SubscriptionId",
                table: "Alarms",
                columns: new[] { "OrganisationId", "SubscriptionId" });

            migrationBuilder.CreateIndex(
                name: "IX_AlarmSubscriptions_OrganisationId_BeneficiaryId",
                table: "AlarmSubscriptions",
                columns: new[] { "OrganisationId", "BeneficiaryId" });

            migrationBuilder.CreateIndex(
                name: "IX_AlarmSubscriptions_OrganisationId_DeviceId",
                table: "AlarmSubscriptions",
                columns: new[] { "OrganisationId", "DeviceId" });

            migrationBuilder.CreateIndex(
                name: "IX_AlarmSubscriptions_OrganisationId_ExternalId",
                table: "AlarmSubscriptions",
                columns: new[] { "OrganisationId", "ExternalId" },
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AlarmSubscriptions_OrganisationId_ServiceId",
                table: "AlarmSubscriptions",
                columns: new[] { "OrganisationId", "ServiceId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_OrganisationId_BeneficiaryId",
                table: "Appointments",
                columns: new[] { "OrganisationId", "BeneficiaryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_OrganisationId_CaseFileId",
                table: "Appointments",
                columns: new[] { "OrganisationId", "CaseFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_OrganisationId_ExternalId",
                table: "Appointments",
                columns: new[] { "OrganisationId", "ExternalId" },
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_OrganisationId_PostponedToId",
                table: "Appointments",
                columns: new[] { "OrganisationId", "PostponedToId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_OrganisationId_ServiceId_OnDate",
                table: "Appointments",
                columns: new[] { "OrganisationId", "ServiceId", "OnDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_OrganisationId_SiteId",
                table: "Appointments",
                columns: new[] { "OrganisationId", "SiteId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_OrganisationId_StaffMemberId",
                table: "Appointments",
                columns: new[] { "OrganisationId", "StaffMemberId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_OrganisationId_TypeId",
                table: "Appointments",
                columns: new[] { "OrganisationId", "TypeId" });

            migrationBuilder.CreateIndex(
                name: "IX_CareInsurancePeriods_OrganisationId_BeneficiaryId",
                table: "CareInsurancePeriods",
                columns: new[] { "OrganisationId", "BeneficiaryId" });

            migrationBuilder.CreateIndex(
                name: "IX_CareInsurancePeriods_OrganisationId_ExternalId",
                table: "CareInsurancePeriods",
                columns: new[] { "OrganisationId", "ExternalId" },
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OrganisationId_BeneficiaryId",
                table: "Contacts",
                columns: new[] { "OrganisationId", "BeneficiaryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OrganisationId_ExternalId",
                table: "Contacts",
                columns: new[] { "OrganisationId", "ExternalId" },
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OrganisationId_RequestId",
                table: "Contacts",
                columns: new[] { "OrganisationId", "RequestId" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OrganisationId_ServiceId_OnDate",
                table: "Contacts",
                columns: new[] { "OrganisationId", "ServiceId", "OnDate" });

            migrationBuilder.CreateIndex(
                name: "IX_DayCentreVisits_OrganisationId_BeneficiaryId",
                table: "DayCentreVisits",
                columns: new[] { "OrganisationId", "BeneficiaryId" });

            migrationBuilder.CreateIndex(
                name: "IX_DayCentreVisits_OrganisationId_ExternalId",
                table: "DayCentreVisits",
                columns: new[] { "OrganisationId", "ExternalId" },
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DayCentreVisits_OrganisationId_ServiceId_OnDate_Beneficiary~",
                table: "DayCentreVisits",
                columns: new[] { "OrganisationId", "ServiceId", "OnDate", "BeneficiaryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_OrganisationId_BeneficiaryId",
                table: "Deliveries",
                columns: new[] { "OrganisationId", "BeneficiaryId" },
                filter: "\"BeneficiaryId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_OrganisationId_CaseFileId",
                table: "Deliveries",
                columns: new[] { "OrganisationId", "CaseFileId" },
                filter: "\"CaseFileId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_OrganisationId_ExternalId",
                table: "Deliveries",
                columns: new[] { "OrganisationId", "ExternalId" },
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_OrganisationId_OnDate",
                table: "Deliveries",
                columns: new[] { "OrganisationId", "OnDate" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryWorkers_OrganisationId_DeliveryId",
                table: "DeliveryWorkers",
                columns: new[] { "OrganisationId", "DeliveryId" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryWorkers_OrganisationId_StaffMemberId",
                table: "DeliveryWorkers",
                columns: new[] { "OrganisationId", "StaffMemberId" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupActivities_OrganisationId_ExternalId",
                table: "GroupActivities",
                columns: new[] { "OrganisationId", "ExternalId" },
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_GroupActivities_OrganisationId_KindId",
                table: "GroupActivities",
                columns: new[] { "OrganisationId", "KindId" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupActivities_OrganisationId_ServiceId_OnDate",
                table: "GroupActivities",
                columns: new[] { "OrganisationId", "ServiceId", "OnDate" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupActivities_OrganisationId_SiteId",
                table: "GroupActivities",
                columns: new[] { "OrganisationId", "SiteId" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupActivityParticipants_OrganisationId_ActivityId",
                table: "GroupActivityParticipants",
                columns: new[] { "OrganisationId", "ActivityId" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupActivityParticipants_OrganisationId_BeneficiaryId",
                table: "GroupActivityParticipants",
                columns: new[] { "OrganisationId", "BeneficiaryId" });

            migrationBuilder.CreateIndex(
                name: "IX_HousingStays_OrganisationId_BeneficiaryId",
                table: "HousingStays",
                columns: new[] { "OrganisationId", "BeneficiaryId" });

            migrationBuilder.CreateIndex(
                name: "IX_HousingStays_OrganisationId_ExternalId",
                table: "HousingStays",
                columns: new[] { "OrganisationId", "ExternalId" },
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_HousingStays_OrganisationId_ServiceId",
                table: "HousingStays",
                columns: new[] { "OrganisationId", "ServiceId" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportRuns_OrganisationId_StartedAt",
                table: "ImportRuns",
                columns: new[] { "OrganisationId", "StartedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Beneficiaries_ImportRuns_OrganisationId_ImportRunId",
                table: "Beneficiaries",
                columns: new[] { "OrganisationId", "ImportRunId" },
                principalTable: "ImportRuns",
                principalColumns: new[] { "OrganisationId", "Id" },
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_CaseFiles_ImportRuns_OrganisationId_ImportRunId",
                table: "CaseFiles",
                columns: new[] { "OrganisationId", "ImportRunId" },
                principalTable: "ImportRuns",
                principalColumns: new[] { "OrganisationId", "Id" },
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Beneficiaries_ImportRuns_OrganisationId_ImportRunId",
                table: "Beneficiaries");

            migrationBuilder.DropForeignKey(
                name: "FK_CaseFiles_ImportRuns_OrganisationId_ImportRunId",
                table: "CaseFiles");

            migrationBuilder.DropTable(
                name: "Alarms");

            migrationBuilder.DropTable(
                name: "Appointments");

            migrationBuilder.DropTable(
                name: "CareInsurancePeriods");

            migrationBuilder.DropTable(
                name: "Contacts");

            migrationBuilder.DropTable(
                name: "DayCentreVisits");

            migrationBuilder.DropTable(
                name: "DeliveryWorkers");

            migrationBuilder.DropTable(
                name: "GroupActivityParticipants");

            migrationBuilder.DropTable(
                name: "HousingStays");

            migrationBuilder.DropTable(
                name: "AlarmSubscriptions");

            migrationBuilder.DropTable(
                name: "Deliveries");

            migrationBuilder.DropTable(
                name: "GroupActivities");

            migrationBuilder.DropTable(
                name: "ImportRuns");

            migrationBuilder.DropUniqueConstraint(
                name: "AK_Sites_OrganisationId_Id",
                table: "Sites");

            migrationBuilder.DropIndex(
                name: "IX_CaseFiles_OrganisationId_ExternalId",
                table: "CaseFiles");

            migrationBuilder.DropIndex(
                name: "IX_Beneficiaries_OrganisationId_ExternalId",
                table: "Beneficiaries");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "CaseFiles");

            migrationBuilder.DropColumn(
                name: "ImportRunId",
                table: "CaseFiles");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Beneficiaries");

            migrationBuilder.DropColumn(
                name: "ImportRunId",
                table: "Beneficiaries");

            migrationBuilder.CreateIndex(
                name: "IX_TypologySchemes_OrganisationId",
                table: "TypologySchemes",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_TypologyCategories_OrganisationId",
                table: "TypologyCategories",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Staff_OrganisationId",
                table: "Staff",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Sites_OrganisationId",
                table: "Sites",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Services_OrganisationId",
                table: "Services",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_OrganisationId",
                table: "Requests",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestPersons_OrganisationId",
                table: "RequestPersons",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestDecisions_OrganisationId",
                table: "RequestDecisions",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_OrganisationId",
                table: "Referrals",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_QualificationSecondaries_OrganisationId",
                table: "QualificationSecondaries",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Qualifications_OrganisationId",
                table: "Qualifications",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerServices_OrganisationId",
                table: "PartnerServices",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Partners_OrganisationId",
                table: "Partners",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_OrganisationId",
                table: "Notifications",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ListItems_OrganisationId",
                table: "ListItems",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_FamilyLinks_OrganisationId",
                table: "FamilyLinks",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_OrganisationId",
                table: "Episodes",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseNotes_OrganisationId",
                table: "CaseNotes",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileWorkers_OrganisationId",
                table: "CaseFileWorkers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_OrganisationId",
                table: "CaseFiles",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileMembers_OrganisationId",
                table: "CaseFileMembers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileFlags_OrganisationId",
                table: "CaseFileFlags",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileAccess_OrganisationId",
                table: "CaseFileAccess",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Beneficiaries_OrganisationId",
                table: "Beneficiaries",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_OrganisationId",
                table: "Assessments",
                column: "OrganisationId");
        }
    }
}
