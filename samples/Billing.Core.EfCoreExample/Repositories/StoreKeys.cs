using Billing.Core.Accounts;
using Billing.Core.CustomerClasses;

namespace Billing.Core.EfCoreExample.Repositories;

/// <summary>
/// The comparison keys stored beside the snapshots, so that a unique index compares what the domain compares (SQLite's own
/// collations fold ASCII letters only). The keys are the core's: customer names use <c>CustomerNames.Normalise</c>.
/// </summary>
internal static class StoreKeys
{
    /// <summary>A class name's unique key within its manager (<see cref="CustomerClass.NameKey"/>).</summary>
    public static string ClassName(string name) => CustomerClass.NameKey(name);

    /// <summary>An account alias's unique key (<see cref="Account.AliasKey"/>).</summary>
    public static string Alias(string alias) => Account.AliasKey(alias);
}
