using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Serialization;
using NodaTime;

namespace Billing.Core.Periods;

/// <summary>Reads and writes a <see cref="BillingPeriod"/> as <c>{"Start": "2026-03-01", "EndExclusive": "2026-04-01"}</c>.</summary>
public sealed class BillingPeriodJsonConverter : JsonConverter<BillingPeriod>
{
    private static readonly LocalDateJsonConverter Dates = new();

    /// <inheritdoc />
    public override BillingPeriod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonFields.StartObject(ref reader, nameof(BillingPeriod));
        LocalDate? start = null;
        LocalDate? end = null;
        while (JsonFields.NextProperty(ref reader, out var name))
        {
            if (JsonFields.Is(name, nameof(BillingPeriod.Start)))
            {
                start = Dates.Read(ref reader, typeof(LocalDate), options);
            }
            else if (JsonFields.Is(name, nameof(BillingPeriod.EndExclusive)))
            {
                end = Dates.Read(ref reader, typeof(LocalDate), options);
            }
            else
            {
                JsonFields.Skip(ref reader);
            }
        }

        var s = JsonFields.Required(start, nameof(BillingPeriod), nameof(BillingPeriod.Start));
        var e = JsonFields.Required(end, nameof(BillingPeriod), nameof(BillingPeriod.EndExclusive));
        return JsonFields.Build(nameof(BillingPeriod), () => new BillingPeriod(s, e));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, BillingPeriod value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        JsonFields.Name(writer, options, nameof(BillingPeriod.Start));
        Dates.Write(writer, value.Start, options);
        JsonFields.Name(writer, options, nameof(BillingPeriod.EndExclusive));
        Dates.Write(writer, value.EndExclusive, options);
        writer.WriteEndObject();
    }
}
