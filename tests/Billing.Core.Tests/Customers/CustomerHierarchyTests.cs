using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using FsCheck;
using FsCheck.Fluent;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Customers;

public class CustomerHierarchyTests
{
    private static Customer Raw(string id, string? parent) => Customer.Restore(Stored(id, parent));

    private static CustomerId Id(string id) => CustomerId.From(id);

    [Fact]
    public void AncestorsOf_ListsParentFirstAndRootLast()
    {
        var (h, root, reseller, end) = Tree();
        h.AncestorsOf(end.Id).Select(c => c.Id).ShouldBe([reseller.Id, root.Id]);
        h.AncestorsOf(root.Id).ShouldBeEmpty();
    }

    [Fact]
    public void ChargeChainOf_IsTheCustomerAndItsAncestorsBelowTheRoot()
    {
        var (h, root, reseller, end) = Tree();
        h.ChargeChainOf(end.Id).Select(c => c.Id).ShouldBe([end.Id, reseller.Id]);
        h.ChargeChainOf(reseller.Id).Select(c => c.Id).ShouldBe([reseller.Id]);
        h.ChargeChainOf(root.Id).ShouldBeEmpty();
    }

    [Fact]
    public void SubtreeOf_IsTheCustomerThenItsDescendantsDepthFirst()
    {
        var h = CustomerHierarchy.From([Raw("R", null), Raw("B", "R"), Raw("A", "R"), Raw("A2", "A"), Raw("A1", "A"), Raw("B1", "B")]);
        h.SubtreeOf(Id("R")).Select(c => c.Id.Value).ShouldBe(["R", "A", "A1", "A2", "B", "B1"]);
        h.SubtreeOf(Id("A")).Select(c => c.Id.Value).ShouldBe(["A", "A1", "A2"]);
        h.SubtreeOf(Id("B1")).Select(c => c.Id.Value).ShouldBe(["B1"]);
    }

    [Fact]
    public void IsVisibleTo_SeesOnlyItselfAndItsSubtree()
    {
        var h = CustomerHierarchy.From([Raw("R", null), Raw("A", "R"), Raw("A1", "A"), Raw("B", "R")]);
        h.IsVisibleTo(Id("A"), Id("A")).ShouldBeTrue();
        h.IsVisibleTo(Id("A"), Id("A1")).ShouldBeTrue();
        h.IsVisibleTo(Id("A"), Id("R")).ShouldBeFalse();   // above
        h.IsVisibleTo(Id("A"), Id("B")).ShouldBeFalse();   // beside
        h.IsVisibleTo(Id("A1"), Id("A")).ShouldBeFalse();  // parent
        h.IsVisibleTo(Id("R"), Id("A1")).ShouldBeTrue();
        h.IsVisibleTo(Id("A"), Id("NOPE")).ShouldBeFalse();
        h.IsVisibleTo(Id("NOPE"), Id("A")).ShouldBeFalse();
    }

    [Fact]
    public void TryFind_OutsideTheCallersSubtree_BehavesAsNotFound()
    {
        var h = CustomerHierarchy.From([Raw("R", null), Raw("A", "R"), Raw("B", "R")]);
        h.TryFind(Id("A"), Id("B"), out var hidden).ShouldBeFalse();
        hidden.ShouldBeNull();
        h.TryFind(Id("A"), Id("MISSING"), out _).ShouldBeFalse();
        h.TryFind(Id("R"), Id("B"), out var found).ShouldBeTrue();
        found!.Id.ShouldBe(Id("B"));
    }

    [Fact]
    public void IsVisibleTo_Property_MatchesSubtreeMembership()
    {
        // Random forests: customer i's parent is a random earlier customer (or none).
        var gen = from parents in Gen.Choose(0, 1000).ListOf().Select(l => l.Take(30).ToArray())
                  from pair in Gen.Choose(0, 29).Two()
                  select (parents, pair);
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var customers = new List<Customer>();
            var depth = new int[x.parents.Length];
            for (var i = 0; i < x.parents.Length; i++)
            {
                var p = i == 0 ? -1 : (x.parents[i] % (i + 1)) - 1;
                if (p >= 0 && depth[p] >= 8)
                {
                    p = -1;
                }

                depth[i] = p < 0 ? 0 : depth[p] + 1;
                customers.Add(Raw("C" + i, p < 0 ? null : "C" + p));
            }

            if (customers.Count == 0)
            {
                return true;
            }

            var h = CustomerHierarchy.From(customers);
            var caller = customers[x.pair.Item1 % customers.Count].Id;
            var target = customers[x.pair.Item2 % customers.Count].Id;
            var inSubtree = h.SubtreeOf(caller).Any(c => c.Id == target);
            var callerIsAncestorOrSelf = target == caller || h.AncestorsOf(target).Any(a => a.Id == caller);
            return h.IsVisibleTo(caller, target) == inSubtree && inSubtree == callerIsAncestorOrSelf;
        }).Check(Fuzz.Config);
    }

    [Fact]
    public void From_Cycle_Throws()
    {
        var ex = Should.Throw<BillingRuleException>(() => CustomerHierarchy.From([Raw("R", null), Raw("A", "B"), Raw("B", "A")]));
        ex.Rule.ShouldContain("cycle");
    }

    [Fact]
    public void From_MissingParent_IsTheTreeRule()
        => Should.Throw<BillingRuleException>(() => CustomerHierarchy.From([Raw("A", "GHOST")])).Value.ShouldBe("GHOST");

    [Fact]
    public void From_DuplicateId_ThrowsArgumentException()
        => Should.Throw<ArgumentException>(() => CustomerHierarchy.From([Raw("R", null), Raw("R", null)]));

    [Fact]
    public void From_DeeperThanTheLimit_Throws()
    {
        var chain = new List<Customer> { Raw("L0", null) };
        for (var i = 1; i <= 3; i++)
        {
            chain.Add(Raw("L" + i, "L" + (i - 1)));
        }

        CustomerHierarchy.From(chain, maxDepth: 3).DepthOf(Id("L3")).ShouldBe(3);
        Should.Throw<BillingRuleException>(() => CustomerHierarchy.From(chain, maxDepth: 2));
    }

    [Fact]
    public void Move_UnderItsOwnDescendant_ThrowsCycle()
    {
        var h = CustomerHierarchy.From([Raw("R", null), Raw("A", "R"), Raw("A1", "A")]);
        Should.Throw<BillingRuleException>(() => h.Move(Id("A"), Id("A1"), null)).Rule.ShouldContain("cycle");
        Should.Throw<BillingRuleException>(() => h.Move(Id("A"), Id("A"), null)).Rule.ShouldContain("cycle");
    }

    [Fact]
    public void Move_ToANewParent_ChangesOnlyTheParent()
    {
        var h = CustomerHierarchy.From([Raw("R", null), Raw("A", "R"), Raw("B", "R"), Raw("A1", "A")]);
        var moved = h.Move(Id("A1"), Id("B"), null);
        moved.ParentId.ShouldBe(Id("B"));
        h.With(moved).AncestorsOf(Id("A1")).Select(c => c.Id.Value).ShouldBe(["B", "R"]);
    }

    [Fact]
    public void Move_BeyondTheDepthLimit_Throws()
    {
        var h = CustomerHierarchy.From([Raw("R", null), Raw("A", "R"), Raw("A1", "A"), Raw("B", "R"), Raw("B1", "B")], maxDepth: 3);
        Should.Throw<BillingRuleException>(() => h.Move(Id("A"), Id("B1"), null)).Rule.ShouldContain("limit is 3");
    }

    [Fact]
    public void Move_ARoot_Throws()
    {
        var h = CustomerHierarchy.From([Raw("R", null), Raw("S", null)]);
        Should.Throw<BillingRuleException>(() => h.Move(Id("R"), Id("S"), null));
    }

    [Fact]
    public void Move_NextToASiblingWithTheSameNormalisedName_Throws()
    {
        var h = CustomerHierarchy.From([Raw("R", null), Raw("A", "R"), Raw("B", "A"), Raw("C", "R")]);
        var twin = Customer.Restore(Stored("T", "C") with { Name = "customer b LTD" });
        h = h.With(twin);
        Should.Throw<BillingRuleException>(() => h.Move(Id("T"), Id("A"), null)).Field.ShouldBe("Customer.Name");
    }

    [Fact]
    public void Move_WithAnAdministratorClassAwayFromTheRoot_Throws()
    {
        var (h, root, reseller, _) = Tree();
        var cls = AdminClass();
        var direct = Factory().Create(Request("Direct", root.Id, "D"), h, cls, CreatedAt).Customer;
        h = h.With(direct);
        Should.Throw<BillingRuleException>(() => h.Move(direct.Id, reseller.Id, cls)).Field.ShouldBe("Customer.Class");
    }

    [Fact]
    public void DecideRemoval_ChildlessWithZeroBalances_MayBeDeleted()
    {
        var (h, _, _, end) = Tree();
        var decision = h.DecideRemoval(end.Id, Gbp(0m), [Gbp(0m), Money.Zero(Currency.EUR)]);
        decision.CanDelete.ShouldBeTrue();
        decision.Action.ShouldBe(CustomerRemoval.Delete);
        decision.Reasons.ShouldBeEmpty();
    }

    [Fact]
    public void DecideRemoval_WithSubCustomers_ClosesOnly()
    {
        var (h, _, reseller, _) = Tree();
        var decision = h.DecideRemoval(reseller.Id, Gbp(0m), []);
        decision.Action.ShouldBe(CustomerRemoval.CloseOnly);
        decision.Reasons.ShouldHaveSingleItem().ShouldContain("sub-customer");
    }

    [Fact]
    public void DecideRemoval_WithOwnBalance_ClosesOnly()
    {
        var (h, _, _, end) = Tree();
        h.DecideRemoval(end.Id, Gbp(-0.01m), []).Reasons.ShouldHaveSingleItem().ShouldContain("balance");
    }

    [Fact]
    public void DecideRemoval_WithAnAccountBalance_ClosesOnly()
    {
        var (h, _, _, end) = Tree();
        h.DecideRemoval(end.Id, Gbp(0m), [Gbp(0m), Gbp(3m)]).Reasons.ShouldHaveSingleItem().ShouldContain("accounts");
    }

    [Fact]
    public void Without_ACustomerWithChildren_Throws()
    {
        var (h, _, reseller, end) = Tree();
        Should.Throw<BillingRuleException>(() => h.Without(reseller.Id));
        h.Without(end.Id).Contains(end.Id).ShouldBeFalse();
    }

    [Fact]
    public void Move_WithAClassThatIsNotTheCustomers_Throws()
    {
        // A1 has no class; the administrator class would be assignable under R, so only the ownership check can refuse.
        var h = CustomerHierarchy.From([Raw("R", null), Raw("A", "R"), Raw("A1", "A")]);
        Should.Throw<BillingRuleException>(() => h.Move(Id("A1"), Id("R"), AdminClass())).Rule.ShouldContain("belongs to class");
    }

    [Fact]
    public void Move_UnderAClosedParent_Throws()
    {
        var h = CustomerHierarchy.From([Raw("R", null), Raw("A", "R"), Raw("B", "R")]);
        h = h.With(h.Get(Id("B")).Close());
        Should.Throw<BillingRuleException>(() => h.Move(Id("A"), Id("B"), null)).Rule.ShouldContain("closed");
    }
}
