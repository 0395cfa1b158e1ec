using System.Globalization;

namespace Billing.Core.Customers;

/// <summary>
/// The one walk up a customer tree, from a customer through its parents to the root, with one policy for stored data that is
/// not a tree: a parent that is not stored, a customer met twice (a cycle), or more than <see cref="MaxAncestors"/> ancestors
/// each stop the walk with the same <see cref="BillingRuleException"/> wherever the walk is used (creation, charging,
/// visibility, the in-memory hierarchy).
/// </summary>
/// <remarks>
/// The configured depth limit (<see cref="CustomerCreationOptions.MaxHierarchyDepth"/>) is a rule for new customers and moves,
/// not part of this walk: lowering it never hides or breaks customers that already exist deeper.
/// </remarks>
internal static class CustomerAncestry
{
    /// <summary>The most ancestors a stored customer can have: the largest depth limit a host may configure.</summary>
    public const int MaxAncestors = 64;

    /// <summary>The field every error of the walk names.</summary>
    public const string Field = "Customer.ParentId";

    /// <summary>Reads a customer and its ancestors into <paramref name="into"/> (which must be empty): the customer first, the root last.</summary>
    /// <returns><see langword="false"/> (with nothing read) when the customer itself is not stored.</returns>
    /// <exception cref="BillingRuleException">The stored parents do not form a tree.</exception>
    public static async ValueTask<bool> ReadAsync(ICustomerRepository customers, CustomerId start, List<Customer> into, CancellationToken cancellationToken)
    {
        var current = await customers.FindAsync(start, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return false;
        }

        into.Add(current);
        while (current.ParentId is { } parentId)
        {
            current = Step(into, current, parentId, await customers.FindAsync(parentId, cancellationToken).ConfigureAwait(false));
        }

        return true;
    }

    /// <summary>As <see cref="ReadAsync"/>, over customers already in memory.</summary>
    /// <returns>The customer and its ancestors, root last.</returns>
    /// <exception cref="BillingRuleException">The parents do not form a tree.</exception>
    public static List<Customer> Read(Customer start, IReadOnlyDictionary<CustomerId, Customer> customers)
    {
        var walked = new List<Customer> { start };
        var current = start;
        while (current.ParentId is { } parentId)
        {
            current = Step(walked, current, parentId, customers.GetValueOrDefault(parentId));
        }

        return walked;
    }

    /// <summary>The policy: one more step up from <paramref name="child"/> to its parent, refused when the data is not a tree.</summary>
    private static Customer Step(List<Customer> walked, Customer child, CustomerId parentId, Customer? parent)
    {
        var start = walked[0].Id;
        Guard.Rule(
            parent is not null,
            Field,
            parentId.Value,
            $"customer {child.Id} names it as its parent, but no such customer is stored: the stored customers do not form a tree");
        foreach (var seen in walked)
        {
            Guard.Rule(
                seen.Id != parentId,
                Field,
                parentId.Value,
                $"the parents of customer {start} form a cycle through it: the stored customers do not form a tree");
        }

        Guard.Rule(
            walked.Count <= MaxAncestors,
            Field,
            parentId.Value,
            $"customer {start} has more than {MaxAncestors.ToString(CultureInfo.InvariantCulture)} ancestors, the most any tree may have: the stored customers are not a valid tree");
        walked.Add(parent);
        return parent;
    }
}
