using NodaTime;

namespace Billing.Core.Tests.Support;

/// <summary>A clock that reads the instant it was given, and moves only when told to.</summary>
public sealed class FixedClock(Instant now) : IClock
{
    public Instant Now { get; private set; } = now;

    public static FixedClock At(int year, int month, int day, int hour = 0, int minute = 0)
        => new(Instant.FromUtc(year, month, day, hour, minute));

    public Instant GetCurrentInstant() => Now;

    public void Advance(Duration by) => Now += by;
}
