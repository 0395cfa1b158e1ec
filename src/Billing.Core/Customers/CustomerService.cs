using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using System.Diagnostics.Metrics;
using Billing.Core.Ledgers;
using Billing.Core.Telemetry;
using NodaTime;

namespace Billing.Core.Customers;

/// <summary>
/// Creates customers through the host's storage: reads what the rules need (the parent's ancestors, the siblings, the class),
/// runs <see cref="CustomerFactory"/>, stores the customer and its default account, and records the opening balance (prepaid
/// funds as a top-up, a postpaid amount owed as a debit) as the first ledger entry. Customers imported from another platform
/// come through the same call (<see cref="NewCustomer.CreatedAt"/>, <see cref="NewCustomer.BillingCycleAnchor"/>).
/// </summary>
/// <remarks>
/// Thread-safe if the repositories and store are. The store enforces unique sibling names itself, so two racing creations
/// of the same name leave one customer and a <see cref="Storage.DuplicateEntityException"/>. When the default account or the
/// opening top-up is refused, the records already stored for the creation are deleted again before the exception surfaces.
/// </remarks>
public sealed class CustomerService
{
    /// <summary>
    /// The idempotency key of the opening entry in a new customer's ledger: the top-up of a prepaid customer's opening funds, or
    /// the debit of a postpaid customer's opening amount owed. Fixed, so importing the same customer again never doubles it.
    /// </summary>
    public const string OpeningFundsKey = "opening-funds";

    private readonly ICustomerRepository _customers;
    private readonly ICustomerClassRepository _classes;
    private readonly IAccountRepository _accounts;
    private readonly ILedgerStore _ledgers;
    private readonly CustomerFactory _factory;
    private readonly IClock _clock;
    private readonly BillingInstrumentation _instrumentation;

    /// <summary>Creates the service over the host's storage, measuring on the process-wide meter.</summary>
    /// <param name="customers">The customer repository.</param>
    /// <param name="classes">The customer class repository.</param>
    /// <param name="accounts">The account repository.</param>
    /// <param name="ledgers">The ledger store.</param>
    /// <param name="factory">The factory holding the host's defaults.</param>
    /// <param name="clock">The clock that dates new customers.</param>
    public CustomerService(
        ICustomerRepository customers,
        ICustomerClassRepository classes,
        IAccountRepository accounts,
        ILedgerStore ledgers,
        CustomerFactory factory,
        IClock clock)
        : this(customers, classes, accounts, ledgers, factory, clock, meterFactory: null)
    {
    }

    /// <summary>Creates the service over the host's storage, with the host's metrics (the container passes its factory when it has one).</summary>
    /// <param name="customers">The customer repository.</param>
    /// <param name="classes">The customer class repository.</param>
    /// <param name="accounts">The account repository.</param>
    /// <param name="ledgers">The ledger store.</param>
    /// <param name="factory">The factory holding the host's defaults.</param>
    /// <param name="clock">The clock that dates new customers.</param>
    /// <param name="meterFactory">Creates the <see cref="BillingTelemetry.MeterName"/> meter that counts opening balances as postings;
    /// null uses one process-wide meter.</param>
    public CustomerService(
        ICustomerRepository customers,
        ICustomerClassRepository classes,
        IAccountRepository accounts,
        ILedgerStore ledgers,
        CustomerFactory factory,
        IClock clock,
        IMeterFactory? meterFactory = null)
    {
        _customers = Guard.NotNull(customers);
        _classes = Guard.NotNull(classes);
        _accounts = Guard.NotNull(accounts);
        _ledgers = Guard.NotNull(ledgers);
        _factory = Guard.NotNull(factory);
        _clock = Guard.NotNull(clock);
        _instrumentation = BillingInstrumentation.For(meterFactory);
    }

    /// <summary>Creates and stores a root customer (the platform owner, never billed itself).</summary>
    /// <param name="request">The request; without a parent.</param>
    /// <param name="cancellationToken">Cancels the operation before it writes.</param>
    /// <returns>The stored root.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="BillingRuleException">A value breaks a rule.</exception>
    /// <exception cref="Storage.DuplicateEntityException">The id or the (normalised) name is taken.</exception>
    public async ValueTask<Customer> CreateRootAsync(NewCustomer request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var roots = await _customers.ListChildrenAsync(null, cancellationToken).ConfigureAwait(false);
        var root = _factory.CreateRoot(request, CustomerHierarchy.From(roots, _factory.MaxHierarchyDepth), _clock.GetCurrentInstant());
        return await _customers.AddAsync(root, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates and stores a customer below a parent, with its default account and any opening balance. The clock gives the
    /// current instant; an imported customer's creation instant and anchor come from the request and may not lie after it. The
    /// opening entry is dated now, under <see cref="OpeningFundsKey"/>.
    /// </summary>
    /// <param name="request">The request; <see cref="NewCustomer.ParentId"/> is required.</param>
    /// <param name="classId">The customer class to assign, or null.</param>
    /// <param name="cancellationToken">Cancels the operation before it writes.</param>
    /// <returns>The stored customer, its default account and the opening balance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="BillingRuleException">A value breaks a rule, the parent or class does not exist, the name duplicates a sibling's, or the customer's ledger already holds a different opening entry.</exception>
    /// <exception cref="Storage.DuplicateEntityException">An id or unique key is taken (for example by a concurrent creation).</exception>
    public async ValueTask<CustomerCreation> CreateAsync(NewCustomer request, CustomerClassId? classId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Guard.Rule(request.ParentId is not null, "Customer.ParentId", null, "a customer below the root needs a parent; create roots with CreateRootAsync");
        var parentId = request.ParentId.Value;

        // The rules need the parent's chain up to its root (depth, class managers) and its children (duplicate names).
        var ancestry = new List<Customer>();
        Guard.Rule(
            await CustomerAncestry.ReadAsync(_customers, parentId, ancestry, cancellationToken).ConfigureAwait(false),
            "Customer.ParentId",
            parentId.Value,
            "no such customer");
        var known = ancestry.ToDictionary(c => c.Id);
        foreach (var sibling in await _customers.ListChildrenAsync(parentId, cancellationToken).ConfigureAwait(false))
        {
            known.TryAdd(sibling.Id, sibling);
        }

        CustomerClass? customerClass = null;
        if (classId is { } cid)
        {
            customerClass = await _classes.FindAsync(cid, cancellationToken).ConfigureAwait(false);
            Guard.Rule(customerClass is not null, "Customer.ClassId", cid.Value, "no such customer class");
        }

        var now = _clock.GetCurrentInstant();
        var creation = _factory.Create(request, CustomerHierarchy.From(known.Values, _factory.MaxHierarchyDepth), customerClass, now);
        var customer = await _customers.AddAsync(creation.Customer, cancellationToken).ConfigureAwait(false);
        Account? account = null;
        try
        {
            account = await _accounts.AddAsync(creation.DefaultAccount, cancellationToken).ConfigureAwait(false);
            if (creation.OpeningEntry(now) is { } opening)
            {
                // The fixed key makes a repeated import (after a failure that undid the customer but not its ledger) write nothing new.
                var written = await _instrumentation.AppendAsync(_ledgers, LedgerOwner.ForCustomer(customer.Id), customer.Currency, opening, rates: null, cancellationToken)
                    .ConfigureAwait(false);
                Guard.Rule(
                    !written.IsReplay || (written.Transaction.Kind == opening.Kind && written.Transaction.Amount == opening.Amount),
                    "Customer.OpeningBalance",
                    opening.Amount,
                    $"the customer's ledger already holds a different opening entry ({written.Transaction})");
            }
        }
        catch
        {
            // A refused default account (for example a taken id) or top-up must not leave a half-created customer behind.
            await UndoAsync(customer, account).ConfigureAwait(false);
            throw;
        }

        return creation.Stored(customer, account);
    }

    /// <summary>Deletes what a failed creation stored; a record somebody changed meanwhile is left to them.</summary>
    private async ValueTask UndoAsync(Customer customer, Account? account)
    {
        try
        {
            if (account is not null)
            {
                await _accounts.DeleteAsync(account.Id, account.Version, CancellationToken.None).ConfigureAwait(false);
            }

            await _customers.DeleteAsync(customer.Id, customer.Version, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Storage.ConcurrencyConflictException)
        {
        }
    }
}
