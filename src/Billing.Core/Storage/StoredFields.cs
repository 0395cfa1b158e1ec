using System.Diagnostics.CodeAnalysis;
using Billing.Core.Customers;
using NodaTime;

namespace Billing.Core.Storage;

/// <summary>
/// The checks every <c>Restore(snapshot)</c> makes on a stored member: present when required, and nothing about its format.
/// See docs/storage.md, "Snapshots and restore", for the line between the two.
/// </summary>
internal static class StoredFields
{
    /// <summary>Throws <see cref="ArgumentNullException"/> (parameter <c>snapshot</c>) naming the member when it is null.</summary>
    public static T Required<T>([NotNull] T? value, string field)
        where T : class
        => value ?? throw new ArgumentNullException("snapshot", $"{field} is missing: this snapshot member is required and must not be null.");

    /// <summary>A required text: present and not empty or white space. Kept exactly as stored: no trimming, length or character rules.</summary>
    public static string Text([NotNull] string? value, string field)
    {
        Required(value, field);
        Guard.Rule(!string.IsNullOrWhiteSpace(value), field, DomainText.Shorten(value), "is required and must not be empty or white space");
        return value;
    }

    /// <summary>An optional text: null when absent, otherwise not empty or white space. Kept exactly as stored.</summary>
    public static string? OptionalText(string? value, string field)
    {
        Guard.Rule(value is null || !string.IsNullOrWhiteSpace(value), field, value, "an absent value is stored as null, not as empty or white space");
        return value;
    }

    /// <summary>A stored date: in the ISO calendar, the only one the library keeps.</summary>
    public static LocalDate Date(LocalDate value, string field)
    {
        Guard.Rule(value.Calendar == CalendarSystem.Iso, field, value.ToString(), "a stored date is an ISO date");
        return value;
    }

    /// <summary>An optional stored date: null, or in the ISO calendar.</summary>
    public static LocalDate? Date(LocalDate? value, string field) => value is { } date ? Date(date, field) : null;
}
