using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Serialization;

namespace Billing.Core.Ledgers;

/// <summary>
/// Reads and writes a <see cref="TransactionRequest"/> (for example a charge queued as a message) as <c>Id</c>, <c>Kind</c>,
/// <c>Amount</c>, <c>Timestamp</c>, <c>IdempotencyKey</c>, <c>Notes</c> and <c>Reference</c>; reading goes through the public
/// constructor, so a request that breaks a rule is refused.
/// </summary>
public sealed class TransactionRequestJsonConverter : JsonConverter<TransactionRequest>
{
    private const string Name = nameof(TransactionRequest);

    /// <inheritdoc />
    public override TransactionRequest? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonFields.StartObject(ref reader, Name);
        var fields = new TransactionJsonFields(Name);
        while (JsonFields.NextProperty(ref reader, out var property))
        {
            if (!fields.TryRead(ref reader, property, options))
            {
                JsonFields.Skip(ref reader);
            }
        }

        var id = JsonFields.Required(fields.Id, Name, "Id");
        var kind = JsonFields.Required(fields.Kind, Name, "Kind");
        var amount = JsonFields.Required(fields.Amount, Name, "Amount");
        var timestamp = JsonFields.Required(fields.Timestamp, Name, "Timestamp");
        var key = JsonFields.Required(fields.IdempotencyKey, Name, "IdempotencyKey");
        return JsonFields.Build(Name, () => new TransactionRequest(id, kind, amount, timestamp, key, fields.Notes, fields.Reference));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TransactionRequest value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        TransactionJsonFields.WriteShared(writer, options, value.Id, value.Kind, value.Amount, value.Timestamp, value.IdempotencyKey, value.Notes, value.Reference);
        writer.WriteEndObject();
    }
}
