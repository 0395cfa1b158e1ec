using NodaTime;

namespace Billing.Core.Storage.Testing;

/// <summary>The fixed clock the contract suite registers, so that creation dates (and so billing anchors) are known.</summary>
/// <param name="now">The instant the clock reads.</param>
public sealed class ContractClock(Instant now) : IClock
{
    /// <summary>The instant the clock reads.</summary>
    public Instant Now { get; set; } = now;

    /// <inheritdoc />
    public Instant GetCurrentInstant() => Now;
}
