using System.Runtime.CompilerServices;

namespace Billing.Core.Customers;

/// <summary>
/// A conservative syntax check for e-mail addresses: an RFC 5322 dot-atom local part of printable ASCII
/// and a domain of at least two DNS labels ending in a letter-only top-level domain. Quoted local parts,
/// IP-literal domains and non-ASCII addresses are refused.
/// </summary>
internal static class EmailSyntax
{
    private const string LocalSpecials = "!#$%&'*+-/=?^_`{|}~";

    public static string Validate(string? value, string field, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        var trimmed = value.Trim();
        Guard.Rule(trimmed.Length > 0, field, value, "an e-mail address is required");
        Guard.Rule(trimmed.Length <= 254, field, DomainText.Shorten(trimmed), "an e-mail address is at most 254 characters");
        var at = trimmed.LastIndexOf('@');
        Guard.Rule(at > 0 && at < trimmed.Length - 1, field, trimmed, "an e-mail address needs a local part, '@' and a domain");
        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..];
        Guard.Rule(local.Length <= 64, field, trimmed, "the part before '@' is at most 64 characters");
        Guard.Rule(IsDotAtom(local), field, trimmed, "the part before '@' may hold only letters, digits, single dots and !#$%&'*+-/=?^_`{|}~");
        Guard.Rule(IsDomain(domain), field, trimmed, "the domain must be DNS labels of letters, digits and hyphens, separated by dots, ending in a letter-only top-level domain");
        return string.Concat(local, "@", domain.ToLowerInvariant());
    }

    private static bool IsDotAtom(string local)
    {
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '.' || LocalSpecials.Contains(c)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDomain(string domain)
    {
        var labels = domain.Split('.');
        if (labels.Length < 2)
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }
        }

        var tld = labels[^1];
        return tld.Length >= 2 && tld.All(char.IsAsciiLetter);
    }
}
