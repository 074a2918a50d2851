using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Suivi.Data;

namespace Suivi.Infrastructure.Imports;

/// <summary>Opens the bulk writer that suits the database the context works on.</summary>
public static class DeliveryBulkWriters
{
    /// <summary>
    /// Opens a writer on the context's connection, inside its current transaction, for rows of the organisation
    /// the context acts in; they are stamped with the import run, which must already be saved.
    /// </summary>
    public static Task<IDeliveryBulkWriter> OpenAsync(SuiviDbContext db, Guid organisationId, Guid importRunId,
        CancellationToken cancellationToken) =>
        OpenAsync(db, organisationId, importRunId, PostgresDeliveryBulkWriter.DefaultChunkRows, cancellationToken);

    /// <summary>As above, PostgreSQL's writer sending and writing <paramref name="postgresChunkRows"/> rows at a time (tests cross chunks with a few).</summary>
    internal static async Task<IDeliveryBulkWriter> OpenAsync(SuiviDbContext db, Guid organisationId, Guid importRunId,
        int postgresChunkRows, CancellationToken cancellationToken)
    {
        // The writer bypasses the save interceptor, so it repeats its guard: rows go to the organisation acted in, nowhere else.
        if (organisationId == Guid.Empty || organisationId != db.CurrentOrganisationId)
        {
            throw new CrossOrganisationWriteException("Deliveries can only be imported into the organisation acted in.");
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk write runs inside a transaction that the caller commits or rolls back.");
        return transaction switch
        {
            SqliteTransaction sqlite => SqliteDeliveryBulkWriter.Open((SqliteConnection)db.Database.GetDbConnection(), sqlite, organisationId, importRunId),
            NpgsqlTransaction postgres => await PostgresDeliveryBulkWriter.OpenAsync((NpgsqlConnection)db.Database.GetDbConnection(), postgres,
                organisationId, importRunId, cancellationToken, postgresChunkRows),
            _ => throw new NotSupportedException($"No bulk writer for {transaction.GetType().Name}."),
        };
    }
}
