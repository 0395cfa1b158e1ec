using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Billing.Core;

/// <summary>
/// Argument checks used on the first line of public members. Argument errors stay
/// <see cref="ArgumentException"/>s; domain rule violations use <see cref="BillingRuleException"/>.
/// </summary>
internal static class Guard
{
    /// <summary>Throws <see cref="ArgumentNullException"/> when <paramref name="value"/> is null.</summary>
    public static T NotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where T : class
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName);
        }

        return value;
    }

    /// <summary>Throws when <paramref name="value"/> is null, empty or white space.</summary>
    public static string NotNullOrWhiteSpace([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        return value;
    }

    /// <summary>Throws a <see cref="BillingRuleException"/> naming the field, value and rule when <paramref name="condition"/> is false.</summary>
    public static void Rule([DoesNotReturnIf(false)] bool condition, string field, object? value, string rule)
    {
        if (!condition)
        {
            throw new BillingRuleException(field, value?.ToString(), rule);
        }
    }
}
