using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Serialization;

namespace Billing.Core.Customers;

/// <summary>
/// Reads and writes a <see cref="PostalAddress"/> as <c>{"Lines": ["1 High Street"], "City": "London", "Region": null,
/// "Postcode": "SW1A 1AA", "Country": "GB"}</c>.
/// </summary>
public sealed class PostalAddressJsonConverter : JsonConverter<PostalAddress>
{
    private const string Name = nameof(PostalAddress);

    /// <inheritdoc />
    public override PostalAddress? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonFields.StartObject(ref reader, Name);
        List<string>? lines = null;
        string? city = null, region = null, postcode = null, country = null;
        while (JsonFields.NextProperty(ref reader, out var property))
        {
            if (JsonFields.Is(property, nameof(PostalAddress.Lines)))
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new JsonException($"{Name}.Lines must be a JSON array of strings, found {reader.TokenType}.");
                }

                lines = [];
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    lines.Add(JsonFields.String(ref reader, Name, nameof(PostalAddress.Lines)));
                }
            }
            else if (JsonFields.Is(property, nameof(PostalAddress.City)))
            {
                city = JsonFields.String(ref reader, Name, nameof(PostalAddress.City));
            }
            else if (JsonFields.Is(property, nameof(PostalAddress.Region)))
            {
                region = JsonFields.NullableString(ref reader, Name, nameof(PostalAddress.Region));
            }
            else if (JsonFields.Is(property, nameof(PostalAddress.Postcode)))
            {
                postcode = JsonFields.NullableString(ref reader, Name, nameof(PostalAddress.Postcode));
            }
            else if (JsonFields.Is(property, nameof(PostalAddress.Country)))
            {
                country = JsonFields.String(ref reader, Name, nameof(PostalAddress.Country));
            }
            else
            {
                JsonFields.Skip(ref reader);
            }
        }

        var l = JsonFields.Required(lines, Name, nameof(PostalAddress.Lines));
        var c = JsonFields.Required(city, Name, nameof(PostalAddress.City));
        var k = JsonFields.Required(country, Name, nameof(PostalAddress.Country));
        return JsonFields.Build(Name, () => PostalAddress.Create(l, c, k, region, postcode));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, PostalAddress value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        JsonFields.Name(writer, options, nameof(PostalAddress.Lines));
        writer.WriteStartArray();
        foreach (var line in value.Lines)
        {
            writer.WriteStringValue(line);
        }

        writer.WriteEndArray();
        JsonFields.Name(writer, options, nameof(PostalAddress.City));
        writer.WriteStringValue(value.City);
        JsonFields.Name(writer, options, nameof(PostalAddress.Region));
        writer.WriteStringValue(value.Region);
        JsonFields.Name(writer, options, nameof(PostalAddress.Postcode));
        writer.WriteStringValue(value.Postcode);
        JsonFields.Name(writer, options, nameof(PostalAddress.Country));
        writer.WriteStringValue(value.Country.Code);
        writer.WriteEndObject();
    }
}
