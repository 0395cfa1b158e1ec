using System.Text.Json.Serialization;
using Billing.Core.Ledgers;

namespace Billing.Core.Charging;

/// <summary>The answer of <see cref="Authoriser.Authorise"/>: approved, or declined with the reason and the level that declined.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
[JsonConverter(typeof(AuthorisationDecisionJsonConverter))]
public readonly struct AuthorisationDecision : IEquatable<AuthorisationDecision>
{
    private readonly int _levelIndex;

    private AuthorisationDecision(DeclineReason reason, int levelIndex, LedgerOwner owner)
    {
        Reason = reason;
        _levelIndex = levelIndex;
        DecliningOwner = owner;
    }

    /// <summary>An approval.</summary>
    public static AuthorisationDecision Approved => default;

    /// <summary>Whether the charge may go through.</summary>
    public bool IsApproved => Reason == DeclineReason.None;

    /// <summary>Why the charge was declined; <see cref="DeclineReason.None"/> when approved.</summary>
    public DeclineReason Reason { get; }

    /// <summary>The index in the chain of the level that declined (0 = the account), or -1 when approved.</summary>
    public int DecliningLevelIndex => IsApproved ? -1 : _levelIndex;

    /// <summary>The owner of the level that declined; <c>default</c> when approved.</summary>
    public LedgerOwner DecliningOwner { get; }

    /// <summary>A decline.</summary>
    /// <param name="reason">Why; not <see cref="DeclineReason.None"/>.</param>
    /// <param name="levelIndex">The index of the declining level in the chain.</param>
    /// <param name="owner">The owner of that level.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reason"/> is None, or the index is negative.</exception>
    public static AuthorisationDecision Declined(DeclineReason reason, int levelIndex, LedgerOwner owner)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(reason, DeclineReason.None);
        ArgumentOutOfRangeException.ThrowIfNegative(levelIndex);
        return new AuthorisationDecision(reason, levelIndex, owner);
    }

    /// <inheritdoc />
    public bool Equals(AuthorisationDecision other)
        => Reason == other.Reason && DecliningLevelIndex == other.DecliningLevelIndex && DecliningOwner == other.DecliningOwner;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AuthorisationDecision other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Reason, DecliningLevelIndex, DecliningOwner);

    /// <summary><c>Approved</c>, or the reason and the declining level.</summary>
    public override string ToString() => IsApproved ? "Approved" : $"Declined: {Reason} at level {_levelIndex} ({DecliningOwner})";

    /// <summary>Compares two decisions for equality.</summary>
    /// <param name="left">The first decision.</param>
    /// <param name="right">The second decision.</param>
    /// <returns><see langword="true"/> when reason and level are the same.</returns>
    public static bool operator ==(AuthorisationDecision left, AuthorisationDecision right) => left.Equals(right);

    /// <summary>Compares two decisions for inequality.</summary>
    /// <param name="left">The first decision.</param>
    /// <param name="right">The second decision.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(AuthorisationDecision left, AuthorisationDecision right) => !left.Equals(right);
}
