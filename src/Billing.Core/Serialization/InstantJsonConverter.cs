using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using NodaTime.Text;

namespace Billing.Core.Serialization;

/// <summary>
/// Reads and writes an <see cref="Instant"/> as an extended ISO instant (<c>"2026-03-19T10:00:00.25Z"</c>) with NodaTime's own
/// converter; attached to every instant the library's values hold.
/// </summary>
/// <remarks>The converter is NodaTime's <c>NodaConverters.InstantConverter</c>, built here from its public parts (see
/// <see cref="LocalDateJsonConverter"/> for why).</remarks>
public sealed class InstantJsonConverter : JsonConverter<Instant>
{
    private static readonly NodaPatternConverter<Instant> ExtendedIso = new(InstantPattern.ExtendedIso);

    /// <inheritdoc />
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => ExtendedIso.Read(ref reader, typeToConvert, options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options)
        => ExtendedIso.Write(writer, value, options);
}
