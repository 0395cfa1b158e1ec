using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Periods;
using FsCheck.Fluent;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Customers;

public class CustomerHierarchyFuzzTests
{
    private static Customer Raw(int id, int? parent)
        => Customer.Restore(Stored("C" + id, parent is null ? null : "C" + parent) with { Name = "Customer " + (id % 5) });

    [Fact]
    public void From_ArbitraryParentLinks_ThrowsOnlyDocumentedExceptions()
    {
        // Parents may point anywhere (forward, backward, to themselves' ancestors, or nowhere): cycles, missing parents, deep chains.
        var gen = from parents in Gen.Choose(-1, 40).ListOf().Select(l => l.Take(25).ToArray())
                  from depth in Gen.Choose(0, 66)
                  select (parents, depth);
        Fuzz.Check(gen, x =>
        {
            var customers = x.parents.Select((p, i) => p == i ? Raw(i, null) : Raw(i, p < 0 ? null : p)).ToList();
            CustomerHierarchy.From(customers, x.depth);
        });
    }

    [Fact]
    public void Operations_OnRandomTrees_ThrowOnlyDocumentedExceptions()
    {
        var gen = from parents in Gen.Choose(0, 1000).NonEmptyListOf().Select(l => l.Take(20).ToArray())
                  from a in Gen.Choose(-2, 25)
                  from b in Gen.Choose(-2, 25)
                  from balance in Fuzz.Monies
                  from accounts in Fuzz.Monies.ListOf()
                  from op in Gen.Choose(0, 8)
                  select (parents, a, b, balance, accounts, op);
        var cls = AdminClass();
        Fuzz.Check(gen, x =>
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
                customers.Add(Raw(i, p < 0 ? null : p));
            }

            var h = CustomerHierarchy.From(customers);
            var a = CustomerId.From("C" + x.a);
            var b = CustomerId.From("C" + x.b);
            _ = x.op switch
            {
                0 => (object)h.Move(a, b, null),
                1 => h.Move(a, b, cls),
                2 => h.DecideRemoval(a, x.balance, x.accounts),
                3 => h.Without(a),
                4 => h.With(Raw(x.a, x.b < 0 ? null : x.b)),
                5 => h.SubtreeOf(a).Count + h.AncestorsOf(a).Count + h.ChargeChainOf(a).Count + h.DepthOf(a),
                6 => h.IsVisibleTo(a, b) | h.TryFind(a, b, out _),
                7 => h.Get(a).WithClass(cls, null, h),
                _ => Factory().Create(Request("New " + x.b, a), h, (x.op & 1) == 0 ? null : cls, CreatedAt),
            };
        });
    }

    [Fact]
    public void ClassAndCustomData_FuzzedInput_ThrowOnlyDocumentedExceptions()
    {
        var (h, root, reseller, end) = Tree();
        var direct = Sub(h, "DIRECT", root.Id);
        h = h.With(direct);
        var gen = from name in Fuzz.Strings
                  from d in Fuzz.Decimals
                  from date in Fuzz.Dates
                  from c in Fuzz.Currencies
                  from kind in Gen.Choose(0, 6)
                  from mandatory in Gen.Elements(true, false)
                  from who in Gen.Choose(0, 2)
                  from managedBy in Gen.Choose(0, 2)
                  select (name, d, date, c, kind, mandatory, who, managedBy);
        Fuzz.Check(gen, x =>
        {
            var manager = x.managedBy switch { 0 => ClassManager.Administrator, 1 => ClassManager.Reseller(reseller.Id), _ => ClassManager.Reseller(end.Id) };
            var cls = CustomerClass.Create(CustomerClassId.From("K"), "K", manager, (x.kind & 1) == 0 ? null : x.c,
                customFields: [CustomFieldDefinition.Create("F", (CustomFieldType)Math.Max(1, x.kind), x.mandatory, x.kind == 5 ? ["a", "b"] : null)]);
            CustomFieldValue value = x.kind switch
            {
                0 => default,
                1 => CustomFieldValue.Text(x.name!),
                2 => CustomFieldValue.Number(x.d),
                3 => CustomFieldValue.Date(x.date),
                4 => CustomFieldValue.Boolean(x.d > 0),
                _ => CustomFieldValue.Choice(x.name!),
            };
            var data = new Dictionary<string, CustomFieldValue> { [x.name ?? "F"] = value };
            var target = x.who switch { 0 => direct, 1 => end, _ => reseller };
            var assigned = target.WithClass(cls, data, h);
            assigned.WithCustomData(cls, data);
        });
    }
}
