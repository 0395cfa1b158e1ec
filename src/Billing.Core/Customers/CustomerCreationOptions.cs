using System.Globalization;
using Billing.Core.Balances;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using NodaTime;

namespace Billing.Core.Customers;

/// <summary>
/// Host-configured defaults for new customers and the hierarchy depth limit.
/// Creation pre-fills every field the caller left out from here, then the class's settings apply, then
/// the explicit values of <see cref="NewCustomer"/>.
/// </summary>
/// <remarks>
/// An options object, set in code through <c>AddBillingCore(options => …)</c>; <see cref="CustomerFactory"/> validates and
/// copies it, and the container checks it at start-up. Values are typed: a host reading them from configuration converts them
/// where it reads them, e.g. <c>options.Customers.Currency = Currency.FromCode(configuration["Billing:Currency"]!)</c> and
/// <c>options.Customers.BillingTimeZone = DateTimeZoneProviders.Tzdb[configuration["Billing:TimeZone"]!]</c>, so that a wrong
/// value fails there, naming it.
/// </remarks>
public sealed class CustomerCreationOptions
{
    /// <summary>The default depth limit of the customer tree.</summary>
    public const int DefaultMaxHierarchyDepth = 8;

    /// <summary>The default currency, or null to require one from the class or the caller.</summary>
    public Currency? Currency { get; set; }

    /// <summary>The default billing cycle. Monthly unless configured.</summary>
    public BillingCycle BillingCycle { get; set; } = BillingCycle.Monthly;

    /// <summary>The default billing time zone, a zone of the tzdb (<c>DateTimeZoneProviders.Tzdb["Europe/London"]</c>).
    /// UTC unless configured.</summary>
    public DateTimeZone BillingTimeZone { get; set; } = DateTimeZone.Utc;

    /// <summary>The default month-end policy of anniversary cycles (see docs/billing-periods.md).
    /// <see cref="Periods.MonthEndPolicy.ClampTo28"/> unless configured.</summary>
    public MonthEndPolicy MonthEndPolicy { get; set; } = MonthEndPolicy.ClampTo28;

    /// <summary>The default payment terms in days. 30 unless configured.</summary>
    public int PaymentTermsDays { get; set; } = 30;

    /// <summary>The default balance model. Postpaid unless configured.</summary>
    public BalanceModel BalanceModel { get; set; } = BalanceModel.Postpaid;

    /// <summary>The default language (BCP 47). <c>en</c> unless configured.</summary>
    public string Language { get; set; } = "en";

    /// <summary>
    /// The most ancestors a customer may have (a root has 0, its direct customers 1). 8 unless configured; 1..64.
    /// </summary>
    public int MaxHierarchyDepth { get; set; } = DefaultMaxHierarchyDepth;

    /// <summary>Checks every option and reports all problems in one message.</summary>
    /// <returns>The validated, immutable copy the factory works from.</returns>
    /// <exception cref="ArgumentException">One or more options are invalid; the message lists them all.</exception>
    internal ValidatedDefaults Validate()
    {
        var problems = new List<string>();
        if (Currency is { IsDefault: true })
        {
            problems.Add("Currency is default(Currency), which is no currency; leave it null or give one (Currency.FromCode(\"GBP\"))");
        }

        if (!Enum.IsDefined(BillingCycle))
        {
            problems.Add($"BillingCycle '{BillingCycle}' is not defined");
        }

        var zone = BillingTimeZone is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(BillingTimeZone.Id);
        if (zone is null)
        {
            problems.Add(BillingTimeZone is null
                ? "BillingTimeZone is null; give a tzdb zone"
                : $"BillingTimeZone '{BillingTimeZone.Id}' is not a tzdb zone");
        }

        if (!Enum.IsDefined(MonthEndPolicy))
        {
            problems.Add($"MonthEndPolicy '{MonthEndPolicy}' is not defined");
        }

        if (PaymentTermsDays is < 0 or > Customer.MaxPaymentTermsDays)
        {
            problems.Add($"PaymentTermsDays {PaymentTermsDays.ToString(CultureInfo.InvariantCulture)} is outside 0..{Customer.MaxPaymentTermsDays}");
        }

        if (!Enum.IsDefined(BalanceModel))
        {
            problems.Add($"BalanceModel '{BalanceModel}' is not defined");
        }

        string? language = null;
        try
        {
            language = LanguageTag.Validate(Language, "Language");
        }
        catch (Exception e) when (e is BillingRuleException or ArgumentException)
        {
            problems.Add($"Language '{Language}' is not a well-formed BCP 47 tag");
        }

        if (MaxHierarchyDepth is < 1 or > 64)
        {
            problems.Add($"MaxHierarchyDepth {MaxHierarchyDepth.ToString(CultureInfo.InvariantCulture)} is outside 1..64");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid customer creation options: " + string.Join("; ", problems) + ".");
        }

        return new ValidatedDefaults(Currency, BillingCycle, zone!, MonthEndPolicy, PaymentTermsDays, BalanceModel, language!, MaxHierarchyDepth);
    }

    internal sealed record ValidatedDefaults(
        Currency? Currency,
        BillingCycle BillingCycle,
        DateTimeZone BillingTimeZone,
        MonthEndPolicy MonthEndPolicy,
        int PaymentTermsDays,
        BalanceModel BalanceModel,
        string Language,
        int MaxHierarchyDepth);
}
