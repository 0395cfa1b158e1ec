namespace Billing.Core;

/// <summary>
/// A value type whose <c>default</c> is not a valid value (no currency, no id text), so that <see cref="Guard.NotDefault{T}(T, string?)"/>
/// can refuse it in one way everywhere.
/// </summary>
internal interface IDefaultable
{
    /// <summary>Whether this is the type's <c>default</c>, which no valid value equals.</summary>
    bool IsDefault { get; }
}
