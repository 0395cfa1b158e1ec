using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Billing.Core.CustomerClasses;
using Billing.Core.Monetary;

namespace Billing.Core.Customers;

/// <summary>
/// A pure, immutable view of a customer tree (see docs/domain-model.md, "Hierarchy"): ancestors,
/// subtrees, visibility, moves and removal decisions. Built from a set of customers that holds, for every
/// customer in it, its whole ancestor chain.
/// </summary>
/// <remarks>
/// <para>Depth counts ancestors: a root has depth 0, its direct customers 1. The tree may be no deeper than
/// <see cref="MaxDepth"/> (8 by default).</para>
/// <para>Children and subtrees are listed in id order (ordinal), so every answer is deterministic.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class CustomerHierarchy
{
    private readonly FrozenDictionary<CustomerId, Customer> _byId;
    private readonly FrozenDictionary<CustomerId, ImmutableArray<Customer>> _children;
    private readonly FrozenDictionary<CustomerId, int> _depth;

    private CustomerHierarchy(
        FrozenDictionary<CustomerId, Customer> byId,
        FrozenDictionary<CustomerId, ImmutableArray<Customer>> children,
        FrozenDictionary<CustomerId, int> depth,
        ImmutableArray<Customer> roots,
        int maxDepth)
    {
        _byId = byId;
        _children = children;
        _depth = depth;
        Roots = roots;
        MaxDepth = maxDepth;
    }

    /// <summary>The deepest a customer may be (number of ancestors).</summary>
    public int MaxDepth { get; }

    /// <summary>The customers without a parent, in id order.</summary>
    public IReadOnlyList<Customer> Roots { get; }

    /// <summary>How many customers the hierarchy holds.</summary>
    public int Count => _byId.Count;

    /// <summary>Every customer, in no particular order.</summary>
    public IEnumerable<Customer> Customers => _byId.Values;

    /// <summary>An empty hierarchy.</summary>
    /// <param name="maxDepth">The depth limit, 1..64.</param>
    /// <returns>The hierarchy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDepth"/> is outside 1..64.</exception>
    public static CustomerHierarchy Empty(int maxDepth = CustomerCreationOptions.DefaultMaxHierarchyDepth) => From([], maxDepth);

    /// <summary>Builds the hierarchy of the given customers, checking that they form a tree within the depth limit.</summary>
    /// <param name="customers">Customers, each with its whole ancestor chain in the set.</param>
    /// <param name="maxDepth">The depth limit (number of ancestors), 1..64.</param>
    /// <returns>The hierarchy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> or one of them is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDepth"/> is outside 1..64.</exception>
    /// <exception cref="ArgumentException">An id appears twice.</exception>
    /// <exception cref="BillingRuleException">A parent is missing from the set, the parents form a cycle, or a customer is deeper than the limit.</exception>
    public static CustomerHierarchy From(IEnumerable<Customer> customers, int maxDepth = CustomerCreationOptions.DefaultMaxHierarchyDepth)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, 64);
        var byId = new Dictionary<CustomerId, Customer>();
        foreach (var customer in customers)
        {
            ArgumentNullException.ThrowIfNull(customer, nameof(customers));
            if (!byId.TryAdd(customer.Id, customer))
            {
                throw new ArgumentException($"Customer {customer.Id} appears more than once.", nameof(customers));
            }
        }

        var depth = new Dictionary<CustomerId, int>(byId.Count);
        foreach (var customer in byId.Values)
        {
            ComputeDepth(customer, byId, depth, maxDepth);
        }

        var children = byId.Values
            .Where(c => c.ParentId is not null)
            .GroupBy(c => c.ParentId!.Value)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(c => c.Id.Value, StringComparer.Ordinal).ToImmutableArray());
        var roots = byId.Values.Where(c => c.IsRoot).OrderBy(c => c.Id.Value, StringComparer.Ordinal).ToImmutableArray();
        return new CustomerHierarchy(byId.ToFrozenDictionary(), children, depth.ToFrozenDictionary(), roots, maxDepth);
    }

    /// <summary>Whether the hierarchy holds the customer.</summary>
    /// <param name="id">The customer's id.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(CustomerId id) => _byId.ContainsKey(id);

    /// <summary>Finds a customer by id, with no visibility check (administrator access).</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="customer">The customer, when present.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool TryGet(CustomerId id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Customer? customer) => _byId.TryGetValue(id, out customer);

    /// <summary>Returns a customer by id, with no visibility check (administrator access).</summary>
    /// <param name="id">The customer's id.</param>
    /// <returns>The customer.</returns>
    /// <exception cref="BillingRuleException">The hierarchy does not hold the customer.</exception>
    public Customer Get(CustomerId id)
    {
        Guard.Rule(_byId.TryGetValue(id, out var customer), "CustomerId", id.Value, "no such customer in the hierarchy");
        return customer;
    }

    /// <summary>The number of ancestors of a customer (0 for a root).</summary>
    /// <param name="id">The customer's id.</param>
    /// <returns>The depth.</returns>
    /// <exception cref="BillingRuleException">The hierarchy does not hold the customer.</exception>
    public int DepthOf(CustomerId id)
    {
        Guard.Rule(_depth.TryGetValue(id, out var depth), "CustomerId", id.Value, "no such customer in the hierarchy");
        return depth;
    }

    /// <summary>The direct sub-customers of a customer, in id order (empty when it has none or is unknown).</summary>
    /// <param name="id">The parent's id.</param>
    /// <returns>The children.</returns>
    public IReadOnlyList<Customer> ChildrenOf(CustomerId id) => _children.TryGetValue(id, out var list) ? list : [];

    /// <summary>The ancestors of a customer, parent first, root last (empty for a root).</summary>
    /// <param name="id">The customer's id.</param>
    /// <returns>The ancestors.</returns>
    /// <exception cref="BillingRuleException">The hierarchy does not hold the customer.</exception>
    public IReadOnlyList<Customer> AncestorsOf(CustomerId id)
    {
        var result = new List<Customer>(DepthOf(id));
        var current = Get(id);
        while (current.ParentId is { } parent)
        {
            current = _byId[parent];
            result.Add(current);
        }

        return result;
    }

    /// <summary>
    /// The customers a charge to this customer must pass (see docs/balances.md): the customer itself, then every ancestor
    /// below the root, nearest first. Empty for a root, which is never billed.
    /// </summary>
    /// <param name="id">The customer's id.</param>
    /// <returns>The chain.</returns>
    /// <exception cref="BillingRuleException">The hierarchy does not hold the customer.</exception>
    public IReadOnlyList<Customer> ChargeChainOf(CustomerId id)
    {
        var self = Get(id);
        if (self.IsRoot)
        {
            return [];
        }

        var chain = new List<Customer> { self };
        chain.AddRange(AncestorsOf(id).Where(a => !a.IsRoot));
        return chain;
    }

    /// <summary>The customer and every customer below it, depth first in id order (the customer first).</summary>
    /// <param name="id">The subtree's top.</param>
    /// <returns>The subtree.</returns>
    /// <exception cref="BillingRuleException">The hierarchy does not hold the customer.</exception>
    public IReadOnlyList<Customer> SubtreeOf(CustomerId id)
    {
        var result = new List<Customer>();
        var stack = new Stack<Customer>();
        stack.Push(Get(id));
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            result.Add(current);
            var children = ChildrenOf(current.Id);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        return result;
    }

    /// <summary>
    /// Whether a caller acting as <paramref name="caller"/> may see <paramref name="target"/>: only itself and its
    /// own subtree, never anything above or beside it. Unknown ids are never visible.
    /// </summary>
    /// <param name="caller">The customer the caller acts as.</param>
    /// <param name="target">The customer looked up.</param>
    /// <returns><see langword="true"/> when visible.</returns>
    public bool IsVisibleTo(CustomerId caller, CustomerId target)
    {
        if (!_byId.ContainsKey(caller) || !_byId.TryGetValue(target, out var current))
        {
            return false;
        }

        while (true)
        {
            if (current.Id == caller)
            {
                return true;
            }

            if (current.ParentId is not { } parent)
            {
                return false;
            }

            current = _byId[parent];
        }
    }

    /// <summary>Looks a customer up as <paramref name="caller"/> sees the tree: outside the caller's subtree it behaves as not found.</summary>
    /// <param name="caller">The customer the caller acts as.</param>
    /// <param name="target">The customer looked up.</param>
    /// <param name="customer">The customer, when found and visible.</param>
    /// <returns><see langword="true"/> when found and visible; <see langword="false"/> for unknown and invisible alike.</returns>
    public bool TryFind(CustomerId caller, CustomerId target, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Customer? customer)
    {
        if (IsVisibleTo(caller, target))
        {
            customer = _byId[target];
            return true;
        }

        customer = null;
        return false;
    }

    /// <summary>Returns the hierarchy with a customer added or replaced (by id), checked again.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The new hierarchy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentException">The customer's parent is not in the hierarchy.</exception>
    /// <exception cref="BillingRuleException">The change would create a cycle or exceed the depth limit.</exception>
    public CustomerHierarchy With(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.ParentId is { } parent && parent != customer.Id && !_byId.ContainsKey(parent))
        {
            throw new ArgumentException($"Customer {customer.Id} has parent {parent}, which is not in the hierarchy; a hierarchy needs every ancestor.", nameof(customer));
        }

        return From(_byId.Values.Where(c => c.Id != customer.Id).Append(customer), MaxDepth);
    }

    /// <summary>Returns the hierarchy without a customer that has no sub-customers.</summary>
    /// <param name="id">The customer's id.</param>
    /// <returns>The new hierarchy.</returns>
    /// <exception cref="BillingRuleException">The customer is unknown or has sub-customers.</exception>
    public CustomerHierarchy Without(CustomerId id)
    {
        Get(id);
        Guard.Rule(ChildrenOf(id).Count == 0, "CustomerId", id.Value, "a customer with sub-customers cannot be removed from the tree");
        return From(_byId.Values.Where(c => c.Id != id), MaxDepth);
    }

    /// <summary>
    /// Moves a customer (with its subtree) under a new parent and returns the moved customer. Refuses a move
    /// that would create a cycle, exceed the depth limit, duplicate a sibling's normalised name, put it under a
    /// closed parent, or leave it in a class that may not be assigned under the new parent. Roots cannot move.
    /// </summary>
    /// <param name="id">The customer to move.</param>
    /// <param name="newParentId">The new parent.</param>
    /// <param name="customerClass">The customer's current class, or null when it has none.</param>
    /// <returns>The moved customer (apply it with <see cref="With"/> or store it).</returns>
    /// <exception cref="BillingRuleException">A rule forbids the move.</exception>
    public Customer Move(CustomerId id, CustomerId newParentId, CustomerClass? customerClass)
    {
        var customer = Get(id);
        var parent = Get(newParentId);
        Guard.Rule(!customer.IsRoot, "Customer.Parent", newParentId.Value, $"customer {id} is a root; a root stays a root");
        Guard.Rule(customerClass?.Id == customer.ClassId, "Customer.Class", customerClass?.Id.Value, $"customer {id} belongs to class {customer.ClassId?.Value ?? "(none)"}");
        Guard.Rule(!IsVisibleTo(id, newParentId), "Customer.Parent", newParentId.Value, $"moving customer {id} under itself or one of its sub-customers would create a cycle");
        Guard.Rule(parent.Status != BillingStatus.Closed, "Customer.Parent", newParentId.Value, "a closed customer cannot take sub-customers");
        var subtreeHeight = SubtreeOf(id).Max(c => DepthOf(c.Id)) - DepthOf(id);
        var newDepth = DepthOf(newParentId) + 1 + subtreeHeight;
        Guard.Rule(newDepth <= MaxDepth, "Customer.Parent", newParentId.Value, $"the move would make the tree {newDepth} levels deep below the root; the limit is {MaxDepth}");
        Customer.EnsureNameFree(customer.Name, newParentId, id, ChildrenOf(newParentId));
        var data = ImmutableDictionary.CreateRange(StringComparer.Ordinal, customer.CustomData);
        if (customerClass is not null)
        {
            customerClass.EnsureAssignable(newParentId, customer.Currency, this);
            data = customerClass.CheckCustomData(customer.CustomData);
        }

        return customer.WithParent(newParentId, customer.ClassId, data);
    }

    /// <summary>
    /// Decides whether a customer may be deleted or only closed: deletion needs no sub-customers, a zero balance
    /// of its own and no account with a non-zero balance (see docs/domain-model.md). Balances come from the ledger.
    /// </summary>
    /// <param name="id">The customer.</param>
    /// <param name="balance">The customer's own ledger balance.</param>
    /// <param name="accountBalances">The balances of the customer's accounts.</param>
    /// <returns>The decision, with reasons when it is close only.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accountBalances"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="balance"/>, or one of <paramref name="accountBalances"/>, is <c>default(Money)</c>.</exception>
    /// <exception cref="BillingRuleException">The customer is unknown.</exception>
    public CustomerRemovalDecision DecideRemoval(CustomerId id, Money balance, IEnumerable<Money> accountBalances)
    {
        Guard.NotDefault(balance);
        ArgumentNullException.ThrowIfNull(accountBalances);
        Get(id);
        return CustomerRemovalDecision.Decide(id, ChildrenOf(id).Count, balance, accountBalances, []);
    }

    private static void ComputeDepth(Customer start, Dictionary<CustomerId, Customer> byId, Dictionary<CustomerId, int> depth, int maxDepth)
    {
        // The walk refuses a missing parent, a cycle or an impossible depth; the configured limit is this hierarchy's own rule.
        var ancestry = CustomerAncestry.Read(start, byId);
        var ancestors = ancestry.Count - 1;
        Guard.Rule(
            ancestors <= maxDepth,
            "Customer.Parent",
            start.Id.Value,
            $"the customer would be {ancestors.ToString(CultureInfo.InvariantCulture)} levels below the root; the limit is {maxDepth.ToString(CultureInfo.InvariantCulture)}");
        depth[start.Id] = ancestors;
    }
}
