namespace Billing.Core.Storage.PostgreSql;

/// <summary>Options of the PostgreSQL store.</summary>
/// <remarks>Thread safety: set them before the store is built; the store reads them once.</remarks>
public sealed class PostgreSqlBillingStoreOptions
{
    /// <summary>The default of <see cref="MaxBatchSize"/>.</summary>
    public const int DefaultMaxBatchSize = 1_000;

    /// <summary>The largest <see cref="MaxBatchSize"/> accepted.</summary>
    public const int MaxMaxBatchSize = 10_000;

    /// <summary>The default of <see cref="LedgerWriters"/>.</summary>
    public const int DefaultLedgerWriters = 2;

    /// <summary>The largest <see cref="LedgerWriters"/> accepted.</summary>
    public const int MaxLedgerWriters = 64;

    /// <summary>
    /// The most ledger writes (charges and postings) one database transaction holds, 1..<see cref="MaxMaxBatchSize"/>. Writes
    /// that arrive while a batch is being committed wait for the next one, so under load a batch holds what arrived during the
    /// previous commit; a larger limit only matters when more than this many callers write at once.
    /// </summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>
    /// How many writer loops the store runs, 1..<see cref="MaxLedgerWriters"/>: each batches ledger writes on its own
    /// connection, one transaction at a time. A charge goes to the writer of its chain's top ledger (so every charge under one
    /// reseller shares one writer and its batches), a posting to the writer of its ledger; writers let the database work on
    /// batches of different resellers at once. One writer serialises all of a store's ledger writes; more than the database
    /// server's cores adds connections, not throughput.
    /// </summary>
    public int LedgerWriters { get; set; } = DefaultLedgerWriters;

    /// <summary>Lists what is wrong with the options.</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    internal List<string> Problems()
    {
        List<string> problems = [];
        if (MaxBatchSize is < 1 or > MaxMaxBatchSize)
        {
            problems.Add($"MaxBatchSize {MaxBatchSize} is outside 1..{MaxMaxBatchSize}");
        }

        if (LedgerWriters is < 1 or > MaxLedgerWriters)
        {
            problems.Add($"LedgerWriters {LedgerWriters} is outside 1..{MaxLedgerWriters}");
        }

        return problems;
    }
}
