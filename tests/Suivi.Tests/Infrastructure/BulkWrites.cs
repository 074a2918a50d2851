using Suivi.Domain;
using Suivi.Infrastructure.Imports;

namespace Suivi.Tests.Infrastructure;

/// <summary>Deliveries written through the bulk writer in one transaction of their own, as an import writes them.</summary>
internal static class BulkWrites
{
    /// <param name="app">The application whose database is written.</param>
    /// <param name="organisationId">The organisation the rows are written for.</param>
    /// <param name="rows">The rows, in order.</param>
    /// <param name="asTheImportEngine">As the import engine runs the writer: on SQLite the connection's row-by-row reference checks off.</param>
    /// <param name="complete">The writer completed; otherwise released unfinished, as a failed run releases it.</param>
    /// <param name="commit">The transaction committed; otherwise rolled back.</param>
    public static Task<int> WriteAsync(SuiviApp app, Guid organisationId, IEnumerable<DeliveryRow> rows,
        bool asTheImportEngine = true, bool complete = true, bool commit = true) => app.InOrganisationAsync(organisationId, async db =>
    {
        await using var checks = asTheImportEngine ? await SqliteReferenceChecks.SuspendAsync(db, CancellationToken.None) : null;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var run = new ImportRun(ImportKind.Deliveries, "deliveries.csv", dryRun: false, null, new DateTime(2024, 3, 2, 8, 0, 0, DateTimeKind.Utc));
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync();
        var count = 0;
        await using (var writer = await DeliveryBulkWriters.OpenAsync(db, organisationId, run.Id, CancellationToken.None))
        {
            foreach (var row in rows)
            {
                await writer.AddAsync(row, CancellationToken.None);
                count++;
            }
            if (complete)
            {
                await writer.CompleteAsync(CancellationToken.None);
            }
        }
        if (commit)
        {
            await transaction.CommitAsync();
        }
        return count;
    });
}
