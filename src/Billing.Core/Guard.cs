using System.Diagnostics.CodeAnalysis;
using System.Globalization;
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
    public static void Rule([DoesNotReturnIf(false)] bool condition, string field, string? value, string rule)
    {
        if (!condition)
        {
            throw new BillingRuleException(field, value, rule);
        }
    }

    /// <summary>As <see cref="Rule(bool, string, string?, string)"/>; the rule's interpolated text is only formatted when the rule is broken.</summary>
    public static void Rule(
        [DoesNotReturnIf(false)] bool condition,
        string field,
        string? value,
        [InterpolatedStringHandlerArgument(nameof(condition))] ref RuleMessageHandler rule)
    {
        if (!condition)
        {
            throw new BillingRuleException(field, value, rule.ToStringAndClear());
        }
    }

    /// <summary>As <see cref="Rule(bool, string, string?, string)"/>; the value is only formatted (invariantly) when the rule is broken.</summary>
    public static void Rule<T>([DoesNotReturnIf(false)] bool condition, string field, T value, string rule)
    {
        if (!condition)
        {
            throw new BillingRuleException(field, Format(value), rule);
        }
    }

    /// <summary>As <see cref="Rule(bool, string, string?, string)"/>; value and rule are only formatted when the rule is broken, so a
    /// passing check on a hot path allocates nothing.</summary>
    public static void Rule<T>(
        [DoesNotReturnIf(false)] bool condition,
        string field,
        T value,
        [InterpolatedStringHandlerArgument(nameof(condition))] ref RuleMessageHandler rule)
    {
        if (!condition)
        {
            throw new BillingRuleException(field, Format(value), rule.ToStringAndClear());
        }
    }

    private static string? Format<T>(T value)
        => value switch
        {
            null => null,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
}

/// <summary>
/// Builds the rule text of a <see cref="Guard"/> check only when the check fails: passing checks format nothing and allocate nothing.
/// </summary>
[InterpolatedStringHandler]
internal ref struct RuleMessageHandler
{
    private DefaultInterpolatedStringHandler _inner;

    public RuleMessageHandler(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
    {
        shouldAppend = !condition;
        _inner = shouldAppend ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture) : default;
    }

    public void AppendLiteral(string value) => _inner.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

    public void AppendFormatted(string? value) => _inner.AppendFormatted(value);

    public string ToStringAndClear() => _inner.ToStringAndClear();
}
