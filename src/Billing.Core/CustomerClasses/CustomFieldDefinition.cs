using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Billing.Core.Customers;

namespace Billing.Core.CustomerClasses;

/// <summary>
/// A custom field a customer class defines for its customers (SPEC §1.2): a name, a type, whether it is
/// mandatory and, for a <see cref="CustomFieldType.Choice"/>, the list of allowed options.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Names and choices are matched case-insensitively; two definitions are equal when name, type,
/// mandatory flag and choices are spelt the same (ordinal) in the same order.
/// </remarks>
[JsonConverter(typeof(CustomFieldDefinitionJsonConverter))]
public sealed class CustomFieldDefinition : IEquatable<CustomFieldDefinition>
{
    /// <summary>The longest field name accepted.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest choice accepted.</summary>
    public const int MaxChoiceLength = 100;

    private CustomFieldDefinition(string name, CustomFieldType type, bool mandatory, ImmutableArray<string> choices)
    {
        Name = name;
        Type = type;
        IsMandatory = mandatory;
        Choices = choices;
    }

    /// <summary>The field's name, unique (case-insensitively) within its class.</summary>
    public string Name { get; }

    /// <summary>The type values of the field must have.</summary>
    public CustomFieldType Type { get; }

    /// <summary>Whether every customer of the class must supply a value.</summary>
    public bool IsMandatory { get; }

    /// <summary>The allowed options of a choice field; empty for other types.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>Creates a field definition.</summary>
    /// <param name="name">1..64 characters, trimmed.</param>
    /// <param name="type">The field's type.</param>
    /// <param name="mandatory">Whether every customer of the class must supply a value.</param>
    /// <param name="choices">For a choice field, the distinct allowed options (at least one); otherwise none.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or a choice is null.</exception>
    /// <exception cref="BillingRuleException">The name is invalid, the type undefined, or the choices do not fit the type.</exception>
    public static CustomFieldDefinition Create(string name, CustomFieldType type, bool mandatory = false, IEnumerable<string>? choices = null)
    {
        var trimmed = DomainText.Required(name, "CustomField.Name", MaxNameLength);
        Guard.Rule(Enum.IsDefined(type), "CustomField.Type", type, "must be Text, Number, Date, Boolean or Choice");
        var list = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var choice in choices ?? [])
        {
            var option = DomainText.Required(choice, "CustomField.Choices", MaxChoiceLength);
            Guard.Rule(seen.Add(DomainText.CaseAndSpaceKey(option)), "CustomField.Choices", option, $"choices of field '{trimmed}' must be distinct");
            list.Add(option);
        }

        Guard.Rule(type != CustomFieldType.Choice || list.Count > 0, "CustomField.Choices", trimmed, "a choice field needs at least one choice");
        Guard.Rule(type == CustomFieldType.Choice || list.Count == 0, "CustomField.Choices", trimmed, "only a choice field has choices");
        return new CustomFieldDefinition(trimmed, type, mandatory, list.ToImmutable());
    }

    /// <summary>Checks that <paramref name="value"/> fits this field: the right type and, for a choice, one of the choices.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The value, with a choice spelt as in the definition.</returns>
    /// <exception cref="BillingRuleException">The value does not fit.</exception>
    public CustomFieldValue Check(CustomFieldValue value)
    {
        if (value.Type != Type)
        {
            throw new BillingRuleException($"CustomData.{Name}", value.ToString(), $"field '{Name}' takes a {Type} value, not {(value.Type == 0 ? "no value" : value.Type.ToString())}");
        }

        if (Type != CustomFieldType.Choice)
        {
            return value;
        }

        var key = DomainText.CaseAndSpaceKey(value.AsText);
        var match = Choices.FirstOrDefault(c => DomainText.CaseAndSpaceKey(c) == key);
        Guard.Rule(match is not null, $"CustomData.{Name}", value.AsText, $"must be one of: {string.Join(", ", Choices)}");
        return CustomFieldValue.Choice(match);
    }

    /// <inheritdoc />
    public bool Equals(CustomFieldDefinition? other)
        => other is not null
           && string.Equals(Name, other.Name, StringComparison.Ordinal)
           && Type == other.Type
           && IsMandatory == other.IsMandatory
           && Choices.SequenceEqual(other.Choices, StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CustomFieldDefinition);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Name), Type, IsMandatory, Choices.Count);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Type}{(IsMandatory ? ", mandatory" : string.Empty)})";
}
