namespace Billing.Core.Storage.PostgreSql;

/// <summary>Options of the PostgreSQL store.</summary>
/// <remarks>Thread safety: set them before the store is built; the store reads them once.</remarks>
public sealed class PostgreSqlBillingStoreOptions
{
    /// <summary>The default of <see cref="MaxBatchSize"/>.</summary>
    public const int DefaultMaxBatchSize = 1_000;

    /// <summary>The largest <see cref="MaxBatchSize"/> accepted.</summary>
    public const int MaxMaxBatchSize = 10_000;

    /// <summary>
    /// The most ledger writes (charges and postings) one database transaction holds, 1..<see cref="MaxMaxBatchSize"/>. Writes
    /// that arrive while a batch is being committed wait for the next one, so under load a batch holds what arrived during the
    /// previous commit; a larger limit only matters when more than this many callers write at once.
    /// </summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>Lists what is wrong with the options.</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    internal List<string> Problems()
    {
        List<string> problems = [];
        if (MaxBatchSize is < 1 or > MaxMaxBatchSize)
        {
            problems.Add($"MaxBatchSize {MaxBatchSize} is outside 1..{MaxMaxBatchSize}");
        }

        return problems;
    }
}
