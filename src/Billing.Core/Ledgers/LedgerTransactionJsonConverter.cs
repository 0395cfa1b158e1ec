using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.ExchangeRates;
using Billing.Core.Monetary;
using Billing.Core.Serialization;

namespace Billing.Core.Ledgers;

/// <summary>
/// Reads and writes a <see cref="LedgerTransaction"/> with every member: <c>Id</c>, <c>Owner</c>, <c>Kind</c>, <c>Amount</c>,
/// <c>LedgerAmount</c>, <c>ExchangeRate</c> (null when none was needed), <c>Timestamp</c>, <c>IdempotencyKey</c>, <c>Notes</c>,
/// <c>Reference</c>. Reading goes through the public constructor, so a transaction that breaks a rule is refused.
/// </summary>
public sealed class LedgerTransactionJsonConverter : JsonConverter<LedgerTransaction>
{
    private const string Name = nameof(LedgerTransaction);

    /// <inheritdoc />
    public override LedgerTransaction? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
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
        var owner = JsonFields.Required(fields.Owner, Name, "Owner");
        var kind = JsonFields.Required(fields.Kind, Name, "Kind");
        var amount = JsonFields.Required(fields.Amount, Name, "Amount");
        var ledgerAmount = JsonFields.Required(fields.LedgerAmount, Name, "LedgerAmount");
        var timestamp = JsonFields.Required(fields.Timestamp, Name, "Timestamp");
        var key = JsonFields.Required(fields.IdempotencyKey, Name, "IdempotencyKey");
        return JsonFields.Build(Name, () => new LedgerTransaction(id, owner, kind, amount, ledgerAmount, fields.ExchangeRate, timestamp, key, fields.Notes, fields.Reference));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, LedgerTransaction value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        TransactionJsonFields.WriteShared(writer, options, value.Id, value.Kind, value.Amount, value.Timestamp, value.IdempotencyKey, value.Notes, value.Reference);
        JsonFields.Name(writer, options, nameof(LedgerTransaction.Owner));
        LedgerOwnerJsonConverter.Instance.Write(writer, value.Owner, options);
        JsonFields.Name(writer, options, nameof(LedgerTransaction.LedgerAmount));
        MoneyJsonConverter.Instance.Write(writer, value.LedgerAmount, options);
        JsonFields.Name(writer, options, nameof(LedgerTransaction.ExchangeRate));
        if (value.ExchangeRate is { } rate)
        {
            ExchangeRateJsonConverter.Instance.Write(writer, rate, options);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndObject();
    }
}
