using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Billing.Core.Serialization;

/// <summary>
/// Reads and writes a <see cref="DateTimeZone"/> as its IANA tzdb id (<c>"Europe/London"</c>) with NodaTime's own converter over
/// <see cref="DateTimeZoneProviders.Tzdb"/>; attached to every billing time zone the library's snapshots hold.
/// </summary>
public sealed class DateTimeZoneJsonConverter : JsonConverter<DateTimeZone>
{
    private static readonly JsonConverter<DateTimeZone> Tzdb = NodaConverters.CreateDateTimeZoneConverter(DateTimeZoneProviders.Tzdb);

    /// <inheritdoc />
    public override DateTimeZone? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => Tzdb.Read(ref reader, typeToConvert, options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeZone value, JsonSerializerOptions options)
        => Tzdb.Write(writer, value, options);
}
