using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using NodaTime.Text;

namespace Billing.Core.Serialization;

/// <summary>
/// Reads and writes a <see cref="LocalDate"/> as an ISO date (<c>"2026-03-19"</c>) with NodaTime's own converter; attached to
/// every date the library's values and snapshots hold, so they serialise right even with default options.
/// </summary>
/// <remarks>The converter is NodaTime's <c>NodaConverters.LocalDateConverter</c>, built here from its public parts: touching
/// <c>NodaConverters</c> itself would also build its interval converters, which need reflection and break trimmed and AOT hosts.</remarks>
public sealed class LocalDateJsonConverter : JsonConverter<LocalDate>
{
    private static readonly NodaPatternConverter<LocalDate> Iso = new(
        LocalDatePattern.Iso,
        date =>
        {
            if (date.Calendar != CalendarSystem.Iso)
            {
                throw new ArgumentException($"Values of type LocalDate must (currently) use the ISO calendar in order to be serialized; {date} uses {date.Calendar.Id}.");
            }
        });

    /// <inheritdoc />
    public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => Iso.Read(ref reader, typeToConvert, options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options)
        => Iso.Write(writer, value, options);
}
