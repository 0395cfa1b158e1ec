using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using Billing.Core.Balances;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Storage;

namespace Billing.Core.Accounts;

/// <summary>
/// A billable sub-unit of a customer (see docs/domain-model.md): an employee, a SIP device, a prepaid card, or a separate
/// ledger of a company. Usage of an account is also usage of its customer and of every ancestor below the root.
/// </summary>
/// <remarks>
/// <para>Fixed at creation: <see cref="Id"/>, <see cref="OwnerId"/>, <see cref="Currency"/> and <see cref="BalanceModel"/>.</para>
/// <para>Features attached to an account are its custom charges, always in the account's currency.</para>
/// <para>Immutable and thread-safe; every change returns a new validated instance with the same <see cref="Version"/>.</para>
/// </remarks>
[JsonConverter(typeof(AccountJsonConverter))]
public sealed class Account
{
    /// <summary>The longest alias accepted.</summary>
    public const int MaxAliasLength = 64;

    private const string FeaturesField = "Account.Features";

    private readonly State _s;

    private Account(State s)
    {
        // Ids and currency were checked where they came in (Create, Restore); a change never alters them.
        var id = s.Id.Value;
        Guard.Rule(Enum.IsDefined(s.BalanceModel), "Account.BalanceModel", s.BalanceModel, "must be Prepaid or Postpaid");
        Guard.Rule(Enum.IsDefined(s.Status), "Account.Status", s.Status, "must be Active, Suspended or Closed");
        CreditLimitRules.Check(s.CreditLimit, s.BalanceModel, s.Currency, "Account.CreditLimit", "account", id);

        Guard.Rule(s.Version >= 0, "Account.Version", s.Version, "must not be negative");
        FeatureList.Validate(s.Features, FeaturesField, s.Currency, null, null);
        _s = s;
    }

    /// <summary>The account's id. Fixed.</summary>
    public AccountId Id => _s.Id;

    /// <summary>The customer that owns the account. Fixed.</summary>
    public CustomerId OwnerId => _s.OwnerId;

    /// <summary>The name, 1..200 characters.</summary>
    public string Name => _s.Name;

    /// <summary>
    /// An optional alias (for example a SIP user name), unique across all accounts compared case-insensitively:
    /// 1..64 characters without white space.
    /// </summary>
    public string? Alias => _s.Alias;

    /// <summary>The account's currency; the owner's unless given at creation. Fixed.</summary>
    public Currency Currency => _s.Currency;

    /// <summary>The account's own balance model. Fixed.</summary>
    public BalanceModel BalanceModel => _s.BalanceModel;

    /// <summary>The credit limit of a postpaid account, or null for no limit of its own.</summary>
    public Money? CreditLimit => _s.CreditLimit;

    /// <summary>Active, suspended or closed. Closed is final.</summary>
    public BillingStatus Status => _s.Status;

    /// <summary>Custom charges attached directly to the account, in its currency.</summary>
    public IReadOnlyList<Feature> Features => _s.Features;

    /// <summary>The storage version; domain changes keep it, storage sets it through <see cref="WithVersion"/>.</summary>
    public long Version => _s.Version;

    /// <summary>
    /// Creates an account for a customer. Without a balance model, an account is postpaid with no limit of its own,
    /// so the customer's funds or credit limit govern its usage (as for the default account).
    /// </summary>
    /// <param name="id">The account's id.</param>
    /// <param name="owner">The owning customer: not a root (never billed) and not closed.</param>
    /// <param name="name">1..200 characters.</param>
    /// <param name="alias">An alias, or null.</param>
    /// <param name="currency">The currency, or null for the owner's.</param>
    /// <param name="balanceModel">The account's own balance model, or null for postpaid.</param>
    /// <param name="creditLimit">The credit limit of a postpaid account, or null for none.</param>
    /// <returns>The account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="owner"/> or <paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/>, <paramref name="currency"/> or <paramref name="creditLimit"/> is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">A value breaks a rule (the owner is a root or closed, the name or alias is invalid, the
    /// balance model is undefined, the credit limit does not fit, …).</exception>
    public static Account Create(AccountId id, Customer owner, string name, string? alias = null, Currency? currency = null, BalanceModel? balanceModel = null, Money? creditLimit = null)
    {
        Guard.NotDefault(id);
        ArgumentNullException.ThrowIfNull(owner);
        Guard.NotDefault(currency);
        Guard.NotDefault(creditLimit);
        owner.EnsureCanOwn("Account.Owner", "accounts");
        return new(new State(
            id,
            owner.Id,
            ValidName(name),
            ValidAlias(alias),
            currency ?? owner.Currency,
            balanceModel ?? BalanceModel.Postpaid,
            creditLimit,
            BillingStatus.Active,
            [],
            0));
    }

    /// <summary>
    /// Rebuilds an account from its stored fields. Checks the account's structure (ids, currency, enums, credit limit against the
    /// balance model and currency, its features) but not the format of its texts (name and alias length and characters), so an
    /// account stored by an older version always loads. Cross-aggregate rules (alias uniqueness) are the store's. For storage
    /// implementations; see docs/storage.md, "Snapshots and restore".
    /// </summary>
    /// <param name="snapshot">The stored fields.</param>
    /// <returns>The account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/>, or a required member of it, is null.</exception>
    /// <exception cref="ArgumentException">A required value of the snapshot is <c>default</c> (an id, the currency, an amount).</exception>
    /// <exception cref="BillingRuleException">A stored value breaks a structural rule; the message names the field.</exception>
    public static Account Restore(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Guard.NotDefault(snapshot.Id);
        Guard.NotDefault(snapshot.OwnerId);
        Guard.NotDefault(snapshot.Currency);
        Guard.NotDefault(snapshot.CreditLimit);
        return new(new State(
            snapshot.Id,
            snapshot.OwnerId,
            StoredFields.Text(snapshot.Name, "Account.Name"),
            StoredFields.OptionalText(snapshot.Alias, "Account.Alias"),
            snapshot.Currency,
            snapshot.BalanceModel,
            snapshot.CreditLimit,
            snapshot.Status,
            FeatureList.Restore(snapshot.Features, FeaturesField),
            snapshot.Version));
    }

    /// <summary>The account's stored fields, for storage and serialisation; <see cref="Restore"/> turns them back into an equal account.</summary>
    /// <returns>The snapshot.</returns>
    public AccountSnapshot ToSnapshot() => new()
    {
        Id = Id,
        OwnerId = OwnerId,
        Name = Name,
        Alias = Alias,
        Currency = Currency,
        BalanceModel = BalanceModel,
        CreditLimit = CreditLimit,
        Status = Status,
        Features = FeatureList.ToSnapshots(_s.Features),
        Version = Version,
    };

    /// <summary>Returns the account with a new name.</summary>
    /// <param name="name">1..200 characters.</param>
    /// <returns>The changed account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="BillingRuleException">The name is invalid.</exception>
    public Account Rename(string name) => new(_s with { Name = ValidName(name) });

    /// <summary>Returns the account with a new alias, or none when null. Uniqueness across accounts: <see cref="EnsureAliasUniqueAmong"/>.</summary>
    /// <param name="alias">1..64 characters without white space, or null.</param>
    /// <returns>The changed account.</returns>
    /// <exception cref="BillingRuleException">The alias is invalid.</exception>
    public Account WithAlias(string? alias) => new(_s with { Alias = ValidAlias(alias) });

    /// <summary>Returns the account with a new credit limit, or none when null.</summary>
    /// <param name="creditLimit">A non-negative amount in the account's currency, or null.</param>
    /// <returns>The changed account.</returns>
    /// <exception cref="ArgumentException"><paramref name="creditLimit"/> is <c>default(Money)</c>.</exception>
    /// <exception cref="BillingRuleException">The account is prepaid, or the amount is negative or in another currency.</exception>
    public Account WithCreditLimit(Money? creditLimit) => new(_s with { CreditLimit = Guard.NotDefault(creditLimit) });

    /// <summary>Suspends the account: every charge is declined until it is activated again.</summary>
    /// <returns>The suspended account.</returns>
    /// <exception cref="BillingRuleException">The account is closed.</exception>
    public Account Suspend() => ChangeStatus(BillingStatus.Suspended);

    /// <summary>Activates a suspended account.</summary>
    /// <returns>The active account.</returns>
    /// <exception cref="BillingRuleException">The account is closed.</exception>
    public Account Activate() => ChangeStatus(BillingStatus.Active);

    /// <summary>Closes the account for good.</summary>
    /// <returns>The closed account.</returns>
    public Account Close() => new(_s with { Status = BillingStatus.Closed });

    /// <summary>Attaches a custom charge.</summary>
    /// <param name="feature">A feature in the account's currency whose id is not yet attached.</param>
    /// <returns>The changed account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="feature"/> is null.</exception>
    /// <exception cref="BillingRuleException">The currency differs or the id is already attached.</exception>
    public Account AttachFeature(Feature feature) => new(_s with { Features = FeatureList.Attach(_s.Features, feature, FeaturesField) });

    /// <summary>Replaces an attached custom charge with a changed version of it (same id).</summary>
    /// <param name="feature">The changed feature.</param>
    /// <returns>The changed account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="feature"/> is null.</exception>
    /// <exception cref="BillingRuleException">No feature with that id is attached, or the currency differs.</exception>
    public Account ReplaceFeature(Feature feature) => new(_s with { Features = FeatureList.Replace(_s.Features, feature, FeaturesField) });

    /// <summary>Detaches a custom charge.</summary>
    /// <param name="featureId">The feature's id.</param>
    /// <returns>The changed account.</returns>
    /// <exception cref="BillingRuleException">No feature with that id is attached.</exception>
    public Account DetachFeature(FeatureId featureId) => new(_s with { Features = FeatureList.Detach(_s.Features, featureId, FeaturesField) });

    /// <summary>
    /// For storage implementations only: returns the account carrying the version storage assigned.
    /// Domain code never calls it; domain changes keep the version.
    /// </summary>
    /// <param name="version">The stored version, ≥ 0.</param>
    /// <returns>The same account with that version.</returns>
    /// <exception cref="BillingRuleException"><paramref name="version"/> is negative.</exception>
    public Account WithVersion(long version) => new(_s with { Version = version });

    /// <summary>
    /// The key under which account aliases are unique: the alias upper-cased (invariant), so that two aliases clash exactly when
    /// they are equal ignoring case (ordinal). A store keeps the key in a column with a unique index (see docs/storage.md,
    /// "Unique keys").
    /// </summary>
    /// <param name="alias">An alias, as stored (trimmed).</param>
    /// <returns>The comparison key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="alias"/> is null.</exception>
    public static string AliasKey(string alias) => Guard.NotNull(alias).ToUpperInvariant();

    /// <summary>Checks that no other account (by id) has the same alias, compared case-insensitively.</summary>
    /// <param name="accounts">The existing accounts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="accounts"/> is null.</exception>
    /// <exception cref="BillingRuleException">The alias is taken.</exception>
    public void EnsureAliasUniqueAmong(IEnumerable<Account> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (Alias is null)
        {
            return;
        }

        foreach (var other in accounts)
        {
            Guard.Rule(
                other is null || other.Id == Id || other.Alias is null || AliasKey(other.Alias) != AliasKey(Alias),
                "Account.Alias",
                Alias,
                $"aliases are unique across all accounts; account {other?.Id} already uses it");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Account {Id} '{Name}' of {OwnerId}";

    private Account ChangeStatus(BillingStatus status)
    {
        Guard.Rule(Status != BillingStatus.Closed, "Account.Status", Status, $"account {Id} is closed, which is final");
        return new(_s with { Status = status });
    }

    private static string ValidName(string name) => DomainText.Required(name, "Account.Name", 200);

    private static string? ValidAlias(string? alias)
    {
        var trimmed = DomainText.Optional(alias, "Account.Alias", MaxAliasLength);
        Guard.Rule(trimmed is null || !trimmed.Any(char.IsWhiteSpace), "Account.Alias", trimmed, "an alias has no white space");
        return trimmed;
    }

    private sealed record State(
        AccountId Id,
        CustomerId OwnerId,
        string Name,
        string? Alias,
        Currency Currency,
        BalanceModel BalanceModel,
        Money? CreditLimit,
        BillingStatus Status,
        ImmutableArray<Feature> Features,
        long Version);
}
