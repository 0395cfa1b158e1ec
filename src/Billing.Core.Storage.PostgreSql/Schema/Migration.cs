namespace Billing.Core.Storage.PostgreSql.Schema;

/// <summary>One versioned migration: its number, its name (the resource's file name) and its SQL.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
