using System.Text.Json.Serialization;

namespace Billing.Core.CustomerClasses;

/// <summary>The type of a custom field defined by a customer class.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CustomFieldType>))]
public enum CustomFieldType
{
    /// <summary>Free text (1..1000 characters).</summary>
    Text = 1,

    /// <summary>A decimal number.</summary>
    Number = 2,

    /// <summary>A calendar date.</summary>
    Date = 3,

    /// <summary>True or false.</summary>
    Boolean = 4,

    /// <summary>One of the definition's listed choices.</summary>
    Choice = 5,
}
