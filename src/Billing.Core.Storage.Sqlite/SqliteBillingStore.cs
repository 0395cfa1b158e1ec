using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Invoicing;
using Billing.Core.Numbers;
using Billing.Core.Services;
using Billing.Core.Storage.Sqlite.Ledgers;
using Billing.Core.Storage.Sqlite.Repositories;
using Billing.Core.Storage.Sqlite.Schema;
using Billing.Core.Storage.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace Billing.Core.Storage.Sqlite;

/// <summary>
/// Billing.Core's storage in one SQLite file: every repository and the ledger store, durable (WAL journal,
/// <c>synchronous=FULL</c>), with unique keys and references enforced by the database and authorise-and-append group-committed
/// (see docs/storage.md, "The SQLite store"). Apply the schema with <see cref="MigrateAsync"/> before the first use.
/// </summary>
/// <remarks>
/// <para>Thread-safe. Reads run on pooled connections and see the last committed write. Every write goes through the store's one
/// writer, which takes whatever callers have queued and writes it in one transaction, committing once; each caller then gets its
/// own outcome. Several processes may share the file: SQLite serialises their writers, waiting up to
/// <see cref="SqliteBillingStoreOptions.BusyTimeout"/>.</para>
/// <para>A storage failure (the file unwritable, the disk full, another process holding the write lock too long) throws
/// <see cref="StorageUnavailableException"/>, saying whether nothing was written or whether that is unknown; retrying with the same
/// idempotency key is exactly-once. Writers never conflict with each other, so the ledger store does not throw
/// <see cref="ConcurrencyConflictException"/>.</para>
/// </remarks>
public sealed class SqliteBillingStore : IAsyncDisposable, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly SqliteWriter _writer;
    private int _disposed;

    /// <summary>Opens the store over the file at <paramref name="path"/> (created when missing); nothing is read or written yet.</summary>
    /// <param name="path">The database file.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or white space.</exception>
    public SqliteBillingStore(string path)
        : this(new SqliteBillingStoreOptions { Path = path })
    {
    }

    /// <summary>Opens the store with <paramref name="options"/>; nothing is read or written yet.</summary>
    /// <param name="options">The file and the busy timeout.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SqliteBillingStore(SqliteBillingStoreOptions options)
        : this(options, SqliteWriter.DefaultMaxBatch)
    {
    }

    internal SqliteBillingStore(SqliteBillingStoreOptions options, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("SQLite store options are invalid: " + string.Join(" ", problems), nameof(options));
        }

        _database = new SqliteDatabase(options.Path, options.BusyTimeout);
        _writer = new SqliteWriter(_database, maxBatch);
        Customers = new SqliteCustomerRepository(_database, _writer);
        Classes = new SqliteCustomerClassRepository(_database, _writer);
        Accounts = new SqliteAccountRepository(_database, _writer);
        Numbers = new SqliteNumberRepository(_database, _writer);
        Services = new SqliteServiceRepository(_database, _writer);
        Invoices = new SqliteInvoiceRepository(_database, _writer);
        Ledgers = new SqliteLedgerStore(_database, _writer);
    }

    /// <summary>The schema version this package writes and needs.</summary>
    public static int SchemaVersion => SqliteMigrations.Latest;

    /// <summary>The full path of the database file.</summary>
    public string Path => _database.Path;

    /// <summary>The customers.</summary>
    public ICustomerRepository Customers { get; }

    /// <summary>The customer classes.</summary>
    public ICustomerClassRepository Classes { get; }

    /// <summary>The accounts.</summary>
    public IAccountRepository Accounts { get; }

    /// <summary>The numbers.</summary>
    public INumberRepository Numbers { get; }

    /// <summary>The services.</summary>
    public IServiceRepository Services { get; }

    /// <summary>The invoices, and each issuer's invoice numbers.</summary>
    public IInvoiceRepository Invoices { get; }

    /// <summary>The ledger store.</summary>
    public ILedgerStore Ledgers { get; }

    internal SqliteDatabase Database => _database;

    internal SqliteWriter Writer => _writer;

    /// <summary>
    /// Creates the schema, or brings it to <see cref="SchemaVersion"/>, and switches the file to WAL. Idempotent, and safe when
    /// several processes call it at once: it takes SQLite's write lock before reading the version, so each migration is applied once.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <returns>How many migrations were applied: 0 when the schema was already current.</returns>
    /// <exception cref="InvalidOperationException">The file has a newer schema than this package knows; nothing was changed.</exception>
    /// <exception cref="StorageUnavailableException">The file could not be opened or written; no migration was half-applied
    /// (each run is one transaction), so calling it again is safe.</exception>
    public Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            using var connection = _database.OpenWriter(checkSchema: false);
            var applied = SqliteMigrations.Apply(connection, _database.Path);
            _database.SchemaChanged();
            return Task.FromResult(applied);
        }
        catch (SqliteException e)
        {
            throw new StorageUnavailableException(nameof(MigrateAsync), outcomeKnown: true, e);
        }
    }

    /// <summary>Lets queued writes finish, then closes the file.</summary>
    /// <returns>A task that completes once the writer has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        _database.ClearPool();
    }

    /// <summary>Lets queued writes finish, then closes the file.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
