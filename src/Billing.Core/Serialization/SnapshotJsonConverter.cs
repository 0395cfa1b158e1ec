using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Billing.Core.Serialization;

/// <summary>
/// Reads and writes an aggregate as its snapshot: writing serialises <c>ToSnapshot()</c>, reading deserialises the snapshot and
/// calls the aggregate's <c>Restore</c>, so JSON holds exactly what storage holds and checks the same rules.
/// </summary>
/// <typeparam name="TAggregate">The aggregate.</typeparam>
/// <typeparam name="TSnapshot">Its snapshot record.</typeparam>
public abstract class SnapshotJsonConverter<TAggregate, TSnapshot> : JsonConverter<TAggregate>
    where TAggregate : class
    where TSnapshot : class
{
    /// <summary>The snapshot's metadata in the library's own context, used when the host's options do not describe it.</summary>
    private protected abstract JsonTypeInfo<TSnapshot> OwnTypeInfo { get; }

    /// <inheritdoc />
    public override TAggregate? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var snapshot = JsonSerializer.Deserialize(ref reader, TypeInfo(options))
            ?? throw new JsonException($"{typeof(TAggregate).Name} must be a JSON object, found null.");
        return JsonFields.Build(typeof(TAggregate).Name, () => Restore(snapshot));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TAggregate value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, ToSnapshot(value), TypeInfo(options));
    }

    /// <summary>The aggregate's snapshot.</summary>
    /// <param name="aggregate">The aggregate.</param>
    /// <returns>Its snapshot.</returns>
    private protected abstract TSnapshot ToSnapshot(TAggregate aggregate);

    /// <summary>The aggregate a snapshot restores.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The aggregate.</returns>
    private protected abstract TAggregate Restore(TSnapshot snapshot);

    // The host's options when they describe the snapshot (so its naming policy applies), else the library's context: a host's
    // own source-generated context that lists the aggregate but not its snapshot still works, trimmed or AOT-compiled.
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only metadata the options already hold is asked for; the fallback is source-generated.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only metadata the options already hold is asked for; the fallback is source-generated.")]
    private JsonTypeInfo<TSnapshot> TypeInfo(JsonSerializerOptions options)
        => options.TryGetTypeInfo(typeof(TSnapshot), out var info) && info is JsonTypeInfo<TSnapshot> typed ? typed : OwnTypeInfo;
}
