using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Monetary;
using Billing.Core.Serialization;

namespace Billing.Core.Balances;

/// <summary>Reads and writes a <see cref="Balance"/> as <c>{"Model":"Prepaid","Amount":{…}}</c>; a missing member, an undefined
/// model or <c>default(Balance)</c> is refused with an error naming it.</summary>
public sealed class BalanceJsonConverter : JsonConverter<Balance>
{
    private const string Name = nameof(Balance);

    /// <inheritdoc />
    public override Balance Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonFields.StartObject(ref reader, Name);
        string? model = null;
        Money? amount = null;
        while (JsonFields.NextProperty(ref reader, out var property))
        {
            if (JsonFields.Is(property, nameof(Balance.Model)))
            {
                model = JsonFields.String(ref reader, Name, nameof(Balance.Model));
            }
            else if (JsonFields.Is(property, nameof(Balance.Amount)))
            {
                amount = MoneyJsonConverter.Instance.Read(ref reader, typeof(Money), options);
            }
            else
            {
                JsonFields.Skip(ref reader);
            }
        }

        var m = JsonFields.Required(model, Name, nameof(Balance.Model));
        var a = JsonFields.Required(amount, Name, nameof(Balance.Amount));
        return m switch
        {
            nameof(BalanceModel.Prepaid) => Balance.Funds(a),
            nameof(BalanceModel.Postpaid) => Balance.Owed(a),
            _ => throw new JsonException($"{Name}.{nameof(Balance.Model)} '{m}' is neither Prepaid nor Postpaid."),
        };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Balance value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsDefault)
        {
            throw new JsonException("default(Balance) is no balance and is not written.");
        }

        writer.WriteStartObject();
        JsonFields.Name(writer, options, nameof(Balance.Model));
        writer.WriteStringValue(value.IsAvailableFunds ? nameof(BalanceModel.Prepaid) : nameof(BalanceModel.Postpaid));
        JsonFields.Name(writer, options, nameof(Balance.Amount));
        MoneyJsonConverter.Instance.Write(writer, value.Amount, options);
        writer.WriteEndObject();
    }
}
