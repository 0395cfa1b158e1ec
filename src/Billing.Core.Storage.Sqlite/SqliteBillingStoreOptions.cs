namespace Billing.Core.Storage.Sqlite;

/// <summary>Where and how <see cref="SqliteBillingStore"/> keeps its data.</summary>
/// <remarks>Set once, before the store is built; the store copies what it needs.</remarks>
public sealed class SqliteBillingStoreOptions
{
    /// <summary>The longest <see cref="BusyTimeout"/> accepted.</summary>
    public static readonly TimeSpan MaxBusyTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The path of the database file; created (with its directory's <c>-wal</c> and <c>-shm</c> files) when missing.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// How long a write waits for another process that holds the database's write lock before it fails with
    /// <see cref="StorageUnavailableException"/> (nothing written). Between zero and <see cref="MaxBusyTimeout"/>; 30 seconds by default.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The problems with these options, or an empty list when there are none. Does not touch the file.</summary>
    /// <returns>One sentence per problem.</returns>
    internal List<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Path))
        {
            problems.Add("Path is required: the path of the SQLite database file.");
        }
        else if (Path.Contains('\0', StringComparison.Ordinal))
        {
            problems.Add("Path must not contain a NUL character.");
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > MaxBusyTimeout)
        {
            problems.Add($"BusyTimeout {BusyTimeout} is outside 0..{MaxBusyTimeout}.");
        }

        return problems;
    }
}
