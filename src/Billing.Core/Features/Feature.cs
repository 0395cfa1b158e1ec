using System.Text.Json.Serialization;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Features;

/// <summary>
/// A charge attached to a number, a service or directly to an account (a "custom charge", SPEC §1.6):
/// a name shown on invoices, a unit amount, a quantity, a kind, dates and a proration policy.
/// </summary>
/// <remarks>
/// <para>Dates are inclusive: <see cref="EndDate"/> is the last day charged. A one-off feature is charged once,
/// on <see cref="StartDate"/>, and has no end date.</para>
/// <para>A feature's currency is its owner's: numbers, services and accounts refuse to attach a feature
/// in another currency, and <see cref="WithUnitAmount"/> cannot change the currency.</para>
/// <para>Immutable and thread-safe; every change returns a new validated instance.</para>
/// </remarks>
[JsonConverter(typeof(FeatureJsonConverter))]
public sealed class Feature
{
    /// <summary>The largest quantity accepted.</summary>
    public const int MaxQuantity = 1_000_000;

    /// <summary>The largest unit amount accepted, in the currency's major unit (keeps line arithmetic far from overflow).</summary>
    public const decimal MaxUnitAmount = 1_000_000_000m;

    private Feature(FeatureId id, string name, Money unitAmount, int quantity, FeatureKind kind, LocalDate startDate, LocalDate? endDate, Proration proration)
    {
        Guard.Rule(id.Value.Length > 0, "Feature.Id", null, "an id is required, not default(FeatureId)");
        Guard.Rule(unitAmount.Currency.Code.Length > 0, "Feature.UnitAmount", null, "a unit amount needs a currency, not default(Money)");
        Guard.Rule(unitAmount.Amount >= 0m, "Feature.UnitAmount", unitAmount, "must not be negative (give credits through the ledger)");
        Guard.Rule(unitAmount.Amount <= MaxUnitAmount, "Feature.UnitAmount", unitAmount, $"must be at most {DomainText.Invariant(MaxUnitAmount)}");
        Guard.Rule(quantity is >= 1 and <= MaxQuantity, "Feature.Quantity", quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), $"must be between 1 and {MaxQuantity}");
        Guard.Rule(Enum.IsDefined(proration), "Feature.Proration", proration, "must be ByDay or None");
        Guard.Rule(kind == FeatureKind.Recurring || endDate is null, "Feature.EndDate", DomainText.Iso(endDate), "a one-off feature is charged once on its start date and has no end date");
        Guard.Rule(endDate is null || endDate.Value >= startDate, "Feature.EndDate", DomainText.Iso(endDate), $"must be on or after the start date {DomainText.Iso(startDate)}");
        Id = id;
        Name = name;
        UnitAmount = unitAmount;
        Quantity = quantity;
        Kind = kind;
        StartDate = startDate;
        EndDate = endDate;
        Proration = proration;
    }

    /// <summary>The feature's id, unique within its owner.</summary>
    public FeatureId Id { get; }

    /// <summary>The name shown on invoices (1..200 characters, trimmed).</summary>
    public string Name { get; }

    /// <summary>The price of one unit: for a recurring feature, of one full billing period; in the owner's currency.</summary>
    public Money UnitAmount { get; }

    /// <summary>The feature's currency, always its owner's.</summary>
    public Currency Currency => UnitAmount.Currency;

    /// <summary>How many units are charged (1..<see cref="MaxQuantity"/>).</summary>
    public int Quantity { get; }

    /// <summary>Recurring or one-off.</summary>
    public FeatureKind Kind { get; }

    /// <summary>The first day charged; for a one-off feature, its charge date.</summary>
    public LocalDate StartDate { get; }

    /// <summary>The last day charged (inclusive) of a recurring feature, or null when open-ended. Always null for one-off features.</summary>
    public LocalDate? EndDate { get; }

    /// <summary>How a partly active period is charged (recurring features).</summary>
    public Proration Proration { get; }

    /// <summary>The last day the feature is charged for: the end date, the charge date of a one-off, or null when open-ended.</summary>
    public LocalDate? LastDay => Kind == FeatureKind.OneOff ? StartDate : EndDate;

    /// <summary>Creates a recurring feature (charged each billing period).</summary>
    /// <param name="id">The feature's id.</param>
    /// <param name="name">The name shown on invoices.</param>
    /// <param name="unitAmount">The price of one unit for one full billing period, in the owner's currency, ≥ 0.</param>
    /// <param name="startDate">The first day charged.</param>
    /// <param name="endDate">The last day charged, or null for open-ended.</param>
    /// <param name="quantity">How many units, at least 1.</param>
    /// <param name="proration">How a partly active period is charged; by day unless told otherwise.</param>
    /// <returns>The feature.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="BillingRuleException">A value breaks a rule (empty name, negative amount, quantity below 1, end before start, …).</exception>
    public static Feature Recurring(FeatureId id, string name, Money unitAmount, LocalDate startDate, LocalDate? endDate = null, int quantity = 1, Proration proration = Proration.ByDay)
        => new(id, DomainText.Required(name, "Feature.Name", 200), unitAmount, quantity, FeatureKind.Recurring, startDate, endDate, proration);

    /// <summary>Creates a one-off feature, charged once on <paramref name="chargeDate"/>.</summary>
    /// <param name="id">The feature's id.</param>
    /// <param name="name">The name shown on invoices.</param>
    /// <param name="unitAmount">The price of one unit, in the owner's currency, ≥ 0.</param>
    /// <param name="chargeDate">The day it is charged.</param>
    /// <param name="quantity">How many units, at least 1.</param>
    /// <returns>The feature.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="BillingRuleException">A value breaks a rule.</exception>
    public static Feature OneOff(FeatureId id, string name, Money unitAmount, LocalDate chargeDate, int quantity = 1)
        => new(id, DomainText.Required(name, "Feature.Name", 200), unitAmount, quantity, FeatureKind.OneOff, chargeDate, null, Proration.ByDay);

    /// <summary>
    /// Rebuilds a feature from its stored fields. Checks the feature's structure (id, currency, amount and quantity bounds,
    /// kind and proration defined, a one-off without end date, end on or after start) but not the format of its name
    /// (length, characters), so a feature stored by an older version always loads. See docs/storage.md, "Snapshots and restore".
    /// </summary>
    /// <param name="snapshot">The stored fields.</param>
    /// <returns>The feature.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> or its name is null.</exception>
    /// <exception cref="BillingRuleException">A stored value breaks a structural rule; the message names the field.</exception>
    public static Feature Restore(FeatureSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Guard.Rule(Enum.IsDefined(snapshot.Kind), "Feature.Kind", snapshot.Kind, "must be Recurring or OneOff");
        return new(
            snapshot.Id,
            Storage.StoredFields.Text(snapshot.Name, "Feature.Name"),
            snapshot.UnitAmount,
            snapshot.Quantity,
            snapshot.Kind,
            snapshot.StartDate,
            snapshot.EndDate,
            snapshot.Proration);
    }

    /// <summary>The feature's stored fields, for storage and serialisation; <see cref="Restore"/> turns them back into an equal feature.</summary>
    /// <returns>The snapshot.</returns>
    public FeatureSnapshot ToSnapshot() => new()
    {
        Id = Id,
        Name = Name,
        UnitAmount = UnitAmount,
        Quantity = Quantity,
        Kind = Kind,
        StartDate = StartDate,
        EndDate = EndDate,
        Proration = Proration,
    };

    /// <summary>Returns the feature with a new name.</summary>
    /// <param name="name">The name shown on invoices.</param>
    /// <returns>The changed feature.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="BillingRuleException">The name is empty, longer than 200 characters or holds control characters.</exception>
    public Feature Rename(string name)
        => new(Id, DomainText.Required(name, "Feature.Name", 200), UnitAmount, Quantity, Kind, StartDate, EndDate, Proration);

    /// <summary>Returns the feature with a new unit amount in the same currency.</summary>
    /// <param name="unitAmount">The new unit amount, ≥ 0.</param>
    /// <returns>The changed feature.</returns>
    /// <exception cref="BillingRuleException">The amount is negative, too large or in another currency (a feature's currency is its owner's and never changes).</exception>
    public Feature WithUnitAmount(Money unitAmount)
    {
        Guard.Rule(unitAmount.Currency == Currency, "Feature.UnitAmount", unitAmount, $"a feature's currency is its owner's ({Currency.Code}) and cannot change");
        return new(Id, Name, unitAmount, Quantity, Kind, StartDate, EndDate, Proration);
    }

    /// <summary>Returns the feature with a new quantity.</summary>
    /// <param name="quantity">At least 1.</param>
    /// <returns>The changed feature.</returns>
    /// <exception cref="BillingRuleException">The quantity is below 1 or above <see cref="MaxQuantity"/>.</exception>
    public Feature WithQuantity(int quantity) => new(Id, Name, UnitAmount, quantity, Kind, StartDate, EndDate, Proration);

    /// <summary>Returns the feature with a new start date (for a one-off, a new charge date).</summary>
    /// <param name="startDate">The first day charged.</param>
    /// <returns>The changed feature.</returns>
    /// <exception cref="BillingRuleException">The end date would be before the start date.</exception>
    public Feature WithStartDate(LocalDate startDate) => new(Id, Name, UnitAmount, Quantity, Kind, startDate, EndDate, Proration);

    /// <summary>Returns the recurring feature with a new last day charged, or open-ended when null.</summary>
    /// <param name="endDate">The last day charged (inclusive), or null.</param>
    /// <returns>The changed feature.</returns>
    /// <exception cref="BillingRuleException">The feature is one-off, or the date is before the start date.</exception>
    public Feature WithEndDate(LocalDate? endDate) => new(Id, Name, UnitAmount, Quantity, Kind, StartDate, endDate, Proration);

    /// <summary>Returns the feature with a new proration policy.</summary>
    /// <param name="proration">By day or none.</param>
    /// <returns>The changed feature.</returns>
    /// <exception cref="BillingRuleException">The value is not a defined <see cref="Features.Proration"/>.</exception>
    public Feature WithProration(Proration proration) => new(Id, Name, UnitAmount, Quantity, Kind, StartDate, EndDate, proration);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Kind}, {Quantity} × {UnitAmount}, from {DomainText.Iso(StartDate)})";
}
