using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Invoicing;
using Billing.Core.Numbers;
using Billing.Core.Services;
using Billing.Core.Storage.PostgreSql.Ledgers;
using Billing.Core.Storage.PostgreSql.Repositories;
using Billing.Core.Storage.PostgreSql.Schema;
using Npgsql;

namespace Billing.Core.Storage.PostgreSql;

/// <summary>
/// Billing.Core's storage in one PostgreSQL schema: every repository and the ledger store over one <see cref="NpgsqlDataSource"/>,
/// and the migrations that create and upgrade the schema (docs/storage.md, "The PostgreSQL store").
/// </summary>
/// <remarks>
/// <para>The tables live in the connection's current schema — the first existing schema of its search path, <c>public</c> unless
/// the connection string sets <c>Search Path</c>. Call <see cref="MigrateAsync"/> once at start-up, before the store is used.</para>
/// <para>Thread-safe: one instance serves the whole process. Ledger writes from every caller are grouped into shared
/// transactions by one writer loop, which <see cref="DisposeAsync"/> stops after the writes already queued.</para>
/// </remarks>
public sealed class PostgreSqlBillingStore : IAsyncDisposable
{
    private readonly bool _ownsDataSource;
    private readonly PostgreSqlLedgerStore _ledgers;

    /// <summary>Creates the store over a data source the host owns (and disposes).</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="options">The options; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public PostgreSqlBillingStore(NpgsqlDataSource dataSource, PostgreSqlBillingStoreOptions? options = null)
        : this(dataSource, options, ownsDataSource: false)
    {
    }

    internal PostgreSqlBillingStore(NpgsqlDataSource dataSource, PostgreSqlBillingStoreOptions? options, bool ownsDataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options ??= new PostgreSqlBillingStoreOptions();
        if (options.Problems() is [_, ..] problems)
        {
            throw new ArgumentException("The PostgreSQL store's options are invalid: " + string.Join("; ", problems) + ".", nameof(options));
        }

        DataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _ledgers = new PostgreSqlLedgerStore(dataSource, options.MaxBatchSize, options.LedgerWriters);
        Customers = new PostgreSqlCustomerRepository(dataSource);
        Classes = new PostgreSqlCustomerClassRepository(dataSource);
        Accounts = new PostgreSqlAccountRepository(dataSource);
        Numbers = new PostgreSqlNumberRepository(dataSource);
        Services = new PostgreSqlServiceRepository(dataSource);
        Invoices = new PostgreSqlInvoiceRepository(dataSource);
    }

    /// <summary>The schema version this package's migrations lead to; <see cref="MigrateAsync"/> brings a schema there.</summary>
    public static int SchemaVersion => SchemaMigrator.LatestVersion;

    /// <summary>The database the store uses.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The customer repository.</summary>
    public ICustomerRepository Customers { get; }

    /// <summary>The customer class repository.</summary>
    public ICustomerClassRepository Classes { get; }

    /// <summary>The account repository.</summary>
    public IAccountRepository Accounts { get; }

    /// <summary>The number repository.</summary>
    public INumberRepository Numbers { get; }

    /// <summary>The service repository.</summary>
    public IServiceRepository Services { get; }

    /// <summary>The invoice repository, with each issuer's invoice numbers.</summary>
    public IInvoiceRepository Invoices { get; }

    /// <summary>The ledger store.</summary>
    public ILedgerStore Ledgers => _ledgers;

    /// <summary>
    /// Creates or upgrades the tables in the connection's current schema to <see cref="SchemaVersion"/>, applying each missing
    /// migration in its own transaction. Idempotent, and safe when several processes start together: they take a database-wide
    /// advisory lock, so one migrates and the others then find nothing to do.
    /// </summary>
    /// <param name="cancellationToken">Cancels the migration; a migration already begun is rolled back whole.</param>
    /// <returns>The schema's version afterwards.</returns>
    /// <exception cref="InvalidOperationException">The connection's search path names no existing schema, or the schema is at a
    /// version newer than <see cref="SchemaVersion"/> (a later version of this package migrated it); nothing was changed.</exception>
    /// <exception cref="NpgsqlException">The database refused a migration (for example the role may not create tables or the
    /// <c>btree_gist</c> extension); nothing of that migration was applied.</exception>
    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) => SchemaMigrator.MigrateAsync(DataSource, cancellationToken);

    /// <summary>Reads the version of the schema the store uses: 0 when it was never migrated.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await SchemaMigrator.ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the ledger writer after the writes already queued, and disposes the data source if the store created it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _ledgers.DisposeAsync().ConfigureAwait(false);
        if (_ownsDataSource)
        {
            await DataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
