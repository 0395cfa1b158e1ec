using Billing.Core.Storage.PostgreSql.Tests.Support;

namespace Billing.Core.QuickStart.Tests.Support;

/// <summary>A test that needs PostgreSQL: skipped, with the reason, where there is none (never under <c>CI=true</c>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = PostgresServer.SkipReason;
}
