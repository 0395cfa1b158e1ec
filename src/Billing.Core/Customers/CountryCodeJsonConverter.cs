using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Serialization;

namespace Billing.Core.Customers;

/// <summary>Reads and writes a <see cref="CountryCode"/> as its ISO 3166-1 alpha-2 code (<c>"GB"</c>).</summary>
public sealed class CountryCodeJsonConverter : JsonConverter<CountryCode>
{
    /// <inheritdoc />
    public override CountryCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = JsonFields.String(ref reader, nameof(CountryCode), "Code");
        return CountryCode.TryFrom(text, out var country)
            ? country
            : throw new JsonException($"CountryCode '{text}' is not an assigned ISO 3166-1 alpha-2 code.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, CountryCode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Code);
    }
}
