using System.Text.Json;
using Billing.Core.ExchangeRates;
using Billing.Core.Monetary;
using Billing.Core.Serialization;
using NodaTime;

namespace Billing.Core.Ledgers;

/// <summary>The members a transaction request and a ledger transaction share, read and written once for both.</summary>
internal sealed class TransactionJsonFields(string typeName)
{
    private static readonly InstantJsonConverter Instants = new();

    public TransactionId? Id { get; private set; }

    public TransactionKind? Kind { get; private set; }

    public Money? Amount { get; private set; }

    public Instant? Timestamp { get; private set; }

    public string? IdempotencyKey { get; private set; }

    public string? Notes { get; private set; }

    public string? Reference { get; private set; }

    public LedgerOwner? Owner { get; private set; }

    public Money? LedgerAmount { get; private set; }

    public ExchangeRate? ExchangeRate { get; private set; }

    public static void WriteShared(Utf8JsonWriter writer, JsonSerializerOptions options, TransactionId id, TransactionKind kind, Money amount, Instant timestamp, string key, string notes, string? reference)
    {
        JsonFields.Name(writer, options, "Id");
        writer.WriteStringValue(id.Value);
        JsonFields.Name(writer, options, "Kind");
        writer.WriteStringValue(kind.ToString());
        JsonFields.Name(writer, options, "Amount");
        MoneyJsonConverter.Instance.Write(writer, amount, options);
        JsonFields.Name(writer, options, "Timestamp");
        Instants.Write(writer, timestamp, options);
        JsonFields.Name(writer, options, "IdempotencyKey");
        writer.WriteStringValue(key);
        JsonFields.Name(writer, options, "Notes");
        writer.WriteStringValue(notes);
        JsonFields.Name(writer, options, "Reference");
        writer.WriteStringValue(reference);
    }

    /// <summary>Reads one property into the matching member; false when the property is not one of them.</summary>
    public bool TryRead(ref Utf8JsonReader reader, string property, JsonSerializerOptions options)
    {
        if (JsonFields.Is(property, "Id"))
        {
            var text = JsonFields.String(ref reader, typeName, "Id");
            Id = JsonFields.Build(typeName, () => TransactionId.From(text));
        }
        else if (JsonFields.Is(property, "Kind"))
        {
            var text = JsonFields.String(ref reader, typeName, "Kind");
            Kind = Enum.TryParse<TransactionKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _)
                ? kind
                : throw new JsonException($"{typeName}.Kind '{text}' is not a transaction kind.");
        }
        else if (JsonFields.Is(property, "Amount"))
        {
            Amount = MoneyJsonConverter.Instance.Read(ref reader, typeof(Money), options);
        }
        else if (JsonFields.Is(property, "Timestamp"))
        {
            Timestamp = Instants.Read(ref reader, typeof(Instant), options);
        }
        else if (JsonFields.Is(property, "IdempotencyKey"))
        {
            IdempotencyKey = JsonFields.String(ref reader, typeName, "IdempotencyKey");
        }
        else if (JsonFields.Is(property, "Notes"))
        {
            Notes = JsonFields.NullableString(ref reader, typeName, "Notes");
        }
        else if (JsonFields.Is(property, "Reference"))
        {
            Reference = JsonFields.NullableString(ref reader, typeName, "Reference");
        }
        else if (JsonFields.Is(property, "Owner"))
        {
            Owner = LedgerOwnerJsonConverter.Instance.Read(ref reader, typeof(LedgerOwner), options);
        }
        else if (JsonFields.Is(property, "LedgerAmount"))
        {
            LedgerAmount = MoneyJsonConverter.Instance.Read(ref reader, typeof(Money), options);
        }
        else if (JsonFields.Is(property, "ExchangeRate"))
        {
            ExchangeRate = reader.TokenType == JsonTokenType.Null ? null : ExchangeRateJsonConverter.Instance.Read(ref reader, typeof(ExchangeRate), options);
        }
        else
        {
            return false;
        }

        return true;
    }
}
