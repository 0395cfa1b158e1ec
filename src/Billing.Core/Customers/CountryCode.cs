using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Billing.Core.Customers;

/// <summary>
/// An ISO 3166-1 alpha-2 country code (<c>GB</c>, <c>DE</c>, <c>US</c>). Only the 249 officially assigned
/// codes are accepted; reserved or user-assigned codes such as <c>UK</c>, <c>EU</c> or <c>XK</c> are refused.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default(CountryCode)</c> is not a valid country.</remarks>
[JsonConverter(typeof(CountryCodeJsonConverter))]
public readonly struct CountryCode : IEquatable<CountryCode>
{
    // ISO 3166-1 officially assigned alpha-2 codes (249), as published by the ISO 3166 Maintenance Agency.
    private const string AssignedCodes =
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ " +
        "BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
        "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ " +
        "DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
        "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU " +
        "ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ " +
        "LA LB LC LI LK LR LS LT LU LV LY " +
        "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ " +
        "NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA " +
        "RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ " +
        "TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU " +
        "WF WS YE YT ZA ZM ZW";

    private static readonly FrozenSet<string> Assigned =
        AssignedCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private readonly string? _code;

    private CountryCode(string code) => _code = code;

    /// <summary>The two upper-case letters, e.g. <c>GB</c>.</summary>
    public string Code => _code ?? string.Empty;

    /// <summary>Every officially assigned code, in alphabetical order.</summary>
    public static IReadOnlyList<CountryCode> All { get; } =
        Assigned.Order(StringComparer.Ordinal).Select(c => new CountryCode(c)).ToArray();

    /// <summary>Returns the country with the given ISO 3166-1 alpha-2 code.</summary>
    /// <param name="code">Two letters; case and surrounding white space are ignored.</param>
    /// <returns>The country code.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    /// <exception cref="BillingRuleException">The code is not an officially assigned ISO 3166-1 alpha-2 code.</exception>
    public static CountryCode From(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (TryFrom(code, out var country))
        {
            return country;
        }

        var rule = string.Equals(code.Trim(), "UK", StringComparison.OrdinalIgnoreCase)
            ? "not an ISO 3166-1 alpha-2 code; the United Kingdom is GB"
            : "not an officially assigned ISO 3166-1 alpha-2 country code";
        throw new BillingRuleException("Address.Country", DomainText.Shorten(code), rule);
    }

    /// <summary>Tries to find the country with the given code.</summary>
    /// <param name="code">Two letters; case and surrounding white space are ignored.</param>
    /// <param name="country">The country, when found.</param>
    /// <returns><see langword="true"/> when the code is officially assigned.</returns>
    public static bool TryFrom([NotNullWhen(true)] string? code, out CountryCode country)
    {
        var trimmed = code?.Trim();
        if (trimmed is { Length: 2 } && char.IsAsciiLetter(trimmed[0]) && char.IsAsciiLetter(trimmed[1]))
        {
            var upper = trimmed.ToUpperInvariant();
            if (Assigned.Contains(upper))
            {
                country = new CountryCode(upper);
                return true;
            }
        }

        country = default;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(CountryCode other) => string.Equals(Code, other.Code, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CountryCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Code);

    /// <summary>The code.</summary>
    /// <returns>The two letters.</returns>
    public override string ToString() => Code;

    /// <summary>Compares two codes for equality.</summary>
    /// <param name="left">The first code.</param>
    /// <param name="right">The second code.</param>
    public static bool operator ==(CountryCode left, CountryCode right) => left.Equals(right);

    /// <summary>Compares two codes for inequality.</summary>
    /// <param name="left">The first code.</param>
    /// <param name="right">The second code.</param>
    public static bool operator !=(CountryCode left, CountryCode right) => !left.Equals(right);
}
