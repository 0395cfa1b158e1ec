using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Serialization;

namespace Billing.Core.CustomerClasses;

/// <summary>Reads and writes a <see cref="Taxation"/> as <c>{"Kind": "FlatPercentage", "Percentage": 20}</c> or <c>{"Kind": "None", "Percentage": 0}</c>.</summary>
public sealed class TaxationJsonConverter : JsonConverter<Taxation>
{
    private const string Name = nameof(Taxation);

    /// <inheritdoc />
    public override Taxation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonFields.StartObject(ref reader, Name);
        string? kind = null;
        decimal? percentage = null;
        while (JsonFields.NextProperty(ref reader, out var property))
        {
            if (JsonFields.Is(property, nameof(Taxation.Kind)))
            {
                kind = JsonFields.String(ref reader, Name, nameof(Taxation.Kind));
            }
            else if (JsonFields.Is(property, nameof(Taxation.Percentage)))
            {
                percentage = JsonFields.Decimal(ref reader, Name, nameof(Taxation.Percentage));
            }
            else
            {
                JsonFields.Skip(ref reader);
            }
        }

        var k = JsonFields.Required(kind, Name, nameof(Taxation.Kind));
        return k switch
        {
            nameof(TaxationKind.None) => Taxation.None,
            nameof(TaxationKind.FlatPercentage) => JsonFields.Build(Name, () => Taxation.FlatPercentage(JsonFields.Required(percentage, Name, nameof(Taxation.Percentage)))),
            _ => throw new JsonException($"{Name}.Kind '{k}' is not a taxation kind."),
        };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Taxation value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        JsonFields.Name(writer, options, nameof(Taxation.Kind));
        writer.WriteStringValue(value.Kind.ToString());
        JsonFields.Name(writer, options, nameof(Taxation.Percentage));
        writer.WriteNumberValue(value.Percentage);
        writer.WriteEndObject();
    }
}
