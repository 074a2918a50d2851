using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suivi.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PublishedReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PublishedReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    DefinitionNumber = table.Column<int>(type: "integer", nullable: false),
                    Figures = table.Column<string>(type: "text", nullable: false),
                    PublishedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    PublisherRole = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedReports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedReports_OrganisationId_Key_Year",
                table: "PublishedReports",
                columns: new[] { "OrganisationId", "Key", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublishedReports");
        }
    }
}
