using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Serialization;

namespace Billing.Core.CustomerClasses;

/// <summary>
/// Reads and writes a <see cref="CustomFieldDefinition"/> as <c>{"Name": "Seats", "Type": "Number", "IsMandatory": true,
/// "Choices": []}</c>; reading goes through <see cref="CustomFieldDefinition.Create"/>.
/// </summary>
public sealed class CustomFieldDefinitionJsonConverter : JsonConverter<CustomFieldDefinition>
{
    private const string Name = nameof(CustomFieldDefinition);

    /// <inheritdoc />
    public override CustomFieldDefinition? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonFields.StartObject(ref reader, Name);
        string? name = null;
        CustomFieldType? type = null;
        var mandatory = false;
        var choices = new List<string>();
        while (JsonFields.NextProperty(ref reader, out var property))
        {
            if (JsonFields.Is(property, nameof(CustomFieldDefinition.Name)))
            {
                name = JsonFields.String(ref reader, Name, nameof(CustomFieldDefinition.Name));
            }
            else if (JsonFields.Is(property, nameof(CustomFieldDefinition.Type)))
            {
                var text = JsonFields.String(ref reader, Name, nameof(CustomFieldDefinition.Type));
                type = Enum.TryParse<CustomFieldType>(text, ignoreCase: true, out var t) && Enum.IsDefined(t) && !int.TryParse(text, out _)
                    ? t
                    : throw new JsonException($"{Name}.Type '{text}' is not a custom field type.");
            }
            else if (JsonFields.Is(property, nameof(CustomFieldDefinition.IsMandatory)))
            {
                mandatory = reader.TokenType is JsonTokenType.True or JsonTokenType.False
                    ? reader.GetBoolean()
                    : throw new JsonException($"{Name}.IsMandatory must be true or false, found {reader.TokenType}.");
            }
            else if (JsonFields.Is(property, nameof(CustomFieldDefinition.Choices)))
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new JsonException($"{Name}.Choices must be a JSON array of strings, found {reader.TokenType}.");
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    choices.Add(JsonFields.String(ref reader, Name, nameof(CustomFieldDefinition.Choices)));
                }
            }
            else
            {
                JsonFields.Skip(ref reader);
            }
        }

        var n = JsonFields.Required(name, Name, nameof(CustomFieldDefinition.Name));
        var k = JsonFields.Required(type, Name, nameof(CustomFieldDefinition.Type));
        return JsonFields.Build(Name, () => CustomFieldDefinition.Create(n, k, mandatory, choices.Count == 0 ? null : choices));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, CustomFieldDefinition value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        JsonFields.Name(writer, options, nameof(CustomFieldDefinition.Name));
        writer.WriteStringValue(value.Name);
        JsonFields.Name(writer, options, nameof(CustomFieldDefinition.Type));
        writer.WriteStringValue(value.Type.ToString());
        JsonFields.Name(writer, options, nameof(CustomFieldDefinition.IsMandatory));
        writer.WriteBooleanValue(value.IsMandatory);
        JsonFields.Name(writer, options, nameof(CustomFieldDefinition.Choices));
        writer.WriteStartArray();
        foreach (var choice in value.Choices)
        {
            writer.WriteStringValue(choice);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
