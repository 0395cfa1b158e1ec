using System.Diagnostics.CodeAnalysis;
using System.Text;
using Billing.Core.Customers;

namespace Billing.Core.Numbers;

/// <summary>
/// A telephone number in E.164 form (<c>+441632960123</c>). <see cref="Parse"/> accepts international input
/// (<c>+44 1632 960123</c>, <c>0044 1632 960123</c>, <c>+44 (0)1632 960123</c>, any other country code after
/// <c>+</c> or <c>00</c>) and UK national input (<c>01632 960123</c>, <c>(01632) 960-123</c>, and <c>118 xxx</c>),
/// with spaces, dashes, dots, slashes and parentheses ignored.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default(PhoneNumber)</c> is not a valid number (<see cref="IsDefault"/>).</remarks>
public readonly struct PhoneNumber : IEquatable<PhoneNumber>, IDefaultable
{
    private const string UkCode = "44";
    private readonly string? _value;

    private PhoneNumber(string value) => _value = value;

    /// <summary>Whether this is <c>default(PhoneNumber)</c>, which holds no number.</summary>
    public bool IsDefault => _value is null;

    /// <summary>The number in E.164: <c>+</c> followed by 7 to 15 digits, the first not zero.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether the number is in the UK numbering plan (country code 44).</summary>
    public bool IsUk => Value.StartsWith("+" + UkCode, StringComparison.Ordinal);

    /// <summary>The UK national significant number (the digits after <c>+44</c>), or null for a non-UK number.</summary>
    public string? UkNationalSignificantNumber => IsUk ? Value[3..] : null;

    /// <summary>Normalises input to E.164.</summary>
    /// <param name="input">The number as entered.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="BillingRuleException">The input is not a telephone number in a recognised form; the message names it.</exception>
    public static PhoneNumber Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var error = TryNormalise(input, out var value);
        if (error is not null)
        {
            throw new BillingRuleException("Number", DomainText.Shorten(input), error);
        }

        return new PhoneNumber(value!);
    }

    /// <summary>Tries to normalise input to E.164.</summary>
    /// <param name="input">The number as entered.</param>
    /// <param name="number">The number, when recognised.</param>
    /// <returns><see langword="true"/> when recognised.</returns>
    public static bool TryParse([NotNullWhen(true)] string? input, out PhoneNumber number)
    {
        if (input is not null && TryNormalise(input, out var value) is null)
        {
            number = new PhoneNumber(value!);
            return true;
        }

        number = default;
        return false;
    }

    private static string? TryNormalise(string input, out string? value)
    {
        value = null;
        var text = input.Trim();
        if (text.Length is 0 or > 40)
        {
            return "a telephone number has 7 to 15 digits";
        }

        var international = text[0] == '+';
        if (international)
        {
            text = text[1..];
        }

        // "(0)" after the country code marks the UK trunk prefix: "+44 (0)20 7946 0000".
        text = text.Replace("(0)", " ", StringComparison.Ordinal);
        var digits = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '/' or '(' or ')'))
            {
                return "a telephone number holds only digits, a leading '+', spaces, dashes, dots, slashes and parentheses";
            }
        }

        var d = digits.ToString();
        if (d.Length == 0)
        {
            return "a telephone number has 7 to 15 digits";
        }

        string e164;
        if (international)
        {
            e164 = d;
        }
        else if (d.StartsWith("00", StringComparison.Ordinal))
        {
            e164 = d[2..];
        }
        else if (d[0] == '0')
        {
            e164 = UkCode + d[1..];
        }
        else if (d.Length == 6 && d.StartsWith("118", StringComparison.Ordinal))
        {
            e164 = UkCode + d;
        }
        else
        {
            return "give the number with '+' and its country code, with the international prefix 00, or in UK national form starting with 0";
        }

        // A UK trunk 0 written after the country code ("+44 01632 …") is dropped.
        if (e164.StartsWith(UkCode + "0", StringComparison.Ordinal))
        {
            e164 = UkCode + e164[3..];
        }

        if (e164.Length == 0 || e164[0] == '0')
        {
            return "a country code never starts with 0";
        }

        if (e164.Length is < 7 or > 15)
        {
            return $"an E.164 number has 7 to 15 digits including the country code, this one has {e164.Length}";
        }

        value = "+" + e164;
        return null;
    }

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
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(PhoneNumber left, PhoneNumber right) => left.Equals(right);

    /// <summary>Compares two numbers for inequality.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(PhoneNumber left, PhoneNumber right) => !left.Equals(right);
}
