using System.Text.Json.Serialization;

namespace Billing.Core.Balances;

/// <summary>One threshold crossed by one transaction.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<ThresholdCrossing>))]
public readonly struct ThresholdCrossing : IEquatable<ThresholdCrossing>
{
    /// <summary>Creates a crossing.</summary>
    /// <param name="threshold">The threshold crossed.</param>
    /// <param name="direction">Which way.</param>
    public ThresholdCrossing(BalanceThreshold threshold, ThresholdDirection direction)
    {
        Threshold = threshold;
        Direction = direction;
    }

    /// <summary>The threshold crossed.</summary>
    public BalanceThreshold Threshold { get; }

    /// <summary>Which way it was crossed.</summary>
    public ThresholdDirection Direction { get; }

    /// <inheritdoc />
    public bool Equals(ThresholdCrossing other) => Threshold == other.Threshold && Direction == other.Direction;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ThresholdCrossing other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Threshold, Direction);

    /// <summary>e.g. <c>Reached 80% of credit limit</c>.</summary>
    public override string ToString() => $"{Direction} {Threshold}";

    /// <summary>Compares two crossings for equality.</summary>
    /// <param name="left">The first crossing.</param>
    /// <param name="right">The second crossing.</param>
    /// <returns><see langword="true"/> when threshold and direction are the same.</returns>
    public static bool operator ==(ThresholdCrossing left, ThresholdCrossing right) => left.Equals(right);

    /// <summary>Compares two crossings for inequality.</summary>
    /// <param name="left">The first crossing.</param>
    /// <param name="right">The second crossing.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(ThresholdCrossing left, ThresholdCrossing right) => !left.Equals(right);
}
