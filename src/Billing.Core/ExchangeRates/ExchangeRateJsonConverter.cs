using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Monetary;
using Billing.Core.Serialization;
using NodaTime;

namespace Billing.Core.ExchangeRates;

/// <summary>Reads and writes an <see cref="ExchangeRate"/> as <c>{"From": "EUR", "To": "GBP", "Rate": 0.85, "EffectiveFrom": "2026-03-01T00:00:00Z"}</c>.</summary>
public sealed class ExchangeRateJsonConverter : JsonConverter<ExchangeRate>
{
    internal static readonly ExchangeRateJsonConverter Instance = new();
    private const string Name = nameof(ExchangeRate);
    private static readonly CurrencyJsonConverter Currencies = new();
    private static readonly InstantJsonConverter Instants = new();

    /// <inheritdoc />
    public override ExchangeRate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonFields.StartObject(ref reader, Name);
        Currency? from = null, to = null;
        decimal? rate = null;
        Instant? effective = null;
        while (JsonFields.NextProperty(ref reader, out var property))
        {
            if (JsonFields.Is(property, nameof(ExchangeRate.From)))
            {
                from = Currencies.Read(ref reader, typeof(Currency), options);
            }
            else if (JsonFields.Is(property, nameof(ExchangeRate.To)))
            {
                to = Currencies.Read(ref reader, typeof(Currency), options);
            }
            else if (JsonFields.Is(property, nameof(ExchangeRate.Rate)))
            {
                rate = JsonFields.Decimal(ref reader, Name, nameof(ExchangeRate.Rate));
            }
            else if (JsonFields.Is(property, nameof(ExchangeRate.EffectiveFrom)))
            {
                effective = Instants.Read(ref reader, typeof(Instant), options);
            }
            else
            {
                JsonFields.Skip(ref reader);
            }
        }

        var f = JsonFields.Required(from, Name, nameof(ExchangeRate.From));
        var t = JsonFields.Required(to, Name, nameof(ExchangeRate.To));
        var r = JsonFields.Required(rate, Name, nameof(ExchangeRate.Rate));
        var e = JsonFields.Required(effective, Name, nameof(ExchangeRate.EffectiveFrom));
        return JsonFields.Build(Name, () => new ExchangeRate(f, t, r, e));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ExchangeRate value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        JsonFields.Name(writer, options, nameof(ExchangeRate.From));
        writer.WriteStringValue(value.From.Code);
        JsonFields.Name(writer, options, nameof(ExchangeRate.To));
        writer.WriteStringValue(value.To.Code);
        JsonFields.Name(writer, options, nameof(ExchangeRate.Rate));
        writer.WriteNumberValue(value.Rate);
        JsonFields.Name(writer, options, nameof(ExchangeRate.EffectiveFrom));
        Instants.Write(writer, value.EffectiveFrom, options);
        writer.WriteEndObject();
    }
}
