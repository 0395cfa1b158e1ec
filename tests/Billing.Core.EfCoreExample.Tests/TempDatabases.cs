using Billing.Core.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Billing.Core.EfCoreExample.Tests;

/// <summary>
/// The two files a host on the example keeps, in a temp folder of their own deleted on dispose: the aggregates (EF Core's schema,
/// in WAL mode) and the ledgers (the SQLite store's schema).
/// </summary>
public sealed class TempDatabases : IDisposable
{
    public TempDatabases()
    {
        Folder = Directory.CreateTempSubdirectory("billing-efcore-").FullName;
        ConnectionString = $"Data Source={Path.Combine(Folder, "billing.db")}";
        LedgerPath = Path.Combine(Folder, "ledgers.db");
    }

    /// <summary>The folder that holds both files (and their -wal and -shm files).</summary>
    public string Folder { get; }

    /// <summary>The aggregates' database, for EF Core.</summary>
    public string ConnectionString { get; }

    /// <summary>The ledgers' file, for the SQLite store.</summary>
    public string LedgerPath { get; }

    /// <summary>A context on the aggregates' database, outside any container.</summary>
    public BillingDbContext NewContext() => new(new DbContextOptionsBuilder<BillingDbContext>().UseSqlite(ConnectionString).Options);

    /// <summary>Creates both schemas: what a host does with its migrations before the first request.</summary>
    public void CreateSchemas()
    {
        using (var db = NewContext())
        {
            db.Database.EnsureCreated();
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode = WAL;");   // readers never wait for the writer
        }

        using var ledgers = new SqliteBillingStore(LedgerPath);
        ledgers.MigrateAsync().GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temp directory is cleaned by the system.
        }
    }
}
