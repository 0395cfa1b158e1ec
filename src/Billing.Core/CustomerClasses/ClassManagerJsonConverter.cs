using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Customers;
using Billing.Core.Serialization;

namespace Billing.Core.CustomerClasses;

/// <summary>Reads and writes a <see cref="ClassManager"/> as <c>{"ResellerId": "RES-1"}</c>, or <c>{"ResellerId": null}</c> for the administrator.</summary>
public sealed class ClassManagerJsonConverter : JsonConverter<ClassManager>
{
    private const string Name = nameof(ClassManager);

    /// <inheritdoc />
    public override ClassManager Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonFields.StartObject(ref reader, Name);
        var seen = false;
        string? reseller = null;
        while (JsonFields.NextProperty(ref reader, out var property))
        {
            if (JsonFields.Is(property, nameof(ClassManager.ResellerId)))
            {
                seen = true;
                reseller = JsonFields.NullableString(ref reader, Name, nameof(ClassManager.ResellerId));
            }
            else
            {
                JsonFields.Skip(ref reader);
            }
        }

        if (!seen)
        {
            throw new JsonException($"{Name} needs the property 'ResellerId' (null for the administrator).");
        }

        return reseller is null ? ClassManager.Administrator : JsonFields.Build(Name, () => ClassManager.Reseller(CustomerId.From(reseller)));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ClassManager value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        JsonFields.Name(writer, options, nameof(ClassManager.ResellerId));
        writer.WriteStringValue(value.ResellerId?.Value);
        writer.WriteEndObject();
    }
}
