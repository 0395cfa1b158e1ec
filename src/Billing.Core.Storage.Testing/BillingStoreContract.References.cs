using Billing.Core.Accounts;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Numbers;
using Billing.Core.Services;
using Xunit;

namespace Billing.Core.Storage.Testing;

// References on write: a store refuses to add or update an aggregate that refers to an entity it does not hold, as a database's
// foreign keys would, with the BillingRuleException of the referring field; nothing is written (docs/storage.md, "References").
public abstract partial class BillingStoreContract
{
    private const string Gone = "GONE-01";

    /// <summary>Every field by which an aggregate refers to another stored entity.</summary>
    public static TheoryData<string> ReferringFields => new()
    {
        "Customer.ParentId", "Customer.ClassId", "Account.OwnerId", "Number.OwnerId", "Number.AccountId", "Service.OwnerId", "Invoice.CustomerId",
    };

    /// <summary>Adding an aggregate that refers to an entity the store does not hold throws the field's rule error and stores
    /// nothing.</summary>
    /// <param name="field">The referring field.</param>
    [Theory]
    [MemberData(nameof(ReferringFields))]
    public async Task Add_ReferenceToWhatIsNotStored_IsRefusedNamingTheFieldAndStoresNothing(string field)
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-RW");
        var owner = await store.Customers.AddAsync(CustomerRecord("CUST-RW", "Owner", root.Id));
        var absentCustomer = CustomerRecord(Gone, "Not stored", root.Id);

        var (add, stored) = field switch
        {
            "Customer.ParentId" => Adding(store.Customers, CustomerRecord("CUST-RW2", "Orphan", CustomerId.From(Gone)), c => c.Id),
            "Customer.ClassId" => Adding(
                store.Customers, Customer.Restore(CustomerRecord("CUST-RW2", "Classless", root.Id).ToSnapshot() with { ClassId = CustomerClassId.From(Gone) }), c => c.Id),
            "Account.OwnerId" => Adding(store.Accounts, Account.Create(AccountId.From("ACC-RW01"), absentCustomer, "Account"), a => a.Id),
            "Number.OwnerId" => Adding(
                store.Numbers, Number.Create(NumberId.From("NUM-RW01"), absentCustomer, "01632 960311", "UK-GEO", BeforeCurrentPeriod, numbering: DramaAllowed), n => n.Id),
            "Number.AccountId" => Adding(
                store.Numbers,
                Number.Create(NumberId.From("NUM-RW02"), owner, "01632 960312", "UK-GEO", BeforeCurrentPeriod, account: Account.Create(AccountId.From(Gone), owner, "Not stored"), numbering: DramaAllowed),
                n => n.Id),
            "Service.OwnerId" => Adding(store.Services, Service.Create(ServiceId.From("SVC-RW01"), absentCustomer, "support", "Support", BeforeCurrentPeriod), s => s.Id),
            _ => Adding(store.Invoices, InvoiceRecord("INV-RW01", CustomerId.From(Gone), Month(2026, 2), 10m), i => i.Id),
        };

        var refused = await Assert.ThrowsAsync<BillingRuleException>(add);

        Assert.Equal(field, refused.Field);
        Assert.Equal(Gone, refused.Value);
        Assert.False(await stored(), "a refused add stores nothing");
    }

    /// <summary>Changing a stored aggregate to refer to an entity the store does not hold throws the field's rule error and keeps
    /// the stored version.</summary>
    /// <param name="field">The referring field.</param>
    [Theory]
    [InlineData("Customer.ParentId")]
    [InlineData("Customer.ClassId")]
    [InlineData("Number.AccountId")]
    public async Task Update_ReferenceToWhatIsNotStored_IsRefusedNamingTheFieldAndChangesNothing(string field)
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-RU");
        var customer = await store.Customers.AddAsync(CustomerRecord("CUST-RU", "Customer", root.Id));
        var number = await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-RU01"), customer, "01632 960313", "UK-GEO", BeforeCurrentPeriod, numbering: DramaAllowed));

        Func<Task> update = field switch
        {
            "Customer.ParentId" => async () => await store.Customers.UpdateAsync(Customer.Restore(customer.ToSnapshot() with { ParentId = CustomerId.From(Gone) })),
            "Customer.ClassId" => async () => await store.Customers.UpdateAsync(Customer.Restore(customer.ToSnapshot() with { ClassId = CustomerClassId.From(Gone) })),
            _ => async () => await store.Numbers.UpdateAsync(Number.Restore(number.ToSnapshot() with { AccountId = AccountId.From(Gone) })),
        };

        var refused = await Assert.ThrowsAsync<BillingRuleException>(update);

        Assert.Equal(field, refused.Field);
        Assert.Equal(Gone, refused.Value);
        var storedCustomer = await store.Customers.FindAsync(customer.Id);
        Assert.Equal((1L, root.Id, null), (storedCustomer!.Version, storedCustomer.ParentId, storedCustomer.ClassId));
        var storedNumber = await store.Numbers.FindAsync(number.Id);
        Assert.Equal((1L, null), (storedNumber!.Version, storedNumber.AccountId));
    }

    /// <summary>Adding <paramref name="aggregate"/> to <paramref name="repository"/>, and whether it is stored afterwards.</summary>
    private static (Func<Task> Add, Func<Task<bool>> Stored) Adding<TAggregate, TId>(IRepository<TAggregate, TId> repository, TAggregate aggregate, Func<TAggregate, TId> idOf)
        where TAggregate : class
        where TId : struct
        => (async () => await repository.AddAsync(aggregate), async () => await repository.FindAsync(idOf(aggregate)) is not null);
}
