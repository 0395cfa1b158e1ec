using System.Globalization;
using System.Text.Json.Serialization;
using Billing.Core.Customers;
using NodaTime;

namespace Billing.Core.CustomerClasses;

/// <summary>
/// A typed value of a customer's custom field: text, number, date, boolean or choice. The class's
/// <see cref="CustomFieldDefinition"/> decides which type a field takes.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default(CustomFieldValue)</c> has no type and is refused by every definition.</remarks>
[JsonConverter(typeof(CustomFieldValueJsonConverter))]
public readonly struct CustomFieldValue : IEquatable<CustomFieldValue>
{
    private const int MaxTextLength = 1000;
    private readonly string? _text;
    private readonly decimal _number;
    private readonly LocalDate _date;
    private readonly bool _boolean;

    private CustomFieldValue(CustomFieldType type, string? text = null, decimal number = 0m, LocalDate date = default, bool boolean = false)
    {
        Type = type;
        _text = text;
        _number = number;
        _date = date;
        _boolean = boolean;
    }

    /// <summary>The value's type; 0 for <c>default(CustomFieldValue)</c>.</summary>
    public CustomFieldType Type { get; }

    /// <summary>A text value.</summary>
    /// <param name="value">1..1000 characters, trimmed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="BillingRuleException">The text is empty, too long or holds control characters.</exception>
    public static CustomFieldValue Text(string value) => new(CustomFieldType.Text, text: DomainText.Required(value, "CustomField.Text", MaxTextLength));

    /// <summary>A number value.</summary>
    /// <param name="value">The number.</param>
    public static CustomFieldValue Number(decimal value) => new(CustomFieldType.Number, number: value);

    /// <summary>A date value.</summary>
    /// <param name="value">The date.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not in the ISO calendar.</exception>
    public static CustomFieldValue Date(LocalDate value) => new(CustomFieldType.Date, date: Guard.IsoDate(value));

    /// <summary>A boolean value.</summary>
    /// <param name="value">The flag.</param>
    public static CustomFieldValue Boolean(bool value) => new(CustomFieldType.Boolean, boolean: value);

    /// <summary>A choice value; the definition checks that it is one of its choices.</summary>
    /// <param name="value">The chosen option.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="BillingRuleException">The text is empty, too long or holds control characters.</exception>
    public static CustomFieldValue Choice(string value) => new(CustomFieldType.Choice, text: DomainText.Required(value, "CustomField.Choice", CustomFieldDefinition.MaxChoiceLength));

    /// <summary>The text of a <see cref="CustomFieldType.Text"/> or <see cref="CustomFieldType.Choice"/> value.</summary>
    /// <exception cref="InvalidOperationException">The value is of another type.</exception>
    public string AsText => Type is CustomFieldType.Text or CustomFieldType.Choice ? _text! : throw WrongType(CustomFieldType.Text);

    /// <summary>The number of a <see cref="CustomFieldType.Number"/> value.</summary>
    /// <exception cref="InvalidOperationException">The value is of another type.</exception>
    public decimal AsNumber => Type == CustomFieldType.Number ? _number : throw WrongType(CustomFieldType.Number);

    /// <summary>The date of a <see cref="CustomFieldType.Date"/> value.</summary>
    /// <exception cref="InvalidOperationException">The value is of another type.</exception>
    public LocalDate AsDate => Type == CustomFieldType.Date ? _date : throw WrongType(CustomFieldType.Date);

    /// <summary>The flag of a <see cref="CustomFieldType.Boolean"/> value.</summary>
    /// <exception cref="InvalidOperationException">The value is of another type.</exception>
    public bool AsBoolean => Type == CustomFieldType.Boolean ? _boolean : throw WrongType(CustomFieldType.Boolean);

    private InvalidOperationException WrongType(CustomFieldType wanted) => new($"The custom field value is {Type}, not {wanted}.");

    /// <inheritdoc />
    public bool Equals(CustomFieldValue other)
        => Type == other.Type && string.Equals(_text, other._text, StringComparison.Ordinal) && _number == other._number
           && _date == other._date && _boolean == other._boolean;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CustomFieldValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, _text, _number, _date, _boolean);

    /// <summary>The value in invariant form (ISO dates, invariant numbers, <c>true</c>/<c>false</c>).</summary>
    public override string ToString() => Type switch
    {
        CustomFieldType.Text or CustomFieldType.Choice => _text!,
        CustomFieldType.Number => _number.ToString(CultureInfo.InvariantCulture),
        CustomFieldType.Date => Guard.Format(_date),
        CustomFieldType.Boolean => _boolean ? "true" : "false",
        _ => string.Empty,
    };

    /// <summary>Compares two values for equality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(CustomFieldValue left, CustomFieldValue right) => left.Equals(right);

    /// <summary>Compares two values for inequality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(CustomFieldValue left, CustomFieldValue right) => !left.Equals(right);
}
