namespace Billing.Core.Storage.PostgreSql;

/// <summary>The options-shaped marker whose start-up validation (<see cref="PostgreSqlStoreValidator"/>) checks the database.</summary>
internal sealed class PostgreSqlStoreStartupCheck;
