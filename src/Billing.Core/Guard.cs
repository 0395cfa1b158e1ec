using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using NodaTime;
using NodaTime.Text;

namespace Billing.Core;

/// <summary>
/// Argument checks used on the first line of public members, and the one place values are written into rule messages.
/// Argument errors stay <see cref="ArgumentException"/>s; domain rule violations use <see cref="BillingRuleException"/>.
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

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the parameter when <paramref name="value"/> is the default of its type
    /// (<c>default(Currency)</c>, <c>default(Money)</c>, <c>default(CustomerId)</c>, …), which is never a valid value.
    /// </summary>
    public static T NotDefault<T>(T value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where T : struct, IDefaultable
    {
        if (value.IsDefault)
        {
            ThrowDefault(typeof(T), paramName);
        }

        return value;
    }

    /// <summary>As <see cref="NotDefault{T}(T, string?)"/> for an optional value: null passes, a default value does not.</summary>
    public static T? NotDefault<T>(T? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where T : struct, IDefaultable
    {
        if (value is { IsDefault: true })
        {
            ThrowDefault(typeof(T), paramName);
        }

        return value;
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the parameter when <paramref name="date"/> is not in the ISO calendar: billing
    /// dates are ISO dates, and NodaTime refuses to compare dates of different calendars (see docs/domain-model.md).
    /// </summary>
    public static LocalDate IsoDate(LocalDate date, [CallerArgumentExpression(nameof(date))] string? paramName = null)
    {
        if (date.Calendar != CalendarSystem.Iso)
        {
            ThrowNotIso(date, paramName);
        }

        return date;
    }

    /// <summary>As <see cref="IsoDate(LocalDate, string?)"/> for an optional date: null passes.</summary>
    public static LocalDate? IsoDate(LocalDate? date, [CallerArgumentExpression(nameof(date))] string? paramName = null)
    {
        if (date is { } d && d.Calendar != CalendarSystem.Iso)
        {
            ThrowNotIso(d, paramName);
        }

        return date;
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

    /// <summary>As <see cref="Rule(bool, string, string?, string)"/>; value and rule are interpolated text, formatted only when the rule
    /// is broken.</summary>
    public static void Rule(
        [DoesNotReturnIf(false)] bool condition,
        string field,
        [InterpolatedStringHandlerArgument(nameof(condition))] ref RuleMessageHandler value,
        [InterpolatedStringHandlerArgument(nameof(condition))] ref RuleMessageHandler rule)
    {
        if (!condition)
        {
            throw new BillingRuleException(field, value.ToStringAndClear(), rule.ToStringAndClear());
        }
    }

    /// <summary>As <see cref="Rule(bool, string, string?, string)"/>; the value is only formatted (<see cref="Format{T}"/>) when the rule is broken.</summary>
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

    /// <summary>
    /// How every value is written into a message: dates as ISO <c>uuuu-MM-dd</c>, instants as extended ISO, numbers and other
    /// formattable values invariantly, null as null.
    /// </summary>
    public static string? Format<T>(T value)
        => value switch
        {
            null => null,
            LocalDate date => Format(date),
            Instant instant => Format(instant),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };

    /// <summary>A date as ISO <c>uuuu-MM-dd</c>, whatever the current culture.</summary>
    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>An instant as extended ISO (<c>2026-01-01T00:00:00Z</c>).</summary>
    public static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    [DoesNotReturn]
    private static void ThrowDefault(Type type, string? paramName)
        => throw new ArgumentException($"default({type.Name}) is not a valid {type.Name}.", paramName);

    [DoesNotReturn]
    private static void ThrowNotIso(LocalDate date, string? paramName)
        => throw new ArgumentException(
            $"Billing dates are ISO dates; {Format(date)} is in the {date.Calendar.Id} calendar (use WithCalendar(CalendarSystem.Iso)).",
            paramName);
}

/// <summary>
/// Builds the text of a <see cref="Guard"/> check only when the check fails: passing checks format nothing and allocate nothing.
/// Values are written as <see cref="Guard.Format{T}"/> writes them (dates ISO, numbers invariant).
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

    public void AppendFormatted(LocalDate value) => _inner.AppendLiteral(Guard.Format(value));

    public void AppendFormatted(LocalDate? value) => _inner.AppendFormatted(value is { } date ? Guard.Format(date) : null);

    public void AppendFormatted(Instant value) => _inner.AppendLiteral(Guard.Format(value));

    public string ToStringAndClear() => _inner.ToStringAndClear();
}
