namespace Billing.Core.Customers;

/// <summary>The answer of <see cref="CustomerHierarchy.DecideRemoval"/>: delete, or close only, and why.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CustomerRemovalDecision
{
    internal CustomerRemovalDecision(CustomerId customerId, IReadOnlyList<string> reasons)
    {
        CustomerId = customerId;
        Reasons = reasons;
    }

    /// <summary>The customer the decision is about.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>Delete when nothing stands in the way, otherwise close only.</summary>
    public CustomerRemoval Action => Reasons.Count == 0 ? CustomerRemoval.Delete : CustomerRemoval.CloseOnly;

    /// <summary>Whether the customer may be deleted.</summary>
    public bool CanDelete => Reasons.Count == 0;

    /// <summary>Why the customer can only be closed; empty when it may be deleted.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <inheritdoc />
    public override string ToString()
        => CanDelete ? $"Customer {CustomerId} may be deleted" : $"Customer {CustomerId} can only be closed: {string.Join("; ", Reasons)}";
}
