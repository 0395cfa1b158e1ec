using System.Text;

namespace Billing.Core.EfCoreExample.Repositories;

/// <summary>
/// The comparison keys stored beside the snapshots, so that a unique index compares what the domain compares (SQLite's own
/// collations fold ASCII letters only). Customer names use the library's <c>CustomerNames.Normalise</c>.
/// </summary>
internal static class StoreKeys
{
    /// <summary>
    /// A class name ignoring case and spacing, as <c>CustomerClass.EnsureNameUniqueAmong</c> compares names: trimmed, every run of
    /// white space one space, every character in upper case (invariant).
    /// </summary>
    public static string ClassName(string name)
    {
        var key = new StringBuilder(name.Length);
        var pendingSpace = false;
        foreach (var c in name.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                key.Append(' ');
                pendingSpace = false;
            }

            key.Append(char.ToUpperInvariant(c));
        }

        return key.ToString();
    }

    /// <summary>An account alias ignoring case, as aliases compare (<see cref="StringComparison.OrdinalIgnoreCase"/>).</summary>
    public static string Alias(string alias) => alias.ToUpperInvariant();
}
