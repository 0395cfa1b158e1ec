using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Billing.Core.Monetary;

/// <summary>
/// An ISO 4217 currency: its three-letter code and the number of digits of its minor unit
/// (GBP 2, JPY 0, BHD 3). Only codes in the ISO 4217 list are accepted.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default(Currency)</c> is not a valid currency.</remarks>
[JsonConverter(typeof(CurrencyJsonConverter))]
public readonly struct Currency : IEquatable<Currency>, IParsable<Currency>, IDefaultable
{
    private readonly string? _code;
    private readonly byte _minorUnitDigits;

    private Currency(string code, byte minorUnitDigits)
    {
        _code = code;
        _minorUnitDigits = minorUnitDigits;
    }

    /// <summary>The three upper-case letters of the ISO 4217 code, e.g. <c>GBP</c>.</summary>
    public string Code => _code ?? string.Empty;

    /// <summary>How many decimal digits the currency's minor unit has (GBP 2, JPY 0, BHD 3).</summary>
    public int MinorUnitDigits => _minorUnitDigits;

    /// <summary>Whether this is <c>default(Currency)</c>, which has no code and is not a valid currency.</summary>
    public bool IsDefault => _code is null;

    /// <summary>The value of one minor unit, e.g. 0.01 for GBP, 1 for JPY, 0.001 for BHD.</summary>
    public decimal MinorUnit => MinorUnits.Unit(_minorUnitDigits);

    /// <summary>Every currency in the ISO 4217 list known to this version, ordered by code.</summary>
    public static IReadOnlyList<Currency> All => CurrencyTable.InCodeOrder;

    /// <summary>Pound sterling.</summary>
    public static Currency GBP => CurrencyTable.Get("GBP");

    /// <summary>Euro.</summary>
    public static Currency EUR => CurrencyTable.Get("EUR");

    /// <summary>US dollar.</summary>
    public static Currency USD => CurrencyTable.Get("USD");

    /// <summary>Yen (no minor unit).</summary>
    public static Currency JPY => CurrencyTable.Get("JPY");

    /// <summary>Bahraini dinar (three minor-unit digits).</summary>
    public static Currency BHD => CurrencyTable.Get("BHD");

    /// <summary>Returns the currency with the given ISO 4217 code.</summary>
    /// <param name="code">Three letters; case and surrounding white space are ignored.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    /// <exception cref="BillingRuleException">The code is malformed or not an ISO 4217 code.</exception>
    public static Currency FromCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (TryFromCode(code, out var currency))
        {
            return currency;
        }

        var trimmed = code.Trim();
        var rule = trimmed.Length == 3 && trimmed.All(char.IsAsciiLetter)
            ? "not an ISO 4217 currency code"
            : "a currency code is three letters (ISO 4217)";
        throw new BillingRuleException("Currency", code, rule);
    }

    /// <summary>Tries to find the currency with the given ISO 4217 code.</summary>
    /// <param name="code">Three letters; case and surrounding white space are ignored.</param>
    /// <param name="currency">The currency, when found.</param>
    /// <returns><see langword="true"/> when the code is a known ISO 4217 code.</returns>
    public static bool TryFromCode([NotNullWhen(true)] string? code, out Currency currency)
        => CurrencyTable.TryGet(code, out currency);

    /// <summary>Returns the currency with the given ISO 4217 code (as <see cref="FromCode"/>).</summary>
    /// <param name="s">Three letters; case and surrounding white space are ignored.</param>
    /// <param name="provider">Ignored: codes are culture-invariant.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="BillingRuleException">The code is malformed or not an ISO 4217 code.</exception>
    public static Currency Parse(string s, IFormatProvider? provider = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        return FromCode(s);
    }

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Currency result)
        => TryFromCode(s, out result);

    internal static Currency Create(string code, byte digits) => new(code, digits);

    /// <inheritdoc />
    public bool Equals(Currency other) => string.Equals(_code, other._code, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj switch
    {
        Currency other => Equals(other),
        _ => false,
    };

    /// <inheritdoc />
    public override int GetHashCode() => _code is null ? 0 : StringComparer.Ordinal.GetHashCode(_code);

    /// <summary>The ISO 4217 code.</summary>
    /// <returns>The code, e.g. <c>GBP</c>.</returns>
    public override string ToString() => Code;

    /// <summary>Compares two currencies for equality.</summary>
    /// <param name="left">The first currency.</param>
    /// <param name="right">The second currency.</param>
    /// <returns><see langword="true"/> when both have the same code.</returns>
    public static bool operator ==(Currency left, Currency right) => left.Equals(right);

    /// <summary>Compares two currencies for inequality.</summary>
    /// <param name="left">The first currency.</param>
    /// <param name="right">The second currency.</param>
    /// <returns><see langword="true"/> when the codes differ.</returns>
    public static bool operator !=(Currency left, Currency right) => !left.Equals(right);
}
