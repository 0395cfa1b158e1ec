namespace Billing.Core.EfCoreExample.Rows;

/// <summary>
/// What every aggregate's row has: its id and its version, EF Core's concurrency token. Each row adds its snapshot, stored as the
/// library's JSON text, and the key columns that queries, unique indexes and foreign keys need.
/// </summary>
/// <remarks>A persistence shape for EF Core, not a domain type: the repositories turn a row into its aggregate with <c>Restore</c>.</remarks>
public abstract class AggregateRow
{
    /// <summary>The aggregate's id (its <c>Value</c>); the primary key.</summary>
    public string Id { get; set; } = null!;

    /// <summary>The stored version: 1 when added, one more with each update. Updates and deletes say <c>WHERE "Version" = expected</c>.</summary>
    public long Version { get; set; }
}
