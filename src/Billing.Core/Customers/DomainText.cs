using System.Runtime.CompilerServices;
using System.Text;

namespace Billing.Core.Customers;

/// <summary>Validation and normalisation of the free-text fields shared by every aggregate.</summary>
internal static class DomainText
{
    /// <summary>Trims <paramref name="value"/> and checks it is 1..<paramref name="maxLength"/> characters of printable Unicode text
    /// (<see cref="UnicodeText.Problem"/>: no control characters, unpaired surrogates or noncharacters).</summary>
    public static string Required(string? value, string field, int maxLength, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        var trimmed = value.Trim();
        Guard.Rule(trimmed.Length > 0, field, value, "is required and must not be empty or white space");
        CheckLengthAndControls(trimmed, field, maxLength);
        return trimmed;
    }

    /// <summary>Like <see cref="Required"/>, but null or white space means "absent" and gives null.</summary>
    public static string? Optional(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        CheckLengthAndControls(trimmed, field, maxLength);
        return trimmed;
    }

    private static void CheckLengthAndControls(string trimmed, string field, int maxLength)
    {
        Guard.Rule(trimmed.Length <= maxLength, field, Shorten(trimmed), $"must be at most {maxLength} characters long, this one has {trimmed.Length}");
        if (UnicodeText.Problem(trimmed) is { } problem)
        {
            // The value is shown only when it is well-formed text; the rule names the offending character otherwise.
            throw new BillingRuleException(field, UnicodeText.IsNormalisable(trimmed) ? Shorten(trimmed) : null, problem);
        }
    }

    /// <summary>Keeps error messages readable when the offending value is very long.</summary>
    public static string Shorten(string value)
    {
        if (value.Length <= 80)
        {
            return value;
        }

        // Never cut a surrogate pair in two.
        var keep = char.IsHighSurrogate(value[76]) ? 76 : 77;
        return string.Concat(value.AsSpan(0, keep), "...");
    }

    /// <summary>Case-insensitive, white-space-collapsed comparison key (used for class names and aliases).</summary>
    public static string CaseAndSpaceKey(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.Trim())
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
