using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Serialization;

namespace Billing.Core.Monetary;

/// <summary>
/// Reads and writes <see cref="Money"/> as <c>{"Amount": 12.345, "Currency": "GBP"}</c>: the amount as an exact JSON number at
/// full precision, the currency as its ISO 4217 code. Reading checks the amount like the constructor does.
/// </summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    internal static readonly MoneyJsonConverter Instance = new();
    private static readonly CurrencyJsonConverter Currencies = new();

    /// <inheritdoc />
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonFields.StartObject(ref reader, nameof(Money));
        decimal? amount = null;
        Currency? currency = null;
        while (JsonFields.NextProperty(ref reader, out var name))
        {
            if (JsonFields.Is(name, nameof(Money.Amount)))
            {
                amount = JsonFields.Decimal(ref reader, nameof(Money), nameof(Money.Amount));
            }
            else if (JsonFields.Is(name, nameof(Money.Currency)))
            {
                currency = Currencies.Read(ref reader, typeof(Currency), options);
            }
            else
            {
                JsonFields.Skip(ref reader);
            }
        }

        var a = JsonFields.Required(amount, nameof(Money), nameof(Money.Amount));
        var c = JsonFields.Required(currency, nameof(Money), nameof(Money.Currency));
        return JsonFields.Build(nameof(Money), () => new Money(a, c));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        JsonFields.Name(writer, options, nameof(Money.Amount));
        writer.WriteNumberValue(value.Amount);
        JsonFields.Name(writer, options, nameof(Money.Currency));
        writer.WriteStringValue(value.Currency.Code);
        writer.WriteEndObject();
    }
}
