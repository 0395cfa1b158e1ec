using System.Globalization;
using Billing.Core.Monetary;

namespace Billing.Core.Customers;

/// <summary>Whether a customer may be deleted or only closed, and why (docs/domain-model.md, "Removal").</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CustomerRemovalDecision
{
    internal CustomerRemovalDecision(CustomerId customerId, IReadOnlyList<string> reasons)
    {
        CustomerId = customerId;
        Reasons = reasons;
    }

    /// <summary>
    /// The customer-level rule, written once: deletion needs no sub-customers, a zero balance of its own and no account with a
    /// non-zero balance; <paramref name="moreReasons"/> are what else stands in the way (things still billed).
    /// </summary>
    internal static CustomerRemovalDecision Decide(CustomerId id, int children, Money balance, IEnumerable<Money> accountBalances, IEnumerable<string> moreReasons)
    {
        var reasons = new List<string>();
        if (children > 0)
        {
            reasons.Add($"it has {children.ToString(CultureInfo.InvariantCulture)} sub-customer(s)");
        }

        if (!balance.IsZero)
        {
            reasons.Add($"its balance is {balance}, not zero");
        }

        var nonZero = accountBalances.Count(b => !b.IsZero);
        if (nonZero > 0)
        {
            reasons.Add($"{nonZero.ToString(CultureInfo.InvariantCulture)} of its accounts have a non-zero balance");
        }

        reasons.AddRange(moreReasons);
        return new CustomerRemovalDecision(id, reasons);
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
