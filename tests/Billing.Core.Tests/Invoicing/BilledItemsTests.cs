using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.Invoicing;
using Billing.Core.Numbers;
using NodaTime;
using static Billing.Core.Tests.Invoicing.ChargeFixtures;

namespace Billing.Core.Tests.Invoicing;

public class BilledItemsTests
{
    [Fact]
    public void Constructor_KeepsTheItemsInOrder()
    {
        var customer = Customer();
        var a1 = Account(customer, "A-2");
        var a2 = Account(customer, "A-1");
        var number = Number(customer, Anchor);
        var service = Service(customer, Anchor);

        var items = new BilledItems(customer.Id, [a1, a2], [number], [service]);

        items.CustomerId.ShouldBe(customer.Id);
        items.Accounts.ShouldBe([a1, a2]);
        items.Numbers.ShouldBe([number]);
        items.Services.ShouldBe([service]);
    }

    [Fact]
    public void Constructor_NullCollections_MeanNone()
    {
        var items = new BilledItems(Customer().Id);

        items.Accounts.IsEmpty.ShouldBeTrue();
        items.Numbers.IsEmpty.ShouldBeTrue();
        items.Services.IsEmpty.ShouldBeTrue();
        items.Features.Length.ShouldBe(0);
    }

    [Fact]
    public void Constructor_GathersChargeableFeaturesInLineOrder_LeavingClosedAccountsOut()
    {
        var customer = Customer();
        var open = Account(customer, "A-OPEN").AttachFeature(Recurring("A", 1m, "GBP", Anchor));
        var closed = Account(customer, "A-CLOSED").AttachFeature(Recurring("C", 1m, "GBP", Anchor)).Close();
        var number = Number(customer, Anchor).AttachFeature(Recurring("N1", 1m, "GBP", Anchor)).AttachFeature(Recurring("N2", 1m, "GBP", Anchor));
        var service = Service(customer, Anchor).AttachFeature(OneOff("S", 1m, "GBP", Anchor));

        var items = new BilledItems(customer.Id, [closed, open], [number], [service]);

        items.Features.ToArray().Select(f => $"{f.Owner}/{f.Feature.Id}").ShouldBe(["account A-OPEN/A", "number N-1/N1", "number N-1/N2", "service S-1/S"]);
        items.ToString().ShouldBe("Billed items of C-1: 2 account(s), 1 number(s), 1 service(s), 4 chargeable feature(s)");
    }

    [Fact]
    public void Constructor_FeatureDays_AreCutToTheOwnersDays()
    {
        var customer = Customer();
        var number = Number(customer, new LocalDate(2026, 4, 10), new LocalDate(2026, 4, 20))
            .AttachFeature(Recurring("F", 1m, "GBP", new LocalDate(2026, 4, 12), new LocalDate(2026, 4, 20)));

        var billed = new BilledItems(customer.Id, numbers: [number]).Features[0];

        billed.Days.ToString().ShouldBe("[2026-04-12, 2026-04-20]");
        billed.FullAmount.ShouldBe(1m);
        billed.ProratesByDay.ShouldBeTrue();
        billed.Field.ShouldBe("Number.Features");
    }

    [Fact]
    public void Constructor_DefaultCustomerId_IsAnArgumentError()
        => Should.Throw<ArgumentException>(() => new BilledItems(default)).ParamName.ShouldBe("customerId");

    [Fact]
    public void Constructor_ItemOfAnotherCustomer_IsAnArgumentErrorNamingTheCollection()
    {
        var customer = Customer();
        var other = Customer(id: "C-2");

        var account = Should.Throw<ArgumentException>(() => new BilledItems(customer.Id, accounts: [Account(other, "A-9")]));
        account.ParamName.ShouldBe("accounts");
        account.Message.ShouldStartWith("Account A-9 belongs to customer C-2, not to C-1.");
        Should.Throw<ArgumentException>(() => new BilledItems(customer.Id, numbers: [Number(other, Anchor, id: "N-9")])).ParamName.ShouldBe("numbers");
        var service = Should.Throw<ArgumentException>(() => new BilledItems(customer.Id, services: [Service(other, Anchor, id: "S-9")]));
        service.ParamName.ShouldBe("services");
        service.Message.ShouldStartWith("Service S-9 belongs to customer C-2, not to C-1.");
    }

    [Fact]
    public void Constructor_SameItemTwice_IsAnArgumentError()
    {
        var customer = Customer();
        var number = Number(customer, Anchor);

        var ex = Should.Throw<ArgumentException>(() => new BilledItems(customer.Id, numbers: [number, number.WithTariff("OTHER")]));

        ex.ParamName.ShouldBe("numbers");
        ex.Message.ShouldStartWith("Number N-1 appears twice; it would be charged twice.");
        Should.NotThrow(() => new BilledItems(customer.Id, accounts: [Account(customer, "X")], numbers: [Number(customer, Anchor, id: "X")], services: [Service(customer, Anchor, id: "X")]));
    }

    [Fact]
    public void Constructor_NullItem_IsAnArgumentError()
    {
        var ex = Should.Throw<ArgumentException>(() => new BilledItems(Customer().Id, accounts: [null!]));

        ex.ParamName.ShouldBe("accounts");
        ex.Message.ShouldStartWith("The accounts must not hold null.");
    }
}
