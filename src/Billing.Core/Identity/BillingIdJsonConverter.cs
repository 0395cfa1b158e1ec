using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.Core.Identity;

/// <summary>
/// Reads and writes a strongly typed id as a plain JSON string (and as a dictionary key).
/// Applied to every id type with <see cref="JsonConverterAttribute"/>, so no registration is needed.
/// </summary>
/// <typeparam name="TId">The id type.</typeparam>
public sealed class BillingIdJsonConverter<TId> : JsonConverter<TId>
    where TId : struct, IBillingId<TId>
{
    /// <inheritdoc />
    public override TId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"{TId.TypeName} must be a JSON string, found {reader.TokenType}.");
        }

        return Parse(reader.GetString());
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The writer does not stand where a value may be written.</exception>
    public override void Write(Utf8JsonWriter writer, TId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }

    /// <inheritdoc />
    public override TId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => Parse(reader.GetString());

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The writer does not stand where a property name may be written (inside an object).</exception>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, TId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.Value);
    }

    private static TId Parse(string? text)
    {
        if (BillingId.TryCreate<TId>(text, out var id))
        {
            return id;
        }

        throw new JsonException($"{TId.TypeName} '{text}' is invalid: an id must be non-empty, at most {BillingId.MaxLength} characters and free of control characters, unpaired surrogates and noncharacters.");
    }
}
