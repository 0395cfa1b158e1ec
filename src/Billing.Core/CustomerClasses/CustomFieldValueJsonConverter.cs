using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Serialization;

namespace Billing.Core.CustomerClasses;

/// <summary>
/// Reads and writes a <see cref="CustomFieldValue"/> as its type and value: <c>{"Type": "Number", "Value": 12.5}</c>, with a
/// string for text and choices, an ISO date for dates and <c>true</c>/<c>false</c> for booleans.
/// </summary>
public sealed class CustomFieldValueJsonConverter : JsonConverter<CustomFieldValue>
{
    private static readonly LocalDateJsonConverter Dates = new();

    /// <inheritdoc />
    public override CustomFieldValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        const string Name = nameof(CustomFieldValue);
        JsonFields.StartObject(ref reader, Name);
        CustomFieldType? type = null;
        Func<CustomFieldType, CustomFieldValue>? build = null;
        while (JsonFields.NextProperty(ref reader, out var property))
        {
            if (JsonFields.Is(property, "Type"))
            {
                var text = JsonFields.String(ref reader, Name, "Type");
                type = Enum.TryParse<CustomFieldType>(text, ignoreCase: true, out var t) && Enum.IsDefined(t)
                    ? t
                    : throw new JsonException($"{Name}.Type '{text}' is not a custom field type.");
            }
            else if (JsonFields.Is(property, "Value"))
            {
                build = reader.TokenType switch
                {
                    JsonTokenType.True or JsonTokenType.False => Boolean(reader.GetBoolean()),
                    JsonTokenType.Number => Number(JsonFields.Decimal(ref reader, Name, "Value")),
                    JsonTokenType.String => Text(reader.GetString()!),
                    _ => throw new JsonException($"{Name}.Value must be a string, a number or a boolean, found {reader.TokenType}."),
                };
            }
            else
            {
                JsonFields.Skip(ref reader);
            }
        }

        var kind = JsonFields.Required(type, Name, "Type");
        var value = JsonFields.Required(build, Name, "Value");
        return JsonFields.Build(Name, () => value(kind));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, CustomFieldValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        JsonFields.Name(writer, options, "Type");
        writer.WriteStringValue(value.Type.ToString());
        JsonFields.Name(writer, options, "Value");
        switch (value.Type)
        {
            case CustomFieldType.Number:
                writer.WriteNumberValue(value.AsNumber);
                break;
            case CustomFieldType.Date:
                Dates.Write(writer, value.AsDate, options);
                break;
            case CustomFieldType.Boolean:
                writer.WriteBooleanValue(value.AsBoolean);
                break;
            case CustomFieldType.Text or CustomFieldType.Choice:
                writer.WriteStringValue(value.AsText);
                break;
            default:
                throw new JsonException("default(CustomFieldValue) holds no value and is not written to JSON.");
        }

        writer.WriteEndObject();
    }

    private static Func<CustomFieldType, CustomFieldValue> Boolean(bool value)
        => type => type == CustomFieldType.Boolean ? CustomFieldValue.Boolean(value) : throw Mismatch(type, "a boolean");

    private static Func<CustomFieldType, CustomFieldValue> Number(decimal value)
        => type => type == CustomFieldType.Number ? CustomFieldValue.Number(value) : throw Mismatch(type, "a number");

    private static Func<CustomFieldType, CustomFieldValue> Text(string value)
        => type => type switch
        {
            CustomFieldType.Text => CustomFieldValue.Text(value),
            CustomFieldType.Choice => CustomFieldValue.Choice(value),
            CustomFieldType.Date => CustomFieldValue.Date(
                NodaTime.Text.LocalDatePattern.Iso.Parse(value).GetValueOrThrow()),
            _ => throw Mismatch(type, "a string"),
        };

    private static JsonException Mismatch(CustomFieldType type, string found)
        => new($"A {type} custom field value cannot be {found}.");
}
