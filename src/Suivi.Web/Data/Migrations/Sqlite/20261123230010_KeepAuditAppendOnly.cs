using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suivi.Data.Migrations.Sqlite
{
    /// <summary>
    /// Nothing going up. Going down, after the Down of <see cref="CompactIds"/> rebuilt the audit table with text ids
    /// and so dropped its triggers, the audit log is made append-only again (decision 010).
    /// </summary>
    public partial class KeepAuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => CompactIdValues.AuditStaysAppendOnly(migrationBuilder);
    }
}
