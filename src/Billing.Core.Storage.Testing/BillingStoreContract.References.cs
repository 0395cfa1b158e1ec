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

        Func<Task> add;
        Func<Task<bool>> stored;
        switch (field)
        {
            case "Customer.ParentId":
                var orphan = CustomerRecord("CUST-RW2", "Orphan", CustomerId.From(Gone));
                (add, stored) = (async () => await store.Customers.AddAsync(orphan), async () => await store.Customers.FindAsync(orphan.Id) is not null);
                break;
            case "Customer.ClassId":
                var classless = Customer.Restore(CustomerRecord("CUST-RW2", "Classless", root.Id).ToSnapshot() with { ClassId = CustomerClassId.From(Gone) });
                (add, stored) = (async () => await store.Customers.AddAsync(classless), async () => await store.Customers.FindAsync(classless.Id) is not null);
                break;
            case "Account.OwnerId":
                var account = Account.Create(AccountId.From("ACC-RW01"), absentCustomer, "Account");
                (add, stored) = (async () => await store.Accounts.AddAsync(account), async () => await store.Accounts.FindAsync(account.Id) is not null);
                break;
            case "Number.OwnerId":
                var ownerless = Number.Create(NumberId.From("NUM-RW01"), absentCustomer, "01632 960311", "UK-GEO", BeforeCurrentPeriod, numbering: DramaAllowed);
                (add, stored) = (async () => await store.Numbers.AddAsync(ownerless), async () => await store.Numbers.FindAsync(ownerless.Id) is not null);
                break;
            case "Number.AccountId":
                var notStoredAccount = Account.Create(AccountId.From(Gone), owner, "Not stored");
                var number = Number.Create(NumberId.From("NUM-RW02"), owner, "01632 960312", "UK-GEO", BeforeCurrentPeriod, account: notStoredAccount, numbering: DramaAllowed);
                (add, stored) = (async () => await store.Numbers.AddAsync(number), async () => await store.Numbers.FindAsync(number.Id) is not null);
                break;
            case "Service.OwnerId":
                var service = Service.Create(ServiceId.From("SVC-RW01"), absentCustomer, "support", "Support", BeforeCurrentPeriod);
                (add, stored) = (async () => await store.Services.AddAsync(service), async () => await store.Services.FindAsync(service.Id) is not null);
                break;
            default:
                var invoice = InvoiceRecord("INV-RW01", CustomerId.From(Gone), Month(2026, 2), 10m);
                (add, stored) = (async () => await store.Invoices.AddAsync(invoice), async () => await store.Invoices.FindAsync(invoice.Id) is not null);
                break;
        }

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
}
