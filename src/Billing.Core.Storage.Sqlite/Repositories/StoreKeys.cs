using System.Text;

namespace Billing.Core.Storage.Sqlite.Repositories;

/// <summary>
/// The comparison keys stored beside the snapshots, so that a unique index compares what the domain compares: SQLite's own
/// collations fold ASCII only, while the domain ignores case for every letter.
/// </summary>
internal static class StoreKeys
{
    /// <summary>
    /// A class name ignoring case and spacing, as <c>CustomerClass.EnsureNameUniqueAmong</c> compares names: trimmed, every run of
    /// white space one space, every character in upper case (invariant).
    /// </summary>
    public static string ClassName(string name)
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

    /// <summary>An account alias ignoring case, as aliases are compared (<see cref="StringComparison.OrdinalIgnoreCase"/>).</summary>
    public static string Alias(string alias) => alias.ToUpperInvariant();
}
