using System.Text;

namespace Billing.Core.Storage.PostgreSql.Repositories;

/// <summary>
/// The unique key of a class name within its manager: upper-cased (invariant) with surrounding white space removed and every run
/// of inner white space one space — the comparison <c>CustomerClass.EnsureNameUniqueAmong</c> makes, which the core keeps
/// internal; its tests check that both agree.
/// </summary>
internal static class ClassNameKey
{
    public static string Of(string name)
    {
        var builder = new StringBuilder(name.Length);
        var pendingSpace = false;
        foreach (var c in name.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }
}
