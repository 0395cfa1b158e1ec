using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using NodaTime.Text;

namespace Billing.Core.Serialization;

/// <summary>
/// Writes a <see cref="Duration"/> in NodaTime's round-trip pattern (<c>-D:hh:mm:ss.FFFFFFFFF</c>, e.g. <c>"0:06:00:00"</c> for six
/// hours) and reads it back exactly, with default <see cref="JsonSerializerOptions"/> and in the source-generated context.
/// </summary>
public sealed class DurationJsonConverter : JsonConverter<Duration>
{
    private static readonly NodaPatternConverter<Duration> Roundtrip = new(DurationPattern.Roundtrip);

    /// <inheritdoc />
    public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => Roundtrip.Read(ref reader, typeToConvert, options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options)
        => Roundtrip.Write(writer, value, options);
}
