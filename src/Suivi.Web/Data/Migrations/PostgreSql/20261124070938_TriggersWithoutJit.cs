using Microsoft.EntityFrameworkCore.Migrations;

#nullable enable

namespace Suivi.Data.Migrations.PostgreSql
{
    /// <summary>
    /// The application's triggers run without JIT compilation, whatever the connection's setting. Decision 011 turned JIT
    /// off for the application's own connections; a connection that keeps the server's default (a script, a bench, a
    /// pooler that drops startup options, a deployment that turns it back on) compiled the statements of the kept-count
    /// triggers each time they ran: they set <c>enable_sort = off</c>, which adds ten billion to the cost of any plan
    /// still sorting and so passes every JIT threshold, and compiling with inlining and optimisation took 0.3–0.4 s a
    /// statement (measured on an import's), more than a chunk of 12 500 imported deliveries took to write, and the
    /// same compilation on every write of a single record. The setting goes on each function, as its other settings do.
    /// </summary>
    public partial class TriggersWithoutJit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ForEachTriggerFunction("SET jit = off"));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ForEachTriggerFunction("RESET jit"));

        private static string ForEachTriggerFunction(string change) => $"""
            DO $do$
            DECLARE f regprocedure;
            BEGIN
                FOR f IN SELECT p.oid::regprocedure FROM pg_proc AS p
                         WHERE p.pronamespace = current_schema()::regnamespace AND p.prorettype = 'trigger'::regtype AND p.proname LIKE 'suivi\_%'
                LOOP
                    EXECUTE format('ALTER FUNCTION %s {change}', f);
                END LOOP;
            END
            $do$;
            """;
    }
}
