using System.Collections.Immutable;
using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using NodaTime;

namespace Billing.Core.Customers;

/// <summary>
/// Creates customers as one domain operation (see docs/domain-model.md): applies the host's defaults, then the class's
/// settings, then the caller's explicit values; refuses a duplicate name among siblings; checks the class
/// rules; returns the default account and the opening funds to record. Pure: no clock, no storage.
/// </summary>
/// <remarks>Thread-safe; holds only the validated defaults.</remarks>
public sealed class CustomerFactory
{
    private static readonly LocalDate EarliestImportedAnchor = new(1900, 1, 1);
    private static readonly Instant EarliestImportedInstant = Instant.FromUtc(1900, 1, 1, 0, 0);

    private readonly CustomerCreationOptions.ValidatedDefaults _defaults;

    /// <summary>Creates a factory with the host's defaults.</summary>
    /// <param name="options">The defaults; validated and copied, so later changes to the object have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message lists every problem.</exception>
    public CustomerFactory(CustomerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _defaults = options.Validate();
    }

    /// <summary>The depth limit applied to new customers.</summary>
    public int MaxHierarchyDepth => _defaults.MaxHierarchyDepth;

    /// <summary>
    /// Creates a root customer (the platform owner): no parent, no class, no credit limit or opening funds,
    /// since a root is never billed. Its name must differ (normalised) from the other roots'.
    /// </summary>
    /// <param name="request">The request; <see cref="NewCustomer.ParentId"/> must be null.</param>
    /// <param name="hierarchy">The existing customers (for the id and duplicate-name checks).</param>
    /// <param name="now">The current instant: the creation instant unless the request imports an earlier one (<see cref="NewCustomer.CreatedAt"/>); its date in the billing zone is the anchor unless the request gives one.</param>
    /// <returns>The root customer.</returns>
    /// <exception cref="ArgumentNullException">An argument, or a required request value, is null.</exception>
    /// <exception cref="ArgumentException">A request value is <c>default</c> (an id, the currency).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The date of <paramref name="now"/> in the billing zone is outside the supported anchors
    /// (<see cref="BillingCalendar.MinAnchor"/> to <see cref="BillingCalendar.MaxAnchor"/>).</exception>
    /// <exception cref="BillingRuleException">A value breaks a rule (including an imported creation instant or anchor in the future or before 1900).</exception>
    public Customer CreateRoot(NewCustomer request, CustomerHierarchy hierarchy, Instant now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(hierarchy);
        CheckRequest(request);
        Guard.Rule(request.ParentId is null, "Customer.Parent", request.ParentId?.Value, "a root has no parent; use Create for a sub-customer");
        Guard.Rule(request.CreditLimit is null, "Customer.CreditLimit", request.CreditLimit, "a root is never billed and has no credit limit");
        Guard.Rule(request.OpeningFunds is null, "Customer.OpeningFunds", request.OpeningFunds, "a root is never billed and has no opening funds");
        Guard.Rule(request.OpeningAmountOwed is null, "Customer.OpeningAmountOwed", request.OpeningAmountOwed, "a root is never billed and owes nothing");
        Guard.Rule(request.CustomData is null || request.CustomData.Count == 0, "Customer.CustomData", null, "a root takes no class, so no custom data");
        var id = NewId(request, hierarchy);
        var currency = request.Currency ?? _defaults.Currency;
        Guard.Rule(currency is not null, "Customer.Currency", null, "no currency given and the host configured no default");
        Customer.EnsureNameFree(Guard.NotNull(request.Name), null, null, hierarchy.Roots);
        return Build(request, id, currency.Value, null, null, null, ImmutableDictionary<string, CustomFieldValue>.Empty, now);
    }

    /// <summary>Creates a customer below a parent, with its default account and opening funds.</summary>
    /// <param name="request">The request; <see cref="NewCustomer.ParentId"/> is required.</param>
    /// <param name="hierarchy">A hierarchy holding the parent, its ancestors and its children (the siblings the name is checked against).</param>
    /// <param name="customerClass">The class to assign, or null.</param>
    /// <param name="now">The current instant: the creation instant unless the request imports an earlier one (<see cref="NewCustomer.CreatedAt"/>); its date in the billing zone is the anchor unless the request gives one.</param>
    /// <returns>The customer, its default account and the opening balance.</returns>
    /// <exception cref="ArgumentNullException">An argument, or a required request value, is null.</exception>
    /// <exception cref="ArgumentException">A request value is <c>default</c> (an id, the currency).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The date of <paramref name="now"/> in the billing zone is outside the supported anchors
    /// (<see cref="BillingCalendar.MinAnchor"/> to <see cref="BillingCalendar.MaxAnchor"/>).</exception>
    /// <exception cref="BillingRuleException">A value breaks a rule: unknown or closed parent, depth limit, duplicate name, class rules, credit limit or opening balance that do not fit the balance model, an imported creation instant or anchor in the future or before 1900, …</exception>
    public CustomerCreation Create(NewCustomer request, CustomerHierarchy hierarchy, CustomerClass? customerClass, Instant now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(hierarchy);
        CheckRequest(request);
        Guard.Rule(request.ParentId is not null, "Customer.Parent", null, "a sub-customer needs a parent; use CreateRoot for a root");
        var parentId = request.ParentId.Value;
        Guard.Rule(hierarchy.TryGet(parentId, out var parent), "Customer.Parent", parentId.Value, "no such customer in the hierarchy");
        Guard.Rule(parent.Status != BillingStatus.Closed, "Customer.Parent", parentId.Value, "a closed customer cannot take sub-customers");
        var depth = hierarchy.DepthOf(parentId) + 1;
        Guard.Rule(depth <= _defaults.MaxHierarchyDepth, "Customer.Parent", parentId.Value, $"the customer would be {depth} levels below the root; the limit is {_defaults.MaxHierarchyDepth}");
        var id = NewId(request, hierarchy);

        // Defaults first, then the class, then explicit values.
        var currency = request.Currency ?? customerClass?.Currency ?? _defaults.Currency;
        Guard.Rule(currency is not null, "Customer.Currency", null, "no currency given, the class has none and the host configured no default");
        var customData = ImmutableDictionary<string, CustomFieldValue>.Empty;
        if (customerClass is null)
        {
            Guard.Rule(request.CustomData is null || request.CustomData.Count == 0, "Customer.CustomData", null, "custom data needs a class that defines its fields");
        }
        else
        {
            customerClass.EnsureAssignable(parentId, currency.Value, hierarchy);
            customData = customerClass.CheckCustomData(request.CustomData);
        }

        Customer.EnsureNameFree(Guard.NotNull(request.Name), parentId, null, hierarchy.ChildrenOf(parentId));
        var customer = Build(request, id, currency.Value, parentId, customerClass?.Id, request.CreditLimit, customData, now);

        var funds = InCurrency(request.OpeningFunds, customer.Currency, "Customer.OpeningFunds") ?? Money.Zero(customer.Currency);
        Guard.Rule(request.OpeningFunds is null || customer.BalanceModel == BalanceModel.Prepaid, "Customer.OpeningFunds", request.OpeningFunds, $"opening funds apply only to prepaid customers; customer {id} is postpaid");
        Guard.Rule(!funds.IsNegative, "Customer.OpeningFunds", funds, "must not be negative");
        var owed = InCurrency(request.OpeningAmountOwed, customer.Currency, "Customer.OpeningAmountOwed") ?? Money.Zero(customer.Currency);
        Guard.Rule(request.OpeningAmountOwed is null || customer.BalanceModel == BalanceModel.Postpaid, "Customer.OpeningAmountOwed", request.OpeningAmountOwed, $"an opening amount owed applies only to postpaid customers; customer {id} is prepaid");
        Guard.Rule(!owed.IsNegative, "Customer.OpeningAmountOwed", owed, "must not be negative (give a postpaid customer's credit as a ledger credit)");

        var accountId = request.DefaultAccountId ?? AccountId.New();
        var account = Account.Create(accountId, customer, request.DefaultAccountName ?? "Default");
        return new CustomerCreation(customer, account, funds, owed);
    }

    private Customer Build(NewCustomer request, CustomerId id, Currency currency, CustomerId? parentId, CustomerClassId? classId, Money? creditLimit, ImmutableDictionary<string, CustomFieldValue> customData, Instant now)
    {
        var zone = request.BillingTimeZone is null ? _defaults.BillingTimeZone : Customer.TzdbZone(request.BillingTimeZone, "Customer.BillingTimeZone");
        return Customer.CreateNew(
            id,
            Guard.NotNull(request.Name),
            Guard.NotNull(request.Email),
            Guard.NotNull(request.BillingAddress),
            parentId,
            classId,
            request.BillingCycle ?? _defaults.BillingCycle,
            zone,
            Anchor(request, zone, now),
            request.MonthEndPolicy ?? _defaults.MonthEndPolicy,
            request.BalanceModel ?? _defaults.BalanceModel,
            currency,
            InCurrency(creditLimit, currency, "Customer.CreditLimit"),
            request.PaymentTermsDays ?? _defaults.PaymentTermsDays,
            request.Language ?? _defaults.Language,
            customData);
    }

    /// <summary>
    /// The anchor: the creation date in the billing zone, or an imported anchor on or after it. An imported creation instant or
    /// anchor may not lie in the future (the clock's <paramref name="now"/>) nor before 1900, the range the billing-period engine
    /// is tested over.
    /// </summary>
    private static LocalDate Anchor(NewCustomer request, DateTimeZone zone, Instant now)
    {
        // Today is the current instant's date in the billing zone; an instant so far out that its date is outside the supported
        // anchors (or outside NodaTime's dates altogether) is an argument error, like any other out-of-range argument.
        var today = BillingCalendar.DateOf(now, zone, nameof(now));
        BillingCalendar.EnsureSupportedAnchor(today, nameof(now));
        if (request.CreatedAt is { } createdAt)
        {
            Guard.Rule(createdAt <= now, "Customer.CreatedAt", createdAt, $"an imported creation instant must not be after the current instant {now}");
            Guard.Rule(createdAt >= EarliestImportedInstant, "Customer.CreatedAt", createdAt, $"an imported creation instant must not be before {EarliestImportedInstant}");
        }

        var createdOn = request.CreatedAt is { } imported ? imported.InZone(zone).Date : today;
        if (request.BillingCycleAnchor is not { } anchor)
        {
            return createdOn;
        }

        Guard.Rule(anchor <= today, "Customer.BillingCycleAnchor", anchor, $"an imported anchor must not be after today, {today} in {zone.Id}");
        Guard.Rule(anchor >= EarliestImportedAnchor, "Customer.BillingCycleAnchor", anchor, $"an imported anchor must not be before {EarliestImportedAnchor}");
        Guard.Rule(request.CreatedAt is null || anchor >= createdOn, "Customer.BillingCycleAnchor", anchor, $"the anchor must not be before the creation date, {createdOn} in {zone.Id}");
        return anchor;
    }

    private static CustomerId NewId(NewCustomer request, CustomerHierarchy hierarchy)
    {
        var id = request.Id ?? CustomerId.New();
        Guard.Rule(!hierarchy.Contains(id), "Customer.Id", id.Value, "already in use");
        return id;
    }

    /// <summary>The request's values that are wrong whatever the defaults, the class and the hierarchy: default values and amounts
    /// beyond <see cref="Money.MaxAmount"/>.</summary>
    private static void CheckRequest(NewCustomer request)
    {
        Guard.NotDefault(request.Id);
        Guard.NotDefault(request.ParentId);
        Guard.NotDefault(request.Currency);
        Guard.NotDefault(request.DefaultAccountId);
        Guard.NotDefault(request.CreditLimit);
        Guard.NotDefault(request.OpeningFunds);
        Guard.NotDefault(request.OpeningAmountOwed);
    }

    /// <summary>An amount of the request, checked to be in the customer's currency; null when not given.</summary>
    private static Money? InCurrency(Money? amount, Currency currency, string field)
    {
        Guard.Rule(amount is not { } value || value.Currency == currency, field, amount, $"must be in the customer's currency, {currency}");
        return amount;
    }
}
