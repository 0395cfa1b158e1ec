using Billing.Core.CustomerClasses;

namespace Billing.Core.Storage.PostgreSql.Repositories;

/// <summary>The unique key of a class name within its manager: the core's <see cref="CustomerClass.NameKey"/>.</summary>
internal static class ClassNameKey
{
    public static string Of(string name) => CustomerClass.NameKey(name);
}
