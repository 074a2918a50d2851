using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// SQLite checks a row's foreign keys as it writes it, one index lookup per key, and lets a connection turn that off
/// only outside a transaction. An import whose writer checks the rows' references itself, once for the whole write
/// (<see cref="SqliteDeliveryBulkWriter"/>), runs on a connection with them off; they are turned on again when the run
/// ends, whatever its outcome, before the connection goes back to the pool. Other databases are left as they are.
/// </summary>
public static class SqliteReferenceChecks
{
    public static async Task<IAsyncDisposable?> SuspendAsync(SuiviDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection)
        {
            return null;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF", cancellationToken);
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
        return new Restore(db);
    }

    private sealed class Restore(SuiviDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON", CancellationToken.None);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
