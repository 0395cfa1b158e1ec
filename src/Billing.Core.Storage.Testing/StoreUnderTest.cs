using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.BillingRuns;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Invoicing;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Payments;
using Billing.Core.Removal;
using Billing.Core.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Core.Storage.Testing;

/// <summary>A container with a fresh store, the services the contract tests use, and builders for test data.</summary>
public sealed class StoreUnderTest : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly AsyncServiceScope _scope;
    private int _sequence;

    internal StoreUnderTest(ServiceProvider provider)
    {
        _provider = provider;
        _scope = provider.CreateAsyncScope();
        var services = _scope.ServiceProvider;
        Customers = services.GetRequiredService<ICustomerRepository>();
        Classes = services.GetRequiredService<ICustomerClassRepository>();
        Accounts = services.GetRequiredService<IAccountRepository>();
        Numbers = services.GetRequiredService<INumberRepository>();
        Services = services.GetRequiredService<IServiceRepository>();
        Ledgers = services.GetRequiredService<ILedgerStore>();
        Invoices = services.GetRequiredService<IInvoiceRepository>();
        Directory = services.GetRequiredService<CustomerDirectory>();
        CustomerService = services.GetRequiredService<CustomerService>();
        Charges = services.GetRequiredService<ChargeService>();
        Removal = services.GetRequiredService<RemovalService>();
        BillingRun = services.GetRequiredService<BillingRun>();
        Payments = services.GetRequiredService<InvoicePayments>();
    }

    /// <summary>The customer repository under test.</summary>
    public ICustomerRepository Customers { get; }

    /// <summary>The customer class repository under test.</summary>
    public ICustomerClassRepository Classes { get; }

    /// <summary>The account repository under test.</summary>
    public IAccountRepository Accounts { get; }

    /// <summary>The number repository under test.</summary>
    public INumberRepository Numbers { get; }

    /// <summary>The service repository under test.</summary>
    public IServiceRepository Services { get; }

    /// <summary>The invoice repository under test.</summary>
    public IInvoiceRepository Invoices { get; }

    /// <summary>The ledger store under test.</summary>
    public ILedgerStore Ledgers { get; }

    /// <summary>The visibility-scoped reader over the store.</summary>
    public CustomerDirectory Directory { get; }

    /// <summary>Customer creation over the store.</summary>
    public CustomerService CustomerService { get; }

    /// <summary>Charging over the store.</summary>
    public ChargeService Charges { get; }

    /// <summary>Removal over the store.</summary>
    public RemovalService Removal { get; }

    /// <summary>The billing run over the store.</summary>
    public BillingRun BillingRun { get; }

    /// <summary>Payments against invoices over the store.</summary>
    public InvoicePayments Payments { get; }

    /// <summary>A second scope's charge service, as a separate request of the host would get it.</summary>
    /// <returns>A charge service resolved from a new scope (disposed with this object's provider).</returns>
    public ChargeService ChargesInNewScope() => _provider.CreateScope().ServiceProvider.GetRequiredService<ChargeService>();

    /// <summary>A billing address valid for every test customer.</summary>
    public static PostalAddress Address { get; } = PostalAddress.Create(["1 High Street"], "London", "GB", postcode: "SW1A 1AA");

    /// <summary>Creates and stores the root (platform owner).</summary>
    /// <param name="name">Its name.</param>
    /// <returns>The stored root.</returns>
    public ValueTask<Customer> CreateRootAsync(string name = "Platform Owner")
        => CustomerService.CreateRootAsync(new NewCustomer { Name = name, Email = "owner@example.com", BillingAddress = Address });

    /// <summary>Creates and stores a customer (with its default account) below <paramref name="parent"/>.</summary>
    /// <param name="parent">The parent.</param>
    /// <param name="name">A name; a unique one is made up when null.</param>
    /// <param name="model">Prepaid or postpaid.</param>
    /// <param name="creditLimit">Postpaid only: the limit, or null for none.</param>
    /// <param name="openingFunds">Prepaid only: opening funds, or null.</param>
    /// <returns>The creation (customer, default account, opening funds).</returns>
    public ValueTask<CustomerCreation> CreateCustomerAsync(
        Customer parent,
        string? name = null,
        BalanceModel model = BalanceModel.Postpaid,
        decimal? creditLimit = null,
        decimal? openingFunds = null)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var n = Interlocked.Increment(ref _sequence);
        return CustomerService.CreateAsync(new NewCustomer
        {
            Name = name ?? $"Customer {n}",
            Email = $"customer{n}@example.com",
            BillingAddress = Address,
            ParentId = parent.Id,
            BalanceModel = model,
            CreditLimit = creditLimit is { } limit ? new Money(limit, Currency.GBP) : null,
            OpeningFunds = openingFunds is { } funds ? new Money(funds, Currency.GBP) : null,
            Currency = Currency.GBP,
        });
    }

    /// <summary>Creates and stores an extra account of a customer with its own balance model.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="model">The account's balance model.</param>
    /// <param name="creditLimit">Postpaid only: its limit, or null.</param>
    /// <param name="alias">An alias, or null.</param>
    /// <returns>The stored account.</returns>
    public ValueTask<Account> CreateAccountAsync(Customer owner, BalanceModel model, decimal? creditLimit = null, string? alias = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var n = Interlocked.Increment(ref _sequence);
        var limit = creditLimit is { } l ? Money.Of(l, owner.Currency.Code) : (Money?)null;
        return Accounts.AddAsync(Account.Create(AccountId.From($"ACC-{n}"), owner, $"Account {n}", alias, balanceModel: model, creditLimit: limit));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync().ConfigureAwait(false);
        await _provider.DisposeAsync().ConfigureAwait(false);
    }
}
