using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Billing.Core.Customers;

/// <summary>Validation and normalisation of the free-text fields shared by every aggregate.</summary>
internal static class DomainText
{
    /// <summary>Trims <paramref name="value"/> and checks it is 1..<paramref name="maxLength"/> characters without control characters.</summary>
    public static string Required(string? value, string field, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value, field);
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
        foreach (var c in trimmed)
        {
            Guard.Rule(!char.IsControl(c), field, Shorten(trimmed), "must not contain control characters");
        }

        Guard.Rule(IsWellFormedUtf16(trimmed), field, null, "must be valid Unicode text (it holds an unpaired surrogate)");
    }

    /// <summary>Whether every surrogate in <paramref name="value"/> is part of a pair.</summary>
    public static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Keeps error messages readable when the offending value is very long.</summary>
    public static string Shorten(string value) => value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 77), "...");

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

    /// <summary>Formats a date for messages as ISO <c>yyyy-MM-dd</c>, whatever the current culture.</summary>
    public static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>Formats an optional date for messages; null stays null.</summary>
    public static string? Iso(LocalDate? date) => date is { } d ? Iso(d) : null;

    /// <summary>Formats a decimal for messages without culture.</summary>
    public static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
