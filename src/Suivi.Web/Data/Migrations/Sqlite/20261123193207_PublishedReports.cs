using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suivi.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    DefinitionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Figures = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    PublisherRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
