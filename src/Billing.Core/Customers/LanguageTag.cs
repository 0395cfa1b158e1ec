using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Billing.Core.Customers;

/// <summary>
/// Checks that a language tag is well formed per BCP 47 (RFC 5646 §2.1 syntax, including private-use and
/// the irregular grandfathered tags) and returns it in the conventional case (<c>en-GB</c>, <c>zh-Hant-TW</c>).
/// Whether the subtags are registered in the IANA registry is not checked.
/// </summary>
internal static partial class LanguageTag
{
    public static string Validate(string? value, string field, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        var trimmed = value.Trim();
        Guard.Rule(trimmed.Length is > 0 and <= 64, field, DomainText.Shorten(trimmed), "a language tag (BCP 47) is 1..64 characters, e.g. en-GB");
        Guard.Rule(trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && Pattern().IsMatch(trimmed), field, trimmed, "not a well-formed BCP 47 language tag (e.g. en, en-GB, zh-Hant-TW)");
        return Canonicalise(trimmed);
    }

    private static string Canonicalise(string tag)
    {
        var parts = tag.Split('-');
        var inExtension = false;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].ToLowerInvariant();
            if (i > 0 && part.Length == 1)
            {
                inExtension = true;
            }
            else if (i > 0 && !inExtension && part.Length == 4 && char.IsAsciiLetter(part[0]))
            {
                part = char.ToUpperInvariant(part[0]) + part[1..];
            }
            else if (i > 0 && !inExtension && part.Length == 2)
            {
                part = part.ToUpperInvariant();
            }

            parts[i] = part;
        }

        return string.Join('-', parts);
    }

    [GeneratedRegex(
        """
        ^(?:
          (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})
          (?:-[a-z]{4})?
          (?:-(?:[a-z]{2}|[0-9]{3}))?
          (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*
          (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*
          (?:-x(?:-[a-z0-9]{1,8})+)?
        | x(?:-[a-z0-9]{1,8})+
        | en-GB-oed | i-ami | i-bnn | i-default | i-enochian | i-hak | i-klingon | i-lux | i-mingo | i-navajo
        | i-pwn | i-tao | i-tay | i-tsu | sgn-BE-FR | sgn-BE-NL | sgn-CH-DE
        | art-lojban | cel-gaulish | no-bok | no-nyn | zh-guoyu | zh-hakka | zh-min | zh-min-nan | zh-xiang
        )$
        """,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
