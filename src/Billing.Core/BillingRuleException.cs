namespace Billing.Core;

/// <summary>
/// Thrown when input breaks a rule of the billing domain. The exception names the field, the
/// offending value and the rule, and the operation that threw it changed nothing.
/// </summary>
/// <remarks>
/// Messages read as "<c>Field</c> 'value' is invalid: rule." so that they can be shown to an
/// operator as they are. Thread safety: instances are immutable.
/// </remarks>
public sealed class BillingRuleException : BillingException
{
    /// <summary>Initialises the exception.</summary>
    /// <param name="field">The field (or parameter) whose value broke the rule, e.g. <c>Customer.CreditLimit</c>.</param>
    /// <param name="value">The offending value as text, or <see langword="null"/> when there was none.</param>
    /// <param name="rule">The rule that failed, as a sentence fragment.</param>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> or <paramref name="rule"/> is null.</exception>
    public BillingRuleException(string field, string? value, string rule)
        : base(FormatMessage(field, value, rule))
    {
        Field = field;
        Value = value;
        Rule = rule;
    }

    /// <summary>The field (or parameter) whose value broke the rule.</summary>
    public string Field { get; }

    /// <summary>The offending value as text, or <see langword="null"/> when the value was missing.</summary>
    public string? Value { get; }

    /// <summary>The rule that failed.</summary>
    public string Rule { get; }

    private static string FormatMessage(string field, string? value, string rule)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(rule);
        return value is null
            ? $"{field} is invalid: {rule}."
            : $"{field} '{value}' is invalid: {rule}.";
    }
}
