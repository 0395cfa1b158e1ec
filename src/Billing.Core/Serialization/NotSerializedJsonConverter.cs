using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.Core.Serialization;

/// <summary>
/// Attached to the library's working values that are not meant to be stored or sent (a decision a store acts on at once, a
/// level of a chain being authorised): reading or writing one throws <see cref="NotSupportedException"/> naming the type, so
/// it can never come back silently as <c>default</c>.
/// </summary>
/// <typeparam name="T">The type.</typeparam>
public sealed class NotSerializedJsonConverter<T> : JsonConverter<T>
{
    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always.</exception>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw Refused();

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => throw Refused();

    private static NotSupportedException Refused()
        => new($"{typeof(T).FullName} is a working value of Billing.Core, not meant for JSON; serialise what it is built from instead (see docs/json.md).");
}
