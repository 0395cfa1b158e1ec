using Billing.Core;
using Billing.Core.BillingRuns;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Payments;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Billing.Core.Storage.InMemory.Tests;

/// <summary>
/// A customer that names a class the store does not hold (the in-memory store refuses to store such a customer, as a database's
/// foreign key would; a host's own store might lose the class's row, which the class repository here does): the billing run records the customer as failed on <c>Customer.ClassId</c> and goes on, and the suspension
/// assessment refuses it on that field, rather than billing or assessing it as if it had no class.
/// </summary>
public class MissingClassTests
{
    private static readonly CustomerClassId Missing = CustomerClassId.From("NO-SUCH-CLASS");

    [Fact]
    public async Task BillingRun_CustomerOfAMissingClass_FailsOnItsClassAndBillsTheOthers()
    {
        await using var provider = await ProviderAsync();

        var result = await provider.GetRequiredService<BillingRun>().RunAsync(Instant.FromUtc(2026, 3, 1, 0, 0));

        var failure = result.Failures.ShouldHaveSingleItem();
        (failure.CustomerId, failure.Field).ShouldBe((CustomerId.From("LOST"), "Customer.ClassId"));
        failure.Message.ShouldContain(Missing.Value);
        (result.CustomersFailed, result.CustomersDone).ShouldBe((1L, 2L), "the root and FINE are done");
    }

    [Fact]
    public async Task AssessSuspension_CustomerOfAMissingClass_IsRefusedNamingTheClass()
    {
        await using var provider = await ProviderAsync();

        var refused = await Should.ThrowAsync<BillingRuleException>(
            provider.GetRequiredService<InvoicePayments>().AssessSuspensionAsync(CustomerId.From("LOST"), new LocalDate(2026, 3, 1)).AsTask());

        (refused.Field, refused.Value).ShouldBe(("Customer.ClassId", (string?)Missing.Value));
        var fine = await provider.GetRequiredService<InvoicePayments>().AssessSuspensionAsync(CustomerId.From("FINE"), new LocalDate(2026, 3, 1));
        (fine.IsDue, fine.OldestUnpaidInvoice).ShouldBe((false, (string?)null), "no class, no invoices: nothing to suspend");
    }

    private static async Task<ServiceProvider> ProviderAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0)));
        services.AddSingleton<ICustomerClassRepository>(sp => new LostClassRepository(sp.GetRequiredService<InMemoryDatabase>().Classes));
        services.AddBillingCore();
        services.AddInMemoryBillingStore();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<InMemoryDatabase>().Classes.AddAsync(CustomerClass.Create(Missing, "Lost", ClassManager.Administrator));
        var customers = provider.GetRequiredService<ICustomerRepository>();
        await customers.AddAsync(Record("ROOT", classId: null, parent: null));
        await customers.AddAsync(Record("FINE", classId: null, CustomerId.From("ROOT")));
        await customers.AddAsync(Record("LOST", Missing, CustomerId.From("ROOT")));
        return provider;
    }

    private static Customer Record(string id, CustomerClassId? classId, CustomerId? parent) => Customer.Restore(new CustomerSnapshot
    {
        Id = CustomerId.From(id),
        Name = "Customer " + id,
        Email = "someone@example.com",
        BillingAddress = PostalAddress.Create(["1 High Street"], "London", "GB", postcode: "SW1A 1AA"),
        ParentId = parent,
        ClassId = classId,
        BillingCycle = Periods.BillingCycle.Monthly,
        BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"],
        BillingCycleAnchor = new LocalDate(2026, 1, 1),
        BalanceModel = Balances.BalanceModel.Postpaid,
        Currency = Currency.GBP,
        PaymentTermsDays = 14,
        Language = "en-GB",
        Status = BillingStatus.Active,
        Version = 0,
    });

    /// <summary>The in-memory classes, except that the <see cref="Missing"/> class's row is lost: not found, in no list.</summary>
    private sealed class LostClassRepository(ICustomerClassRepository inner) : ICustomerClassRepository
    {
        public ValueTask<CustomerClass?> FindAsync(CustomerClassId id, CancellationToken cancellationToken = default)
            => id == Missing ? ValueTask.FromResult<CustomerClass?>(null) : inner.FindAsync(id, cancellationToken);

        public async ValueTask<IReadOnlyList<CustomerClass>> ListByManagerAsync(ClassManager manager, CancellationToken cancellationToken = default)
            => [.. (await inner.ListByManagerAsync(manager, cancellationToken)).Where(c => c.Id != Missing)];

        public ValueTask<CustomerClass> AddAsync(CustomerClass aggregate, CancellationToken cancellationToken = default) => inner.AddAsync(aggregate, cancellationToken);

        public ValueTask<CustomerClass> UpdateAsync(CustomerClass aggregate, CancellationToken cancellationToken = default) => inner.UpdateAsync(aggregate, cancellationToken);

        public ValueTask DeleteAsync(CustomerClassId id, long expectedVersion, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, expectedVersion, cancellationToken);
    }
}
