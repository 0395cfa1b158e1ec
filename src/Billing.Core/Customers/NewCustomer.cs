using System.Text.Json.Serialization;
using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using Billing.Core.Serialization;
using NodaTime;

namespace Billing.Core.Customers;

/// <summary>
/// What a caller asks for when creating a customer. Every optional value left null is filled from the
/// class (currency) or the host's <see cref="CustomerCreationOptions"/>; <see cref="CustomerFactory"/> checks the result.
/// </summary>
/// <remarks>
/// <para>Immutable once built (init-only properties).</para>
/// <para>Importing a customer that already exists on another platform uses the same request with <see cref="CreatedAt"/>,
/// <see cref="BillingCycleAnchor"/> and an opening balance (<see cref="OpeningFunds"/> or <see cref="OpeningAmountOwed"/>) set:
/// the clock is read as usual and only checks that nothing lies in the future. See docs/domain-model.md, "Importing a customer".</para>
/// </remarks>
public sealed record NewCustomer
{
    /// <summary>The id to use; a new one is generated when null.</summary>
    public CustomerId? Id { get; init; }

    /// <summary>The name (required).</summary>
    public required string Name { get; init; }

    /// <summary>The e-mail address (required).</summary>
    public required string Email { get; init; }

    /// <summary>The billing address (required).</summary>
    public required PostalAddress BillingAddress { get; init; }

    /// <summary>The parent customer; null only for <see cref="CustomerFactory.CreateRoot"/>.</summary>
    public CustomerId? ParentId { get; init; }

    /// <summary>The billing cycle, or null for the host default.</summary>
    public BillingCycle? BillingCycle { get; init; }

    /// <summary>The billing time zone (a tzdb zone, e.g. <c>DateTimeZoneProviders.Tzdb["Europe/London"]</c>), or null for the host
    /// default.</summary>
    [JsonConverter(typeof(DateTimeZoneJsonConverter))]
    public DateTimeZone? BillingTimeZone { get; init; }

    /// <summary>How anniversary cycles treat anchors on the 29th to 31st (see docs/billing-periods.md), or null for the host
    /// default.</summary>
    public MonthEndPolicy? MonthEndPolicy { get; init; }

    /// <summary>Prepaid or postpaid, or null for the host default.</summary>
    public BalanceModel? BalanceModel { get; init; }

    /// <summary>The currency, or null for the class's currency, else the host default.</summary>
    public Currency? Currency { get; init; }

    /// <summary>The credit limit of a postpaid customer (≥ 0, in the customer's currency), or null for no limit.</summary>
    public Money? CreditLimit { get; init; }

    /// <summary>
    /// The opening funds of a prepaid customer (≥ 0), recorded as the first entry of its ledger: a top-up with the idempotency
    /// key <see cref="CustomerService.OpeningFundsKey"/>, so recording it again changes nothing. In the customer's currency.
    /// </summary>
    public Money? OpeningFunds { get; init; }

    /// <summary>
    /// The amount a postpaid customer already owes (≥ 0), typically when importing it from another platform; recorded as the
    /// first entry of its ledger: a debit with the idempotency key <see cref="CustomerService.OpeningFundsKey"/>, so
    /// recording it again changes nothing. It may exceed the credit limit (it then only blocks further charges). In the
    /// customer's currency.
    /// </summary>
    public Money? OpeningAmountOwed { get; init; }

    /// <summary>
    /// For a customer imported from another platform: when it was created there. Null means now (the clock). Must not be after
    /// the clock's current instant, nor before 1900-01-01T00:00Z. Unless <see cref="BillingCycleAnchor"/> is given, its date in
    /// the billing time zone is the anchor.
    /// </summary>
    [JsonConverter(typeof(InstantJsonConverter))]
    public Instant? CreatedAt { get; init; }

    /// <summary>
    /// For a customer imported from another platform: the billing cycle's anchor it had there (the first day of its first billing
    /// period). Null means the creation date in the billing time zone. Must not be after today in the billing time zone, nor
    /// before 1900-01-01, nor — when <see cref="CreatedAt"/> is given — before the creation date in the billing time zone.
    /// </summary>
    [JsonConverter(typeof(LocalDateJsonConverter))]
    public LocalDate? BillingCycleAnchor { get; init; }

    /// <summary>Payment terms in days (0..365), or null for the host default.</summary>
    public int? PaymentTermsDays { get; init; }

    /// <summary>The BCP 47 language tag, or null for the host default.</summary>
    public string? Language { get; init; }

    /// <summary>Values for the class's custom fields, by field name.</summary>
    public IReadOnlyDictionary<string, CustomFieldValue>? CustomData { get; init; }

    /// <summary>The id of the default account; a new one is generated when null.</summary>
    public AccountId? DefaultAccountId { get; init; }

    /// <summary>The name of the default account; <c>Default</c> when null.</summary>
    public string? DefaultAccountName { get; init; }
}
