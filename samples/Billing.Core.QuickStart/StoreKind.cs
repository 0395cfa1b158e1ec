namespace Billing.Core.QuickStart;

/// <summary>The stores the sample can keep its data in.</summary>
internal enum StoreKind
{
    /// <summary>One SQLite file (the default): the data outlives the process.</summary>
    Sqlite,

    /// <summary>Memory: the data is gone when the sample ends.</summary>
    Memory,

    /// <summary>A PostgreSQL database.</summary>
    PostgreSql,
}
