using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Storage;
using NodaTime;

namespace Billing.Core.Numbers;

/// <summary>
/// A telephone number billed on usage (SPEC §1.4): its E.164 form, type, tariff, the day billing starts
/// (<see cref="DateSold"/>) and the optional last day (<see cref="DateCeased"/>), and the features charged for it
/// (for example line rental).
/// </summary>
/// <remarks>
/// <para>Fixed at creation: <see cref="Id"/>, <see cref="OwnerId"/>, <see cref="Value"/> and <see cref="Currency"/>
/// (the account's when the number belongs to one, else the customer's). A number moving to another customer is
/// ceased here and created again for the new owner.</para>
/// <para>Dates are inclusive: the number is billed from <see cref="DateSold"/> through <see cref="DateCeased"/>; every
/// feature lies within that range.</para>
/// <para>Immutable and thread-safe; every change returns a new validated instance with the same <see cref="Version"/>.</para>
/// </remarks>
[JsonConverter(typeof(NumberJsonConverter))]
public sealed class Number
{
    private const string FeatureOwner = "Number";

    private readonly State _s;

    private Number(State s)
    {
        Guard.Rule(s.Id.Value.Length > 0, "Number.Id", null, "an id is required, not default(NumberId)");
        Guard.Rule(s.OwnerId.Value.Length > 0, "Number.Owner", null, "an owner is required, not default(CustomerId)");
        Guard.Rule(s.AccountId is null || s.AccountId.Value.Value.Length > 0, "Number.Account", null, "must be an account id, not default(AccountId)");
        Guard.Rule(s.Value.Value.Length > 0, "Number", null, "a number is required, not default(PhoneNumber)");
        Guard.Rule(Enum.IsDefined(s.Type), "Number.Type", s.Type, "not a defined number type");
        Guard.Rule(s.Currency.Code.Length > 0, "Number.Currency", null, "must be an ISO 4217 currency, not default(Currency)");
        Guard.Rule(s.DateCeased is null || s.DateCeased.Value >= s.DateSold, "Number.DateCeased", DomainText.Iso(s.DateCeased), $"must be on or after the date sold {DomainText.Iso(s.DateSold)}");
        Guard.Rule(s.Version >= 0, "Number.Version", s.Version.ToString(CultureInfo.InvariantCulture), "must not be negative");
        FeatureList.Validate(s.Features, FeatureOwner, s.Currency, s.DateSold, s.DateCeased);
        _s = s;
    }

    /// <summary>The number's id. Fixed.</summary>
    public NumberId Id => _s.Id;

    /// <summary>The customer the number belongs to. Fixed.</summary>
    public CustomerId OwnerId => _s.OwnerId;

    /// <summary>The owner's account the number is billed to, or null for the customer itself.</summary>
    public AccountId? AccountId => _s.AccountId;

    /// <summary>The number in E.164. Fixed.</summary>
    public PhoneNumber Value => _s.Value;

    /// <summary>The number's type, given or auto-detected.</summary>
    public NumberType Type => _s.Type;

    /// <summary>The reference to the host's tariff that prices the number's usage.</summary>
    public string Tariff => _s.Tariff;

    /// <summary>The currency of the number's features: the account's, or the customer's. Fixed.</summary>
    public Currency Currency => _s.Currency;

    /// <summary>The first day the number is billed.</summary>
    public LocalDate DateSold => _s.DateSold;

    /// <summary>The last day the number is billed (inclusive), or null while it is in service.</summary>
    public LocalDate? DateCeased => _s.DateCeased;

    /// <summary>The features charged for the number, such as line rental.</summary>
    public IReadOnlyList<Feature> Features => _s.Features;

    /// <summary>The storage version; domain changes keep it, storage sets it through <see cref="WithVersion"/>.</summary>
    public long Version => _s.Version;

    /// <summary>Creates a number for a customer, optionally billed to one of its accounts.</summary>
    /// <param name="id">The number's id.</param>
    /// <param name="owner">The owning customer: not a root and not closed.</param>
    /// <param name="number">The number as entered (see <see cref="PhoneNumber.Parse(string, Customers.CountryCode)"/>), national input read in <see cref="NumberingOptions.DefaultCountry"/>.</param>
    /// <param name="tariff">The host's tariff reference (1..128 characters).</param>
    /// <param name="dateSold">The first day billed.</param>
    /// <param name="type">The type, or null to detect it (see <see cref="NumberPlan"/>); a type given must agree with detection.</param>
    /// <param name="account">An account of the owner to bill the number to, or null.</param>
    /// <param name="dateCeased">The last day billed, or null.</param>
    /// <param name="numbering">The country of national input and whether drama numbers are allowed, or null for <see cref="NumberingOptions.Default"/>.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="owner"/>, <paramref name="number"/> or <paramref name="tariff"/> is null.</exception>
    /// <exception cref="BillingRuleException">A value breaks a rule (unrecognised or invalid number, a drama number not allowed, no single type detected
    /// and none given, a type contradicting detection, foreign or closed account, ceased before sold, …).</exception>
    public static Number Create(NumberId id, Customer owner, string number, string tariff, LocalDate dateSold, NumberType? type = null, Account? account = null, LocalDate? dateCeased = null, NumberingOptions? numbering = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        Guard.Rule(!owner.IsRoot, "Number.Owner", owner.Id.Value, "a root customer is never billed and owns no numbers");
        Guard.Rule(owner.Status != BillingStatus.Closed, "Number.Owner", owner.Id.Value, "a closed customer cannot get new numbers");
        CheckAccount(account, owner.Id);
        numbering ??= NumberingOptions.Default;
        var value = PhoneNumber.Parse(number, numbering.DefaultCountry);
        return new(new State(
            id,
            owner.Id,
            account?.Id,
            value,
            NumberClassifier.Resolve(value, type, numbering.AllowDramaNumbers),
            ValidTariff(tariff),
            account?.Currency ?? owner.Currency,
            dateSold,
            dateCeased,
            [],
            0));
    }

    /// <summary>
    /// Rebuilds a number from its stored fields. Checks the number's structure (ids, number present, type defined, currency,
    /// date ceased on or after date sold, features in its currency and dates) but not input formats (the tariff's length and
    /// characters, how the number was written, whether its type matches the UK numbering plan), so a number stored by an older
    /// version always loads. For storage implementations; see docs/storage.md, "Snapshots and restore".
    /// </summary>
    /// <param name="snapshot">The stored fields.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/>, or a required member of it, is null.</exception>
    /// <exception cref="BillingRuleException">A stored value breaks a structural rule; the message names the field.</exception>
    public static Number Restore(NumberSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(new State(
            snapshot.Id,
            snapshot.OwnerId,
            snapshot.AccountId,
            snapshot.Value,
            snapshot.Type,
            StoredFields.Text(snapshot.Tariff, "Number.Tariff"),
            snapshot.Currency,
            snapshot.DateSold,
            snapshot.DateCeased,
            FeatureList.Restore(snapshot.Features, FeatureOwner),
            snapshot.Version));
    }

    /// <summary>The number's stored fields, for storage and serialisation; <see cref="Restore"/> turns them back into an equal number.</summary>
    /// <returns>The snapshot.</returns>
    public NumberSnapshot ToSnapshot() => new()
    {
        Id = Id,
        OwnerId = OwnerId,
        AccountId = AccountId,
        Value = Value,
        Type = Type,
        Tariff = Tariff,
        Currency = Currency,
        DateSold = DateSold,
        DateCeased = DateCeased,
        Features = FeatureList.ToSnapshots(_s.Features),
        Version = Version,
    };

    /// <summary>Whether the number is billed on <paramref name="date"/> (between date sold and date ceased, inclusive).</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> when in service that day.</returns>
    public bool IsActiveOn(LocalDate date) => date >= DateSold && (DateCeased is null || date <= DateCeased.Value);

    /// <summary>Returns the number with a new tariff.</summary>
    /// <param name="tariff">The host's tariff reference.</param>
    /// <returns>The changed number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tariff"/> is null.</exception>
    /// <exception cref="BillingRuleException">The reference is empty or too long.</exception>
    public Number WithTariff(string tariff) => new(_s with { Tariff = ValidTariff(tariff) });

    /// <summary>Returns the number with a type given explicitly, which must agree with detection (see <see cref="NumberPlan"/>); for a
    /// number the plan can only call a fixed line or a mobile, it chooses between the two.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The changed number.</returns>
    /// <exception cref="BillingRuleException">The type is undefined or contradicts detection, or the plan no longer accepts the number.</exception>
    public Number WithType(NumberType type) => new(_s with { Type = NumberClassifier.Resolve(Value, type, allowDrama: true) });

    /// <summary>Returns the number billed to another account of its owner, or to the customer itself when null.</summary>
    /// <param name="account">An open account of the owner in the number's currency, or null.</param>
    /// <returns>The changed number.</returns>
    /// <exception cref="BillingRuleException">The account belongs to another customer, is closed, or has another currency.</exception>
    public Number AssignToAccount(Account? account)
    {
        CheckAccount(account, OwnerId);
        Guard.Rule(account is null || account.Currency == Currency, "Number.Account", account?.Id.Value, $"the account is billed in {account?.Currency}, the number's features in {Currency}");
        return new(_s with { AccountId = account?.Id });
    }

    /// <summary>Returns the number with a new date sold (on or before its features' start dates and its date ceased).</summary>
    /// <param name="dateSold">The first day billed.</param>
    /// <returns>The changed number.</returns>
    /// <exception cref="BillingRuleException">The date is after the date ceased or after a feature's start.</exception>
    public Number WithDateSold(LocalDate dateSold) => new(_s with { DateSold = dateSold });

    /// <summary>
    /// Ceases the number: <paramref name="lastDay"/> becomes the last day billed, and recurring features running
    /// past it end on it.
    /// </summary>
    /// <param name="lastDay">The last day billed, on or after the date sold.</param>
    /// <returns>The ceased number.</returns>
    /// <exception cref="BillingRuleException">The day is before the date sold, or a feature starts after it.</exception>
    public Number Cease(LocalDate lastDay)
    {
        Guard.Rule(lastDay >= DateSold, "Number.DateCeased", DomainText.Iso(lastDay), $"must be on or after the date sold {DomainText.Iso(DateSold)}");
        return new(_s with { DateCeased = lastDay, Features = FeatureList.EndBy(_s.Features, lastDay, FeatureOwner) });
    }

    /// <summary>Attaches a feature (for example line rental).</summary>
    /// <param name="feature">A feature in the number's currency, within its dates, whose id is not yet attached.</param>
    /// <returns>The changed number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="feature"/> is null.</exception>
    /// <exception cref="BillingRuleException">The currency differs, the dates fall outside the number's, or the id is taken.</exception>
    public Number AttachFeature(Feature feature) => new(_s with { Features = FeatureList.Attach(_s.Features, feature, FeatureOwner) });

    /// <summary>Replaces an attached feature with a changed version of it (same id).</summary>
    /// <param name="feature">The changed feature.</param>
    /// <returns>The changed number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="feature"/> is null.</exception>
    /// <exception cref="BillingRuleException">No feature with that id is attached, or the new version breaks a rule.</exception>
    public Number ReplaceFeature(Feature feature) => new(_s with { Features = FeatureList.Replace(_s.Features, feature, FeatureOwner) });

    /// <summary>Detaches a feature.</summary>
    /// <param name="featureId">The feature's id.</param>
    /// <returns>The changed number.</returns>
    /// <exception cref="BillingRuleException">No feature with that id is attached.</exception>
    public Number DetachFeature(FeatureId featureId) => new(_s with { Features = FeatureList.Detach(_s.Features, featureId, FeatureOwner) });

    /// <summary>
    /// Checks that an active number belongs to one customer at a time: no other record (by id) of the same E.164
    /// number is in service on any day this one is.
    /// </summary>
    /// <param name="others">Other number records.</param>
    /// <exception cref="ArgumentNullException"><paramref name="others"/> is null.</exception>
    /// <exception cref="BillingRuleException">Another record of the same number overlaps this one.</exception>
    public void EnsureNotActiveElsewhere(IEnumerable<Number> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        foreach (var other in others)
        {
            if (other is null || other.Id == Id || other.Value != Value)
            {
                continue;
            }

            var overlaps = (other.DateCeased is null || other.DateCeased.Value >= DateSold) && (DateCeased is null || DateCeased.Value >= other.DateSold);
            Guard.Rule(!overlaps, "Number", Value.Value, $"already in service for customer {other.OwnerId} (number {other.Id}, from {DomainText.Iso(other.DateSold)}{(other.DateCeased is { } c ? " to " + DomainText.Iso(c) : string.Empty)}); an active number belongs to one customer at a time");
        }
    }

    /// <summary>
    /// For storage implementations only: returns the number carrying the version storage assigned.
    /// Domain code never calls it; domain changes keep the version.
    /// </summary>
    /// <param name="version">The stored version, ≥ 0.</param>
    /// <returns>The same number with that version.</returns>
    /// <exception cref="BillingRuleException"><paramref name="version"/> is negative.</exception>
    public Number WithVersion(long version) => new(_s with { Version = version });

    /// <inheritdoc />
    public override string ToString() => $"Number {Id} {Value} ({Type}) of {OwnerId}";

    private static void CheckAccount(Account? account, CustomerId owner)
    {
        if (account is null)
        {
            return;
        }

        Guard.Rule(account.OwnerId == owner, "Number.Account", account.Id.Value, $"the account belongs to customer {account.OwnerId}, not {owner}");
        Guard.Rule(account.Status != BillingStatus.Closed, "Number.Account", account.Id.Value, "the account is closed");
    }

    private static string ValidTariff(string tariff) => DomainText.Required(tariff, "Number.Tariff", 128);

    private sealed record State(
        NumberId Id,
        CustomerId OwnerId,
        AccountId? AccountId,
        PhoneNumber Value,
        NumberType Type,
        string Tariff,
        Currency Currency,
        LocalDate DateSold,
        LocalDate? DateCeased,
        ImmutableArray<Feature> Features,
        long Version);
}
