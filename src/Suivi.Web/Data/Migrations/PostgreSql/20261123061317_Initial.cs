using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Suivi.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    PreferredLanguage = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    IsNetworkAdministrator = table.Column<bool>(type: "boolean", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    SecurityStamp = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PhoneNumber = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EntityType = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    EntityId = table.Column<Guid>(type: "uuid", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Networks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Networks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Partners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Theme = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Address = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Region = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Phone = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Email = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Website = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Languages = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    SearchKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Partners", x => x.Id);
                    table.UniqueConstraint("AK_Partners_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "TypologySchemes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Edition = table.Column<int>(type: "integer", nullable: false),
                    RetiredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Name_De = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Name_En = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Name_Fr = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TypologySchemes", x => x.Id);
                    table.UniqueConstraint("AK_TypologySchemes_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimType = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ClaimValue = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimType = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ClaimValue = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ProviderKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    LoginProvider = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Value = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Organisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NetworkId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Slug = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organisations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Organisations_Networks_NetworkId",
                        column: x => x.NetworkId,
                        principalTable: "Networks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PartnerServices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Theme = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Phone = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Email = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Languages = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerServices", x => x.Id);
                    table.UniqueConstraint("AK_PartnerServices_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                    table.ForeignKey(
                        name: "FK_PartnerServices_Partners_OrganisationId_PartnerId",
                        columns: x => new { x.OrganisationId, x.PartnerId },
                        principalTable: "Partners",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TypologyCategories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchemeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Group = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    SinceEdition = table.Column<int>(type: "integer", nullable: false),
                    RetiredInEdition = table.Column<int>(type: "integer", nullable: true),
                    RetiredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Label_De = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Label_En = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Label_Fr = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TypologyCategories", x => x.Id);
                    table.UniqueConstraint("AK_TypologyCategories_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                    table.ForeignKey(
                        name: "FK_TypologyCategories_TypologySchemes_OrganisationId_SchemeId",
                        columns: x => new { x.OrganisationId, x.SchemeId },
                        principalTable: "TypologySchemes",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Beneficiaries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    FirstName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    LastName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Sex = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Region = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Language = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Phone = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Email = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Address = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SearchKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Beneficiaries", x => x.Id);
                    table.UniqueConstraint("AK_Beneficiaries_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                    table.ForeignKey(
                        name: "FK_Beneficiaries_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Memberships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Memberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Memberships_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Memberships_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Services",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Services", x => x.Id);
                    table.UniqueConstraint("AK_Services_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                    table.ForeignKey(
                        name: "FK_Services_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FamilyLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromBeneficiaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToBeneficiaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Relation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FamilyLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FamilyLinks_Beneficiaries_OrganisationId_FromBeneficiaryId",
                        columns: x => new { x.OrganisationId, x.FromBeneficiaryId },
                        principalTable: "Beneficiaries",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FamilyLinks_Beneficiaries_OrganisationId_ToBeneficiaryId",
                        columns: x => new { x.OrganisationId, x.ToBeneficiaryId },
                        principalTable: "Beneficiaries",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: true),
                    IsRestricted = table.Column<bool>(type: "boolean", nullable: false),
                    CurrentColour = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseFiles", x => x.Id);
                    table.UniqueConstraint("AK_CaseFiles_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                    table.ForeignKey(
                        name: "FK_CaseFiles_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseFiles_Services_OrganisationId_ServiceId",
                        columns: x => new { x.OrganisationId, x.ServiceId },
                        principalTable: "Services",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ListItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    List = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Code = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    FlagValue = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RetiredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Label_De = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Label_En = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Label_Fr = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListItems", x => x.Id);
                    table.UniqueConstraint("AK_ListItems_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                    table.ForeignKey(
                        name: "FK_ListItems_Services_OrganisationId_ServiceId",
                        columns: x => new { x.OrganisationId, x.ServiceId },
                        principalTable: "Services",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Sites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Region = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Address = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Sites_Services_OrganisationId_ServiceId",
                        columns: x => new { x.OrganisationId, x.ServiceId },
                        principalTable: "Services",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Staff",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    FirstName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    LastName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Profession = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: true),
                    FteMillionths = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Staff", x => x.Id);
                    table.UniqueConstraint("AK_Staff_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                    table.ForeignKey(
                        name: "FK_Staff_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Staff_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Staff_Services_OrganisationId_ServiceId",
                        columns: x => new { x.OrganisationId, x.ServiceId },
                        principalTable: "Services",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    Colour = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AssessedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Rationale = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assessments_CaseFiles_OrganisationId_CaseFileId",
                        columns: x => new { x.OrganisationId, x.CaseFileId },
                        principalTable: "CaseFiles",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseFileAccess",
                columns: table => new
                {
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseFileAccess", x => new { x.CaseFileId, x.UserId });
                    table.ForeignKey(
                        name: "FK_CaseFileAccess_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseFileAccess_CaseFiles_OrganisationId_CaseFileId",
                        columns: x => new { x.OrganisationId, x.CaseFileId },
                        principalTable: "CaseFiles",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseFileMembers",
                columns: table => new
                {
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseFileMembers", x => new { x.CaseFileId, x.BeneficiaryId });
                    table.ForeignKey(
                        name: "FK_CaseFileMembers_Beneficiaries_OrganisationId_BeneficiaryId",
                        columns: x => new { x.OrganisationId, x.BeneficiaryId },
                        principalTable: "Beneficiaries",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseFileMembers_CaseFiles_OrganisationId_CaseFileId",
                        columns: x => new { x.OrganisationId, x.CaseFileId },
                        principalTable: "CaseFiles",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseNotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Visibility = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    WrittenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseNotes_CaseFiles_OrganisationId_CaseFileId",
                        columns: x => new { x.OrganisationId, x.CaseFileId },
                        principalTable: "CaseFiles",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    Subject = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Notifications_CaseFiles_OrganisationId_CaseFileId",
                        columns: x => new { x.OrganisationId, x.CaseFileId },
                        principalTable: "CaseFiles",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Qualifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeNumber = table.Column<int>(type: "integer", nullable: false),
                    Stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SchemeId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchemeEdition = table.Column<int>(type: "integer", nullable: false),
                    PrimaryCategoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Why = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Qualifications", x => x.Id);
                    table.UniqueConstraint("AK_Qualifications_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                    table.ForeignKey(
                        name: "FK_Qualifications_CaseFiles_OrganisationId_CaseFileId",
                        columns: x => new { x.OrganisationId, x.CaseFileId },
                        principalTable: "CaseFiles",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Qualifications_TypologyCategories_OrganisationId_PrimaryCat~",
                        columns: x => new { x.OrganisationId, x.PrimaryCategoryId },
                        principalTable: "TypologyCategories",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Qualifications_TypologySchemes_OrganisationId_SchemeId",
                        columns: x => new { x.OrganisationId, x.SchemeId },
                        principalTable: "TypologySchemes",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseFileFlags",
                columns: table => new
                {
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    FlagId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    AuthorityId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseFileFlags", x => new { x.CaseFileId, x.FlagId });
                    table.ForeignKey(
                        name: "FK_CaseFileFlags_CaseFiles_OrganisationId_CaseFileId",
                        columns: x => new { x.OrganisationId, x.CaseFileId },
                        principalTable: "CaseFiles",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseFileFlags_ListItems_OrganisationId_AuthorityId",
                        columns: x => new { x.OrganisationId, x.AuthorityId },
                        principalTable: "ListItems",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseFileFlags_ListItems_OrganisationId_FlagId",
                        columns: x => new { x.OrganisationId, x.FlagId },
                        principalTable: "ListItems",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Episodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosureReasonId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Episodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Episodes_CaseFiles_OrganisationId_CaseFileId",
                        columns: x => new { x.OrganisationId, x.CaseFileId },
                        principalTable: "CaseFiles",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Episodes_ListItems_OrganisationId_ClosureReasonId",
                        columns: x => new { x.OrganisationId, x.ClosureReasonId },
                        principalTable: "ListItems",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerServiceId = table.Column<Guid>(type: "uuid", nullable: true),
                    SpecialityId = table.Column<Guid>(type: "uuid", nullable: true),
                    SentOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OutcomeOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_CaseFiles_OrganisationId_CaseFileId",
                        columns: x => new { x.OrganisationId, x.CaseFileId },
                        principalTable: "CaseFiles",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Referrals_ListItems_OrganisationId_SpecialityId",
                        columns: x => new { x.OrganisationId, x.SpecialityId },
                        principalTable: "ListItems",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_PartnerServices_OrganisationId_PartnerServiceId",
                        columns: x => new { x.OrganisationId, x.PartnerServiceId },
                        principalTable: "PartnerServices",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChannelId = table.Column<Guid>(type: "uuid", nullable: true),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Urgency = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Decision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Requests", x => x.Id);
                    table.UniqueConstraint("AK_Requests_OrganisationId_Id", x => new { x.OrganisationId, x.Id });
                    table.ForeignKey(
                        name: "FK_Requests_ListItems_OrganisationId_ChannelId",
                        columns: x => new { x.OrganisationId, x.ChannelId },
                        principalTable: "ListItems",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Requests_ListItems_OrganisationId_SourceId",
                        columns: x => new { x.OrganisationId, x.SourceId },
                        principalTable: "ListItems",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Requests_Services_OrganisationId_ServiceId",
                        columns: x => new { x.OrganisationId, x.ServiceId },
                        principalTable: "Services",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseFileWorkers",
                columns: table => new
                {
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffMemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseFileWorkers", x => new { x.CaseFileId, x.StaffMemberId });
                    table.ForeignKey(
                        name: "FK_CaseFileWorkers_CaseFiles_OrganisationId_CaseFileId",
                        columns: x => new { x.OrganisationId, x.CaseFileId },
                        principalTable: "CaseFiles",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseFileWorkers_Staff_OrganisationId_StaffMemberId",
                        columns: x => new { x.OrganisationId, x.StaffMemberId },
                        principalTable: "Staff",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QualificationSecondaries",
                columns: table => new
                {
                    QualificationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CategoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualificationSecondaries", x => new { x.QualificationId, x.CategoryId });
                    table.ForeignKey(
                        name: "FK_QualificationSecondaries_Qualifications_OrganisationId_Qual~",
                        columns: x => new { x.OrganisationId, x.QualificationId },
                        principalTable: "Qualifications",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_QualificationSecondaries_TypologyCategories_OrganisationId_~",
                        columns: x => new { x.OrganisationId, x.CategoryId },
                        principalTable: "TypologyCategories",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RequestDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReasonId = table.Column<Guid>(type: "uuid", nullable: true),
                    PartnerServiceId = table.Column<Guid>(type: "uuid", nullable: true),
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CorrectionWhy = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestDecisions_CaseFiles_OrganisationId_CaseFileId",
                        columns: x => new { x.OrganisationId, x.CaseFileId },
                        principalTable: "CaseFiles",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RequestDecisions_ListItems_OrganisationId_ReasonId",
                        columns: x => new { x.OrganisationId, x.ReasonId },
                        principalTable: "ListItems",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RequestDecisions_PartnerServices_OrganisationId_PartnerServ~",
                        columns: x => new { x.OrganisationId, x.PartnerServiceId },
                        principalTable: "PartnerServices",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RequestDecisions_Requests_OrganisationId_RequestId",
                        columns: x => new { x.OrganisationId, x.RequestId },
                        principalTable: "Requests",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RequestPersons",
                columns: table => new
                {
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "uuid", nullable: true),
                    Description = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestPersons", x => new { x.RequestId, x.Position });
                    table.ForeignKey(
                        name: "FK_RequestPersons_Beneficiaries_OrganisationId_BeneficiaryId",
                        columns: x => new { x.OrganisationId, x.BeneficiaryId },
                        principalTable: "Beneficiaries",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RequestPersons_Requests_OrganisationId_RequestId",
                        columns: x => new { x.OrganisationId, x.RequestId },
                        principalTable: "Requests",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_OrganisationId",
                table: "Assessments",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_OrganisationId_CaseFileId",
                table: "Assessments",
                columns: new[] { "OrganisationId", "CaseFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OrganisationId_OccurredAt",
                table: "AuditEntries",
                columns: new[] { "OrganisationId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Beneficiaries_OrganisationId",
                table: "Beneficiaries",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Beneficiaries_OrganisationId_LastName_FirstName",
                table: "Beneficiaries",
                columns: new[] { "OrganisationId", "LastName", "FirstName" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileAccess_OrganisationId",
                table: "CaseFileAccess",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileAccess_OrganisationId_CaseFileId",
                table: "CaseFileAccess",
                columns: new[] { "OrganisationId", "CaseFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileAccess_UserId",
                table: "CaseFileAccess",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileFlags_OrganisationId",
                table: "CaseFileFlags",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileFlags_OrganisationId_AuthorityId",
                table: "CaseFileFlags",
                columns: new[] { "OrganisationId", "AuthorityId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileFlags_OrganisationId_CaseFileId",
                table: "CaseFileFlags",
                columns: new[] { "OrganisationId", "CaseFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileFlags_OrganisationId_FlagId",
                table: "CaseFileFlags",
                columns: new[] { "OrganisationId", "FlagId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileMembers_OrganisationId",
                table: "CaseFileMembers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileMembers_OrganisationId_BeneficiaryId",
                table: "CaseFileMembers",
                columns: new[] { "OrganisationId", "BeneficiaryId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileMembers_OrganisationId_CaseFileId",
                table: "CaseFileMembers",
                columns: new[] { "OrganisationId", "CaseFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_OrganisationId",
                table: "CaseFiles",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_OrganisationId_Reference",
                table: "CaseFiles",
                columns: new[] { "OrganisationId", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_OrganisationId_ServiceId",
                table: "CaseFiles",
                columns: new[] { "OrganisationId", "ServiceId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_OrganisationId_Status",
                table: "CaseFiles",
                columns: new[] { "OrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileWorkers_OrganisationId",
                table: "CaseFileWorkers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileWorkers_OrganisationId_CaseFileId",
                table: "CaseFileWorkers",
                columns: new[] { "OrganisationId", "CaseFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileWorkers_OrganisationId_StaffMemberId",
                table: "CaseFileWorkers",
                columns: new[] { "OrganisationId", "StaffMemberId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseNotes_OrganisationId",
                table: "CaseNotes",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseNotes_OrganisationId_CaseFileId",
                table: "CaseNotes",
                columns: new[] { "OrganisationId", "CaseFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_CaseFileId_Number",
                table: "Episodes",
                columns: new[] { "CaseFileId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_OrganisationId",
                table: "Episodes",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_OrganisationId_CaseFileId",
                table: "Episodes",
                columns: new[] { "OrganisationId", "CaseFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_OrganisationId_ClosureReasonId",
                table: "Episodes",
                columns: new[] { "OrganisationId", "ClosureReasonId" });

            migrationBuilder.CreateIndex(
                name: "IX_FamilyLinks_FromBeneficiaryId_ToBeneficiaryId_Relation",
                table: "FamilyLinks",
                columns: new[] { "FromBeneficiaryId", "ToBeneficiaryId", "Relation" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FamilyLinks_OrganisationId",
                table: "FamilyLinks",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_FamilyLinks_OrganisationId_FromBeneficiaryId",
                table: "FamilyLinks",
                columns: new[] { "OrganisationId", "FromBeneficiaryId" });

            migrationBuilder.CreateIndex(
                name: "IX_FamilyLinks_OrganisationId_ToBeneficiaryId",
                table: "FamilyLinks",
                columns: new[] { "OrganisationId", "ToBeneficiaryId" });

            migrationBuilder.CreateIndex(
                name: "IX_ListItems_OrganisationId",
                table: "ListItems",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ListItems_OrganisationId_List_ServiceId_Code",
                table: "ListItems",
                columns: new[] { "OrganisationId", "List", "ServiceId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ListItems_OrganisationId_ServiceId",
                table: "ListItems",
                columns: new[] { "OrganisationId", "ServiceId" });

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_OrganisationId",
                table: "Memberships",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_UserId_OrganisationId",
                table: "Memberships",
                columns: new[] { "UserId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_OrganisationId",
                table: "Notifications",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_OrganisationId_CaseFileId",
                table: "Notifications",
                columns: new[] { "OrganisationId", "CaseFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_OrganisationId_UserId_ReadAt",
                table: "Notifications",
                columns: new[] { "OrganisationId", "UserId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId",
                table: "Notifications",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_NetworkId",
                table: "Organisations",
                column: "NetworkId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Slug",
                table: "Organisations",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Partners_OrganisationId",
                table: "Partners",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Partners_OrganisationId_Name",
                table: "Partners",
                columns: new[] { "OrganisationId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerServices_OrganisationId",
                table: "PartnerServices",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerServices_OrganisationId_PartnerId",
                table: "PartnerServices",
                columns: new[] { "OrganisationId", "PartnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Qualifications_OrganisationId",
                table: "Qualifications",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Qualifications_OrganisationId_CaseFileId",
                table: "Qualifications",
                columns: new[] { "OrganisationId", "CaseFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_Qualifications_OrganisationId_PrimaryCategoryId",
                table: "Qualifications",
                columns: new[] { "OrganisationId", "PrimaryCategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Qualifications_OrganisationId_SchemeId",
                table: "Qualifications",
                columns: new[] { "OrganisationId", "SchemeId" });

            migrationBuilder.CreateIndex(
                name: "IX_QualificationSecondaries_OrganisationId",
                table: "QualificationSecondaries",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_QualificationSecondaries_OrganisationId_CategoryId",
                table: "QualificationSecondaries",
                columns: new[] { "OrganisationId", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_QualificationSecondaries_OrganisationId_QualificationId",
                table: "QualificationSecondaries",
                columns: new[] { "OrganisationId", "QualificationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_OrganisationId",
                table: "Referrals",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_OrganisationId_CaseFileId",
                table: "Referrals",
                columns: new[] { "OrganisationId", "CaseFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_OrganisationId_PartnerServiceId",
                table: "Referrals",
                columns: new[] { "OrganisationId", "PartnerServiceId" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_OrganisationId_SpecialityId",
                table: "Referrals",
                columns: new[] { "OrganisationId", "SpecialityId" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestDecisions_OrganisationId",
                table: "RequestDecisions",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestDecisions_OrganisationId_CaseFileId",
                table: "RequestDecisions",
                columns: new[] { "OrganisationId", "CaseFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestDecisions_OrganisationId_PartnerServiceId",
                table: "RequestDecisions",
                columns: new[] { "OrganisationId", "PartnerServiceId" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestDecisions_OrganisationId_ReasonId",
                table: "RequestDecisions",
                columns: new[] { "OrganisationId", "ReasonId" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestDecisions_OrganisationId_RequestId",
                table: "RequestDecisions",
                columns: new[] { "OrganisationId", "RequestId" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestDecisions_RequestId_Number",
                table: "RequestDecisions",
                columns: new[] { "RequestId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RequestPersons_OrganisationId",
                table: "RequestPersons",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestPersons_OrganisationId_BeneficiaryId",
                table: "RequestPersons",
                columns: new[] { "OrganisationId", "BeneficiaryId" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestPersons_OrganisationId_RequestId",
                table: "RequestPersons",
                columns: new[] { "OrganisationId", "RequestId" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_OrganisationId",
                table: "Requests",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_OrganisationId_ChannelId",
                table: "Requests",
                columns: new[] { "OrganisationId", "ChannelId" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_OrganisationId_ServiceId_Decision",
                table: "Requests",
                columns: new[] { "OrganisationId", "ServiceId", "Decision" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_OrganisationId_SourceId",
                table: "Requests",
                columns: new[] { "OrganisationId", "SourceId" });

            migrationBuilder.CreateIndex(
                name: "IX_Services_OrganisationId",
                table: "Services",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Services_OrganisationId_Code",
                table: "Services",
                columns: new[] { "OrganisationId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Sites_OrganisationId",
                table: "Sites",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Sites_OrganisationId_ServiceId",
                table: "Sites",
                columns: new[] { "OrganisationId", "ServiceId" });

            migrationBuilder.CreateIndex(
                name: "IX_Staff_OrganisationId",
                table: "Staff",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Staff_OrganisationId_ServiceId",
                table: "Staff",
                columns: new[] { "OrganisationId", "ServiceId" });

            migrationBuilder.CreateIndex(
                name: "IX_Staff_UserId",
                table: "Staff",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_TypologyCategories_OrganisationId",
                table: "TypologyCategories",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_TypologyCategories_OrganisationId_SchemeId",
                table: "TypologyCategories",
                columns: new[] { "OrganisationId", "SchemeId" });

            migrationBuilder.CreateIndex(
                name: "IX_TypologyCategories_SchemeId_Code",
                table: "TypologyCategories",
                columns: new[] { "SchemeId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TypologySchemes_OrganisationId",
                table: "TypologySchemes",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_TypologySchemes_OrganisationId_Code",
                table: "TypologySchemes",
                columns: new[] { "OrganisationId", "Code" },
                unique: true);

            // The audit log is append-only in the database itself, whatever code runs against it.
            migrationBuilder.Sql("""
                CREATE FUNCTION suivi_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$;
                CREATE TRIGGER "AuditEntries_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditEntries"
                FOR EACH STATEMENT EXECUTE FUNCTION suivi_audit_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEntries_append_only\" ON \"AuditEntries\";");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS suivi_audit_append_only();");
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "Assessments");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CaseFileAccess");

            migrationBuilder.DropTable(
                name: "CaseFileFlags");

            migrationBuilder.DropTable(
                name: "CaseFileMembers");

            migrationBuilder.DropTable(
                name: "CaseFileWorkers");

            migrationBuilder.DropTable(
                name: "CaseNotes");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "Episodes");

            migrationBuilder.DropTable(
                name: "FamilyLinks");

            migrationBuilder.DropTable(
                name: "Memberships");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "QualificationSecondaries");

            migrationBuilder.DropTable(
                name: "Referrals");

            migrationBuilder.DropTable(
                name: "RequestDecisions");

            migrationBuilder.DropTable(
                name: "RequestPersons");

            migrationBuilder.DropTable(
                name: "Sites");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "Staff");

            migrationBuilder.DropTable(
                name: "Qualifications");

            migrationBuilder.DropTable(
                name: "PartnerServices");

            migrationBuilder.DropTable(
                name: "Beneficiaries");

            migrationBuilder.DropTable(
                name: "Requests");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "CaseFiles");

            migrationBuilder.DropTable(
                name: "TypologyCategories");

            migrationBuilder.DropTable(
                name: "Partners");

            migrationBuilder.DropTable(
                name: "ListItems");

            migrationBuilder.DropTable(
                name: "TypologySchemes");

            migrationBuilder.DropTable(
                name: "Services");

            migrationBuilder.DropTable(
                name: "Organisations");

            migrationBuilder.DropTable(
                name: "Networks");
        }
    }
}
