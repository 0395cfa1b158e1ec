using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Serialization;

namespace Billing.Core.Numbers;

/// <summary>Reads and writes a <see cref="PhoneNumber"/> as its E.164 text (<c>"+441632960123"</c>).</summary>
public sealed class PhoneNumberJsonConverter : JsonConverter<PhoneNumber>
{
    /// <inheritdoc />
    public override PhoneNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = JsonFields.String(ref reader, nameof(PhoneNumber), nameof(PhoneNumber.Value));
        return JsonFields.Build(nameof(PhoneNumber), () => PhoneNumber.Parse(text));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, PhoneNumber value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value.Length > 0 ? value.Value : throw new JsonException("default(PhoneNumber) holds no number and is not written to JSON."));
    }
}
