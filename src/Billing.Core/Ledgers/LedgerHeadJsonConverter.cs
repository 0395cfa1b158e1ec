using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Monetary;
using Billing.Core.Serialization;

namespace Billing.Core.Ledgers;

/// <summary>Reads and writes a <see cref="LedgerHead"/> as <c>{"Owner": {…}, "Funds": {"Amount": -12.5, "Currency": "GBP"}, "Count": 3}</c>.</summary>
public sealed class LedgerHeadJsonConverter : JsonConverter<LedgerHead>
{
    private const string Name = nameof(LedgerHead);

    /// <inheritdoc />
    public override LedgerHead Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonFields.StartObject(ref reader, Name);
        LedgerOwner? owner = null;
        Money? funds = null;
        long? count = null;
        while (JsonFields.NextProperty(ref reader, out var property))
        {
            if (JsonFields.Is(property, nameof(LedgerHead.Owner)))
            {
                owner = LedgerOwnerJsonConverter.Instance.Read(ref reader, typeof(LedgerOwner), options);
            }
            else if (JsonFields.Is(property, nameof(LedgerHead.Funds)))
            {
                funds = MoneyJsonConverter.Instance.Read(ref reader, typeof(Money), options);
            }
            else if (JsonFields.Is(property, nameof(LedgerHead.Count)))
            {
                count = JsonFields.Int64(ref reader, Name, nameof(LedgerHead.Count));
            }
            else
            {
                JsonFields.Skip(ref reader);
            }
        }

        var o = JsonFields.Required(owner, Name, nameof(LedgerHead.Owner));
        var f = JsonFields.Required(funds, Name, nameof(LedgerHead.Funds));
        var c = JsonFields.Required(count, Name, nameof(LedgerHead.Count));
        return JsonFields.Build(Name, () => new LedgerHead(o, f, c));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, LedgerHead value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        JsonFields.Name(writer, options, nameof(LedgerHead.Owner));
        LedgerOwnerJsonConverter.Instance.Write(writer, value.Owner, options);
        JsonFields.Name(writer, options, nameof(LedgerHead.Funds));
        MoneyJsonConverter.Instance.Write(writer, value.Funds, options);
        JsonFields.Name(writer, options, nameof(LedgerHead.Count));
        writer.WriteNumberValue(value.Count);
        writer.WriteEndObject();
    }
}
