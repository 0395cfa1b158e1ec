namespace Billing.Core.Storage.PostgreSql.Tests.Support;

/// <summary>Marks a test class that needs a PostgreSQL server (see <see cref="PostgresTestFramework"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PostgresTestAttribute : Attribute;
