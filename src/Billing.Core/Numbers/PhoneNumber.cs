using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;
using Billing.Core.Customers;
using Lib = PhoneNumbers;

namespace Billing.Core.Numbers;

/// <summary>
/// A telephone number of any country in E.164 form (<c>+441632960123</c>, <c>+33123456789</c>). <see cref="Parse(string)"/>
/// reads international input (<c>+44 1632 960123</c>, <c>+44 (0)1632 960123</c>, <c>0044 1632 960123</c>) and national
/// input of a default country (the UK unless another is given: <c>01632 960123</c>, <c>118 118</c>), with spaces,
/// dashes, dots, slashes and parentheses ignored. Parsing and formatting follow Google's numbering metadata
/// (libphonenumber); see <c>docs/domain-model.md</c>.
/// </summary>
/// <remarks>
/// <para>A parsed number has a length its country's plan allows; whether its range is allocated, and what type it is,
/// is the business of <see cref="NumberPlan"/>, because the metadata changes as ranges are allocated while a stored
/// number must always read back.</para>
/// <para>Immutable and thread-safe. <c>default(PhoneNumber)</c> is not a valid number (<see cref="IsDefault"/>).</para>
/// </remarks>
[JsonConverter(typeof(PhoneNumberJsonConverter))]
public readonly struct PhoneNumber : IEquatable<PhoneNumber>, IDefaultable
{
    /// <summary>The longest input read: 15 digits with generous room for separators.</summary>
    private const int MaxInputLength = 64;

    private const string DefaultRegion = "GB";

    private readonly string? _value;
    private readonly int _countryCode;

    private PhoneNumber(string value, int countryCode)
    {
        _value = value;
        _countryCode = countryCode;
    }

    /// <summary>Whether this is <c>default(PhoneNumber)</c>, which holds no number.</summary>
    public bool IsDefault => _value is null;

    /// <summary>The number in E.164: <c>+</c>, the country calling code and the national significant number, at most 15 digits.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The country calling code (<c>44</c> for the UK and the Crown Dependencies, <c>1</c> for North America, <c>800</c> for
    /// international freephone), or 0 for <c>default(PhoneNumber)</c>.</summary>
    public int CountryCallingCode => _countryCode;

    /// <summary>The national significant number: the digits after the country calling code (<c>1632960123</c>); empty for
    /// <c>default(PhoneNumber)</c>.</summary>
    public string NationalSignificantNumber
        => _value is null ? string.Empty : _value[(1 + _countryCode.ToString(CultureInfo.InvariantCulture).Length)..];

    /// <summary>Normalises input to E.164, reading national input as a UK number.</summary>
    /// <param name="input">The number as entered.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="BillingRuleException">The input is not a telephone number in a recognised form, or has a length its
    /// country's plan does not allow; the message names it.</exception>
    public static PhoneNumber Parse(string input) => ParseIn(input, DefaultRegion);

    /// <summary>Normalises input to E.164, reading national input as a number of <paramref name="defaultCountry"/>.</summary>
    /// <param name="input">The number as entered: international (<c>+</c> or the country's international prefix, such as
    /// <c>00</c> or <c>011</c>), or national in <paramref name="defaultCountry"/>.</param>
    /// <param name="defaultCountry">The country whose national input is expected (for example <c>FR</c> reads
    /// <c>01 23 45 67 89</c> as <c>+33123456789</c>).</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="defaultCountry"/> is default or has no numbering plan in the metadata.</exception>
    /// <exception cref="BillingRuleException">The input is not a telephone number in a recognised form, or has a length its
    /// country's plan does not allow; the message names it.</exception>
    public static PhoneNumber Parse(string input, CountryCode defaultCountry)
        => ParseIn(input, NumberingMetadata.Region(defaultCountry, nameof(defaultCountry)));

    /// <summary>Tries to normalise input to E.164, reading national input as a UK number.</summary>
    /// <param name="input">The number as entered.</param>
    /// <param name="number">The number, when recognised.</param>
    /// <returns><see langword="true"/> when recognised.</returns>
    public static bool TryParse([NotNullWhen(true)] string? input, out PhoneNumber number) => TryParseIn(input, DefaultRegion, out number);

    /// <summary>Tries to normalise input to E.164, reading national input as a number of <paramref name="defaultCountry"/>.</summary>
    /// <param name="input">The number as entered.</param>
    /// <param name="defaultCountry">The country whose national input is expected.</param>
    /// <param name="number">The number, when recognised.</param>
    /// <returns><see langword="true"/> when recognised.</returns>
    /// <exception cref="ArgumentException"><paramref name="defaultCountry"/> is default or has no numbering plan in the metadata.</exception>
    public static bool TryParse([NotNullWhen(true)] string? input, CountryCode defaultCountry, out PhoneNumber number)
        => TryParseIn(input, NumberingMetadata.Region(defaultCountry, nameof(defaultCountry)), out number);

    /// <summary>The number as dialled within its country (<c>01632 960123</c>, <c>(212) 555-0100</c>).</summary>
    /// <returns>The national form; empty for <c>default(PhoneNumber)</c>.</returns>
    public string FormatNational() => Format(Lib.PhoneNumberFormat.NATIONAL);

    /// <summary>The number as written for callers abroad (<c>+44 1632 960123</c>, <c>+1 212-555-0100</c>).</summary>
    /// <returns>The international form; empty for <c>default(PhoneNumber)</c>.</returns>
    public string FormatInternational() => Format(Lib.PhoneNumberFormat.INTERNATIONAL);

    /// <inheritdoc />
    public bool Equals(PhoneNumber other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PhoneNumber other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The E.164 form.</summary>
    /// <returns>The number, e.g. <c>+441632960123</c>.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two numbers for equality.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    public static bool operator ==(PhoneNumber left, PhoneNumber right) => left.Equals(right);

    /// <summary>Compares two numbers for inequality.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    public static bool operator !=(PhoneNumber left, PhoneNumber right) => !left.Equals(right);

    private static PhoneNumber ParseIn(string input, string region)
    {
        ArgumentNullException.ThrowIfNull(input);
        var error = TryNormalise(input, region, out var number);
        return error is null ? number : throw new BillingRuleException("Number", DomainText.Shorten(input), error);
    }

    private static bool TryParseIn([NotNullWhen(true)] string? input, string region, out PhoneNumber number)
    {
        if (input is not null && TryNormalise(input, region, out number) is null)
        {
            return true;
        }

        number = default;
        return false;
    }

    private string Format(Lib.PhoneNumberFormat format)
        => _value is null ? string.Empty : NumberingMetadata.Util.Format(NumberingMetadata.ToLib(this), format);

    private static string? TryNormalise(string input, string region, out PhoneNumber number)
    {
        number = default;
        var text = input.Trim();
        if (text.Length == 0)
        {
            return "a telephone number is required";
        }

        if (text.Length > MaxInputLength)
        {
            return $"a telephone number is at most {MaxInputLength.ToString(CultureInfo.InvariantCulture)} characters long with its separators, this one has {text.Length.ToString(CultureInfo.InvariantCulture)}";
        }

        // The metadata parser is lenient (letters, extensions, "tel:" URIs, a second '+'); a billed number is digits only.
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '/' or '(' or ')' || (c == '+' && i == 0)))
            {
                return "a telephone number holds only digits, a leading '+', spaces, dashes, dots, slashes and parentheses";
            }
        }

        Lib.PhoneNumber parsed;
        try
        {
            parsed = NumberingMetadata.Util.Parse(text, region);
        }
        catch (Lib.NumberParseException e)
        {
            return e.ErrorType switch
            {
                Lib.ErrorType.INVALID_COUNTRY_CODE => "the digits after '+' or the international prefix do not start with a country calling code",
                Lib.ErrorType.TOO_SHORT_AFTER_IDD => "too few digits after the international prefix",
                Lib.ErrorType.TOO_SHORT_NSN => "too few digits for a telephone number",
                Lib.ErrorType.TOO_LONG => "too many digits for a telephone number",
                _ => $"not a telephone number; give it with '+' and the country code, or in the national form of {region}",
            };
        }

        var code = parsed.CountryCode;
        var nsn = NumberingMetadata.Util.GetNationalSignificantNumber(parsed);
        var codeText = "+" + code.ToString(CultureInfo.InvariantCulture);
        switch (NumberingMetadata.Util.IsPossibleNumberWithReason(parsed))
        {
            case Lib.PhoneNumberUtil.ValidationResult.IS_POSSIBLE:
                break;
            case Lib.PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY when IsKnown(parsed):
                break; // a short code (UK 118 xxx) or a local-only range the metadata lists (Canada's 310-xxxx)
            case Lib.PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
                return $"{nsn} is a local number of {codeText}, dialled without its area code; give the whole number";
            case Lib.PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE:
                return $"{codeText} is not a country calling code";
            default:
                return $"numbers of {codeText} have {NumberingMetadata.PossibleLengths(code)} digits after the country code, this one has {nsn.Length.ToString(CultureInfo.InvariantCulture)}";
        }

        // A leading 0 kept in the national number is part of it only where the plan says so (Italy); elsewhere it is a
        // trunk prefix the parser could not remove ("0118 118" is neither 118 118 nor a Reading number).
        if (nsn[0] == '0' && !IsKnown(parsed))
        {
            return $"{nsn} keeps a leading 0 that no number of {codeText} has";
        }

        number = new PhoneNumber(NumberingMetadata.Util.Format(parsed, Lib.PhoneNumberFormat.E164), code);
        return null;
    }

    private static bool IsKnown(Lib.PhoneNumber parsed)
        => NumberingMetadata.Util.IsValidNumber(parsed) || NumberingMetadata.ShortNumbers.IsValidShortNumber(parsed);
}
