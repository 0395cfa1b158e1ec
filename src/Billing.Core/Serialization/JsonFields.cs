using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Billing.Core.Serialization;

/// <summary>
/// What the library's object converters share: property names that follow the host's naming policy when writing and match
/// case-insensitively when reading, required properties, and domain errors reported as <see cref="JsonException"/> naming the
/// type.
/// </summary>
internal static class JsonFields
{
    /// <summary>Writes a property name as the options' naming policy spells it.</summary>
    public static void Name(Utf8JsonWriter writer, JsonSerializerOptions options, string name)
        => writer.WritePropertyName(options.PropertyNamingPolicy?.ConvertName(name) ?? name);

    /// <summary>Whether the property just read is <paramref name="name"/> (ignoring case, so any naming policy reads back).</summary>
    public static bool Is(string property, string name) => string.Equals(property, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks the reader is at the start of an object.</summary>
    public static void StartObject(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"{typeName} must be a JSON object, found {reader.TokenType}.");
        }
    }

    /// <summary>Moves to the next property; false at the end of the object. The reader is then on the property's value.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader, out string name)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndObject)
        {
            name = string.Empty;
            return false;
        }

        name = reader.GetString() ?? string.Empty;
        reader.Read();
        return true;
    }

    /// <summary>Returns a value that must have been read, or throws naming the missing property.</summary>
    public static T Required<T>([NotNull] T? value, string typeName, string property)
        where T : struct
        => value ?? throw new JsonException($"{typeName} needs the property '{property}'.");

    /// <summary>Returns a reference that must have been read, or throws naming the missing property.</summary>
    public static T Required<T>([NotNull] T? value, string typeName, string property)
        where T : class
        => value ?? throw new JsonException($"{typeName} needs the property '{property}'.");

    /// <summary>Reads a string value.</summary>
    public static string String(ref Utf8JsonReader reader, string typeName, string property)
        => reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new JsonException($"{typeName}.{property} must be a JSON string, found {reader.TokenType}.");

    /// <summary>Reads a string value or null.</summary>
    public static string? NullableString(ref Utf8JsonReader reader, string typeName, string property)
        => reader.TokenType == JsonTokenType.Null ? null : String(ref reader, typeName, property);

    /// <summary>Reads a decimal number exactly.</summary>
    public static decimal Decimal(ref Utf8JsonReader reader, string typeName, string property)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value))
        {
            return value;
        }

        throw new JsonException($"{typeName}.{property} must be a JSON number that fits a decimal, found {reader.TokenType}.");
    }

    /// <summary>Reads a 64-bit integer.</summary>
    public static long Int64(ref Utf8JsonReader reader, string typeName, string property)
        => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value)
            ? value
            : throw new JsonException($"{typeName}.{property} must be a JSON integer, found {reader.TokenType}.");

    /// <summary>Skips a property the type does not know, so newer writers do not break older readers.</summary>
    public static void Skip(ref Utf8JsonReader reader) => reader.Skip();

    /// <summary>Builds the value from what was read, reporting a broken rule as a <see cref="JsonException"/> naming the type.</summary>
    public static T Build<T>(string typeName, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (Exception e) when (e is BillingRuleException or ArgumentException or FormatException or OverflowException)
        {
            throw new JsonException($"{typeName} read from JSON is invalid: {e.Message}", e);
        }
    }
}
