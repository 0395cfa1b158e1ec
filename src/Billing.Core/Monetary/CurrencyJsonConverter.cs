using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.Core.Monetary;

/// <summary>Reads and writes a <see cref="Currency"/> as its ISO 4217 code.</summary>
public sealed class CurrencyJsonConverter : JsonConverter<Currency>
{
    /// <inheritdoc />
    public override Currency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String
            ? reader.GetString()
            : throw new JsonException($"Currency must be a JSON string, found {reader.TokenType}.");
        if (!Currency.TryFromCode(text, out var currency))
        {
            throw new JsonException($"Currency '{text}' is invalid: not an ISO 4217 currency code.");
        }

        return currency;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The writer does not stand where a value may be written.</exception>
    public override void Write(Utf8JsonWriter writer, Currency value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Code);
    }
}
