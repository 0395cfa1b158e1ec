using Npgsql;

namespace Billing.Core.Storage.PostgreSql.Tests.Support;

/// <summary>A new, empty schema of the shared server, and the few statements the tests run on it beside the store.</summary>
internal static class TestSchema
{
    /// <summary>A data source whose search path is a new, empty schema.</summary>
    public static NpgsqlDataSource NewDataSource() => NpgsqlDataSource.Create(PostgresServer.Shared.NewSchema());

    /// <summary>A store over a new schema, migrated; it disposes its data source.</summary>
    /// <param name="options">The store's options; the defaults when null.</param>
    public static async Task<PostgreSqlBillingStore> NewMigratedStoreAsync(PostgreSqlBillingStoreOptions? options = null)
    {
        var store = new PostgreSqlBillingStore(NewDataSource(), options, ownsDataSource: true);
        await store.MigrateAsync();
        return store;
    }

    /// <summary>Runs a statement and returns its first column of its first row.</summary>
    public static async Task<T> ScalarAsync<T>(this NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs a statement and returns the first column of every row.</summary>
    public static async Task<List<T>> ColumnAsync<T>(this NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    /// <summary>Runs a statement.</summary>
    public static async Task ExecuteAsync(this NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
