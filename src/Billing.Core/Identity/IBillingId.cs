namespace Billing.Core.Identity;

/// <summary>
/// A strongly typed, host-given identifier. Every aggregate's id implements this interface so
/// that ids of different aggregates can never be mixed up, while sharing one set of rules:
/// trimmed, non-empty, at most <see cref="BillingId.MaxLength"/> characters, no control characters, unpaired surrogates
/// or Unicode noncharacters.
/// </summary>
/// <typeparam name="TSelf">The id type itself.</typeparam>
public interface IBillingId<TSelf> : IEquatable<TSelf>, IParsable<TSelf>
    where TSelf : struct, IBillingId<TSelf>
{
    /// <summary>The id's text, already trimmed and validated.</summary>
    string Value { get; }

    /// <summary>The name of the id type used in error messages, e.g. <c>CustomerId</c>.</summary>
    static abstract string TypeName { get; }

    /// <summary>Creates an id from text already validated by <see cref="BillingId"/>.</summary>
    /// <param name="validated">The validated text.</param>
    internal static abstract TSelf FromValidated(string validated);
}
