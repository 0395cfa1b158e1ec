using Billing.Core.CustomerClasses;
using Billing.Core.Invoicing;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using Billing.Core.Tests.Customers;
using NodaTime;
using static Billing.Core.Tests.Invoicing.ChargeFixtures;

namespace Billing.Core.Tests.Invoicing;

public class BillingTermsTests
{
    [Fact]
    public void For_CustomerWithClass_TakesCurrencyCalendarAndTermsFromTheCustomerAndTaxFromTheClass()
    {
        var vat = Class(20m, "GBP");
        var customer = Customer("GBP", vat, paymentTermsDays: 14);

        var terms = BillingTerms.For(customer, vat);

        terms.CustomerId.ShouldBe(customer.Id);
        terms.Currency.ShouldBe(Currency.GBP);
        terms.Taxation.ShouldBe(Taxation.FlatPercentage(20m));
        terms.PaymentTermsDays.ShouldBe(14);
        terms.Rounding.ShouldBe(MidpointRounding.AwayFromZero);
        terms.Schedule.ShouldBeSameAs(customer.Schedule);
        var calendar = terms.Schedule.Initial;
        calendar.Cycle.ShouldBe(BillingCycle.Monthly);
        calendar.Anchor.ShouldBe(Anchor);
        calendar.Zone.ShouldBe(customer.BillingTimeZone);
    }

    [Fact]
    public void For_CustomerWithoutClass_HasNoTax()
        => BillingTerms.For(Customer("JPY"), null).Taxation.ShouldBe(Taxation.None);

    [Fact]
    public void For_ClassForAnyCurrency_Fits()
        => BillingTerms.For(Customer("BHD", Class(10m)), Class(10m)).Currency.ShouldBe(Currency.BHD);

    [Fact]
    public void For_ClassOfAnotherCurrency_IsARuleErrorNamingTheClassCurrency()
    {
        var euroClass = Class(20m, "EUR");

        var ex = Should.Throw<BillingRuleException>(() => BillingTerms.For(Customer("GBP", euroClass), euroClass));

        ex.Field.ShouldBe("CustomerClass.Currency");
        ex.Value.ShouldBe("EUR");
        ex.Rule.ShouldBe("class RETAIL is for customers billed in EUR; customer C-1 is billed in GBP");
    }

    [Fact]
    public void For_ClassMissing_IsAnArgumentErrorSoTheTaxIsNotLost()
    {
        var ex = Should.Throw<ArgumentException>(() => BillingTerms.For(Customer("GBP", Class(20m)), null));

        ex.ParamName.ShouldBe("customerClass");
        ex.Message.ShouldStartWith("Customer C-1 has class RETAIL; give that class, so that its taxation applies.");
    }

    [Fact]
    public void For_AnotherClass_IsAnArgumentError()
    {
        var other = CustomerClass.Create(CustomerClassId.From("BUSINESS"), "Business", ClassManager.Administrator);

        var withClass = Should.Throw<ArgumentException>(() => BillingTerms.For(Customer("GBP", Class(20m)), other));
        withClass.ParamName.ShouldBe("customerClass");
        withClass.Message.ShouldStartWith("Class BUSINESS is not the class of customer C-1 (RETAIL).");

        var withoutClass = Should.Throw<ArgumentException>(() => BillingTerms.For(Customer("GBP"), other));
        withoutClass.Message.ShouldStartWith("Class BUSINESS is not the class of customer C-1 (it has none).");
    }

    [Fact]
    public void For_Root_IsARuleError()
    {
        var ex = Should.Throw<BillingRuleException>(() => BillingTerms.For(DomainFixtures.Root(), null));

        ex.Field.ShouldBe("BillingTerms.Customer");
        ex.Value.ShouldBe("ROOT");
        ex.Rule.ShouldBe("a root customer is never billed itself");
    }

    [Fact]
    public void For_Null_IsAnArgumentError()
        => Should.Throw<ArgumentNullException>(() => BillingTerms.For(null!, null)).ParamName.ShouldBe("customer");

    [Fact]
    public void For_TheCustomersScheduleIsTheCalendar_WithItsChanges()
    {
        var customer = Customer().ScheduleBillingChange(new LocalDate(2026, 2, 3), BillingCycle.Weekly);

        var terms = BillingTerms.For(customer, null);

        terms.Schedule.ShouldBeSameAs(customer.Schedule);
        terms.Schedule.PeriodContaining(new LocalDate(2026, 3, 4)).ShouldBe(new BillingPeriod(new LocalDate(2026, 3, 2), new LocalDate(2026, 3, 9)));
        terms.CustomerId.ShouldBe(customer.Id);
        terms.Currency.ShouldBe(customer.Currency);
        terms.PaymentTermsDays.ShouldBe(customer.PaymentTermsDays);
        terms.Rounding.ShouldBe(MidpointRounding.AwayFromZero);
    }

    [Fact]
    public void WithRounding_ChangesOnlyTheRounding()
    {
        var vat = Class(20m);
        var terms = BillingTerms.For(Customer("GBP", vat), vat);

        var changed = terms.WithRounding(MidpointRounding.ToEven);

        changed.Rounding.ShouldBe(MidpointRounding.ToEven);
        terms.Rounding.ShouldBe(MidpointRounding.AwayFromZero);
        (changed.CustomerId, changed.Currency, changed.Schedule, changed.Taxation, changed.PaymentTermsDays)
            .ShouldBe((terms.CustomerId, terms.Currency, terms.Schedule, terms.Taxation, terms.PaymentTermsDays));
    }

    [Fact]
    public void WithRounding_Undefined_IsAnArgumentOutOfRangeError()
        => Should.Throw<ArgumentOutOfRangeException>(() => Terms(Customer()).WithRounding((MidpointRounding)99)).ParamName.ShouldBe("rounding");

    [Fact]
    public void ToString_SaysTheTerms()
        => BillingTerms.For(Customer("GBP", Class(20m)), Class(20m)).ToString()
            .ShouldBe("Billing terms of C-1: GBP, tax 20%, due 30 days after the period, rounding AwayFromZero");
}
