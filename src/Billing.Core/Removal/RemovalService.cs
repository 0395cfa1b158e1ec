using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using Billing.Core.Services;
using Billing.Core.Storage;
using NodaTime;

namespace Billing.Core.Removal;

/// <summary>
/// Deletes customers, accounts, numbers and services through the host's storage, applying the removal rule first
/// (docs/domain-model.md, "Removal"): nothing that holds money or may still be billed is deleted, and ledgers are never deleted.
/// </summary>
/// <remarks>
/// <para>The rule: a number or service may be deleted once no day of it can still be billed — it has not started yet, or its last
/// day lies before its owner's current billing period. An account may be deleted when its balance is zero, no number uses it and
/// none of its custom charges can still be billed. A customer may be deleted when it has no sub-customers, its own balance is
/// zero and every one of its accounts, numbers and services may be deleted; deleting it deletes them too, numbers and services
/// first, then accounts, then the customer. A customer that may not be deleted can still be closed.</para>
/// <para>Every delete carries the version read when the rule was checked, so a change made meanwhile makes it fail with
/// <see cref="ConcurrencyConflictException"/>; the store refuses to delete what others still refer to
/// (<see cref="ReferencedEntityException"/>), so a sub-customer or account added meanwhile stops the customer's delete. Each
/// delete is complete on its own: a customer removal interrupted halfway leaves the customer with fewer numbers, services or
/// accounts, each of which was removable, and running it again finishes it. Ledgers stay, so the books stay whole.</para>
/// <para>Thread-safe if the repositories and store are.</para>
/// </remarks>
public sealed class RemovalService
{
    private readonly ICustomerRepository _customers;
    private readonly IAccountRepository _accounts;
    private readonly INumberRepository _numbers;
    private readonly IServiceRepository _services;
    private readonly ILedgerStore _ledgers;
    private readonly IClock _clock;

    /// <summary>Creates the service over the host's storage.</summary>
    /// <param name="customers">The customer repository.</param>
    /// <param name="accounts">The account repository.</param>
    /// <param name="numbers">The number repository.</param>
    /// <param name="services">The service repository.</param>
    /// <param name="ledgers">The ledger store, for balances.</param>
    /// <param name="clock">The clock that says which billing period is current.</param>
    public RemovalService(
        ICustomerRepository customers,
        IAccountRepository accounts,
        INumberRepository numbers,
        IServiceRepository services,
        ILedgerStore ledgers,
        IClock clock)
    {
        _customers = Guard.NotNull(customers);
        _accounts = Guard.NotNull(accounts);
        _numbers = Guard.NotNull(numbers);
        _services = Guard.NotNull(services);
        _ledgers = Guard.NotNull(ledgers);
        _clock = Guard.NotNull(clock);
    }

    /// <summary>Whether a customer may be deleted now or only closed, and why.</summary>
    /// <param name="id">The customer.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The decision, with every reason that stands in the way.</returns>
    /// <exception cref="BillingRuleException">The customer does not exist.</exception>
    public async ValueTask<CustomerRemovalDecision> DecideCustomerRemovalAsync(CustomerId id, CancellationToken cancellationToken = default)
        => (await ReadCustomerAsync(id, cancellationToken).ConfigureAwait(false)).Decision;

    /// <summary>Deletes a customer with its accounts, numbers and services, when the removal rule allows it.</summary>
    /// <param name="id">The customer.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the operation between deletes.</param>
    /// <returns>A task that completes when the customer is deleted.</returns>
    /// <exception cref="BillingRuleException">The customer does not exist, or may only be closed (the message lists why).</exception>
    /// <exception cref="ConcurrencyConflictException">The customer or one of its parts changed since it was read.</exception>
    /// <exception cref="ReferencedEntityException">Something that refers to the customer or an account was added meanwhile.</exception>
    public async ValueTask RemoveCustomerAsync(CustomerId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var read = await ReadCustomerAsync(id, cancellationToken).ConfigureAwait(false);
        EnsureVersion("Customer", id.Value, expectedVersion, read.Customer.Version);
        Guard.Rule(read.Decision.CanDelete, "Customer", id.Value, $"it can only be closed: {string.Join("; ", read.Decision.Reasons)}");
        foreach (var number in read.Numbers)
        {
            await _numbers.DeleteAsync(number.Id, number.Version, cancellationToken).ConfigureAwait(false);
        }

        foreach (var service in read.Services)
        {
            await _services.DeleteAsync(service.Id, service.Version, cancellationToken).ConfigureAwait(false);
        }

        foreach (var account in read.Accounts)
        {
            await _accounts.DeleteAsync(account.Id, account.Version, cancellationToken).ConfigureAwait(false);
        }

        await _customers.DeleteAsync(id, expectedVersion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an account when its balance is zero, no number uses it and none of its custom charges can still be billed.</summary>
    /// <param name="id">The account.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the operation before it deletes.</param>
    /// <returns>A task that completes when the account is deleted.</returns>
    /// <exception cref="BillingRuleException">The account or its customer does not exist, or the rule refuses (the message says why).</exception>
    /// <exception cref="ConcurrencyConflictException">The account changed since it was read.</exception>
    /// <exception cref="ReferencedEntityException">A number that uses the account was added meanwhile.</exception>
    public async ValueTask RemoveAccountAsync(AccountId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var account = await _accounts.FindAsync(id, cancellationToken).ConfigureAwait(false);
        Guard.Rule(account is not null, "AccountId", id.Value, "no such account");
        EnsureVersion("Account", id.Value, expectedVersion, account.Version);
        var owner = await OwnerAsync(account.OwnerId, cancellationToken).ConfigureAwait(false);
        var (periodStart, today) = Today(owner);
        var numbers = (await _numbers.ListByOwnerAsync(owner.Id, cancellationToken).ConfigureAwait(false)).Where(n => n.AccountId == id).ToArray();
        var reasons = await AccountReasonsAsync(account, periodStart, today, cancellationToken).ConfigureAwait(false);
        if (numbers.Length > 0)
        {
            reasons.Add($"numbers {string.Join(", ", numbers.Select(n => n.Id.Value))} use it");
        }

        Guard.Rule(reasons.Count == 0, "Account", id.Value, $"it cannot be deleted: {string.Join("; ", reasons)}");
        await _accounts.DeleteAsync(id, expectedVersion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a number once no day of it can still be billed.</summary>
    /// <param name="id">The number.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the operation before it deletes.</param>
    /// <returns>A task that completes when the number is deleted.</returns>
    /// <exception cref="BillingRuleException">The number or its customer does not exist, or it may still be billed.</exception>
    /// <exception cref="ConcurrencyConflictException">The number changed since it was read.</exception>
    public async ValueTask RemoveNumberAsync(NumberId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var number = await _numbers.FindAsync(id, cancellationToken).ConfigureAwait(false);
        Guard.Rule(number is not null, "NumberId", id.Value, "no such number");
        EnsureVersion("Number", id.Value, expectedVersion, number.Version);
        var (periodStart, today) = Today(await OwnerAsync(number.OwnerId, cancellationToken).ConfigureAwait(false));
        Guard.Rule(
            RemovalRules.IsSettled(number.DateSold, number.DateCeased, periodStart, today),
            "Number",
            id.Value,
            $"it may still be billed: cease it before the current billing period (which started {periodStart}) first");
        await _numbers.DeleteAsync(id, expectedVersion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a service once no day of it can still be billed.</summary>
    /// <param name="id">The service.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the operation before it deletes.</param>
    /// <returns>A task that completes when the service is deleted.</returns>
    /// <exception cref="BillingRuleException">The service or its customer does not exist, or it may still be billed.</exception>
    /// <exception cref="ConcurrencyConflictException">The service changed since it was read.</exception>
    public async ValueTask RemoveServiceAsync(ServiceId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var service = await _services.FindAsync(id, cancellationToken).ConfigureAwait(false);
        Guard.Rule(service is not null, "ServiceId", id.Value, "no such service");
        EnsureVersion("Service", id.Value, expectedVersion, service.Version);
        var (periodStart, today) = Today(await OwnerAsync(service.OwnerId, cancellationToken).ConfigureAwait(false));
        Guard.Rule(
            RemovalRules.IsSettled(service.StartDate, service.EndDate, periodStart, today),
            "Service",
            id.Value,
            $"it may still be billed: end it before the current billing period (which started {periodStart}) first");
        await _services.DeleteAsync(id, expectedVersion, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<CustomerRead> ReadCustomerAsync(CustomerId id, CancellationToken cancellationToken)
    {
        var customer = await OwnerAsync(id, cancellationToken).ConfigureAwait(false);
        var (periodStart, today) = Today(customer);
        var children = await _customers.ListChildrenAsync(id, cancellationToken).ConfigureAwait(false);
        var accounts = await _accounts.ListByOwnerAsync(id, cancellationToken).ConfigureAwait(false);
        var numbers = await _numbers.ListByOwnerAsync(id, cancellationToken).ConfigureAwait(false);
        var services = await _services.ListByOwnerAsync(id, cancellationToken).ConfigureAwait(false);
        var more = new List<string>();
        var accountBalances = new List<Money>();
        foreach (var account in accounts)
        {
            accountBalances.Add((await BalanceAsync(LedgerOwner.ForAccount(account.Id), account.BalanceModel, account.Currency, cancellationToken).ConfigureAwait(false)).Amount);
            more.AddRange(RemovalRules.Unsettled(account.Features, periodStart, today).Select(f => $"account {account.Id}'s {f} may still be billed"));
        }

        more.AddRange(numbers.Where(n => !RemovalRules.IsSettled(n.DateSold, n.DateCeased, periodStart, today)).Select(n => $"number {n.Id} may still be billed"));
        more.AddRange(services.Where(s => !RemovalRules.IsSettled(s.StartDate, s.EndDate, periodStart, today)).Select(s => $"service {s.Id} may still be billed"));
        var balance = (await BalanceAsync(LedgerOwner.ForCustomer(id), customer.BalanceModel, customer.Currency, cancellationToken).ConfigureAwait(false)).Amount;
        var decision = CustomerRemovalDecision.Decide(id, children.Count, balance, accountBalances, more);
        return new CustomerRead(customer, decision, accounts, numbers, services);
    }

    private async ValueTask<List<string>> AccountReasonsAsync(Account account, LocalDate periodStart, LocalDate today, CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        var balance = await BalanceAsync(LedgerOwner.ForAccount(account.Id), account.BalanceModel, account.Currency, cancellationToken).ConfigureAwait(false);
        if (!balance.IsZero)
        {
            reasons.Add($"its balance is {balance}, not zero");
        }

        reasons.AddRange(RemovalRules.Unsettled(account.Features, periodStart, today).Select(f => $"its {f} may still be billed"));
        return reasons;
    }

    private async ValueTask<Balances.Balance> BalanceAsync(LedgerOwner owner, Balances.BalanceModel model, Currency currency, CancellationToken cancellationToken)
        => await _ledgers.GetHeadAsync(owner, cancellationToken).ConfigureAwait(false) is { } head ? head.BalanceFor(model) : new Balances.Balance(model, Money.Zero(currency));

    private async ValueTask<Customer> OwnerAsync(CustomerId id, CancellationToken cancellationToken)
    {
        var customer = await _customers.FindAsync(id, cancellationToken).ConfigureAwait(false);
        Guard.Rule(customer is not null, "CustomerId", id.Value, "no such customer");
        return customer;
    }

    /// <summary>The first day of the customer's current billing period (from its <see cref="Customer.Schedule"/>), and today, in its billing time zone.</summary>
    private (LocalDate PeriodStart, LocalDate Today) Today(Customer customer)
    {
        // The customer's schedule: after a change of cycle or zone, today is read in the zone of the period in force.
        var now = _clock.GetCurrentInstant();
        var schedule = customer.Schedule;
        if (now < schedule.OpensAt(schedule.First))
        {
            return (customer.BillingCycleAnchor, now.InZone(customer.BillingTimeZone).Date);
        }

        var period = schedule.PeriodContaining(now);
        return (period.Start, now.InZone(schedule.CalendarOn(period.Start).Zone).Date);
    }

    private static void EnsureVersion(string entityType, string id, long expected, long actual)
    {
        if (expected != actual)
        {
            throw new ConcurrencyConflictException(entityType, id, expected, actual);
        }
    }

    private sealed record CustomerRead(
        Customer Customer,
        CustomerRemovalDecision Decision,
        IReadOnlyList<Account> Accounts,
        IReadOnlyList<Number> Numbers,
        IReadOnlyList<Service> Services);
}
