using Billing.Core.Accounts;
using Billing.Core.Features;
using Billing.Core.Monetary;

namespace Billing.Core.Invoicing;

/// <summary>
/// One feature of <see cref="BilledItems"/>, with what the charges engine needs of it worked out once, when the items are gathered:
/// its owner, the account it posts to, the days it can be charged for (its own dates cut to its owner's) and <c>unit × quantity</c>.
/// A period's lines then cost one overlap and at most one division each (see docs/period-charges.md).
/// </summary>
internal sealed class BilledFeature
{
    public BilledFeature(ChargeOwner owner, AccountId? postsTo, Feature feature, DayRange ownerDays)
    {
        Owner = owner;
        PostsTo = postsTo;
        Feature = feature;
        Currency = feature.Currency;
        Days = DayRange.Of(feature.StartDate, feature.LastDay).Intersect(ownerDays);
        FullAmount = feature.UnitAmount.Amount * feature.Quantity;
        ProratesByDay = feature.Kind == FeatureKind.Recurring && feature.Proration == Proration.ByDay;
    }

    /// <summary>The account, number or service the feature is attached to.</summary>
    public ChargeOwner Owner { get; }

    /// <summary>The account the line posts to, or null for the customer's own ledger.</summary>
    public AccountId? PostsTo { get; }

    /// <summary>The feature.</summary>
    public Feature Feature { get; }

    /// <summary>The feature's currency (its owner's).</summary>
    public Currency Currency { get; }

    /// <summary>The days the feature and its owner are both active: a one-off's charge date, or none when the owner is not active then.</summary>
    public DayRange Days { get; }

    /// <summary><c>unit × quantity</c>, unrounded: the amount of a whole period, of a one-off, or of a period under <see cref="Proration.None"/>.</summary>
    public decimal FullAmount { get; }

    /// <summary>Whether a partly active period is charged by day (a recurring <see cref="Proration.ByDay"/> feature).</summary>
    public bool ProratesByDay { get; }

    /// <summary>The field an error about the feature names: <c>Account.Features</c>, <c>Number.Features</c> or <c>Service.Features</c>.</summary>
    public string Field => Owner.Kind switch
    {
        ChargeOwnerKind.Account => "Account.Features",
        ChargeOwnerKind.Number => "Number.Features",
        _ => "Service.Features",
    };
}
