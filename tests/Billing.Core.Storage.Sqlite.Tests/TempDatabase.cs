namespace Billing.Core.Storage.Sqlite.Tests;

/// <summary>A database file in a folder of its own under the temp directory, deleted with the folder on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("billing-sqlite-").FullName;
        Path = System.IO.Path.Combine(Folder, "billing.db");
    }

    /// <summary>The folder that holds the file (and its -wal and -shm files).</summary>
    public string Folder { get; }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>A store over the file, migrated.</summary>
    public SqliteBillingStore NewMigratedStore(int maxBatch = 1024)
    {
        var store = new SqliteBillingStore(new SqliteBillingStoreOptions { Path = Path }, maxBatch);
        store.MigrateAsync().GetAwaiter().GetResult();
        return store;
    }

    public void Dispose()
    {
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
