using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using Billing.Core.Storage;
using NodaTime;

namespace Billing.Core.Customers;

/// <summary>
/// A person or company that is billed (see docs/domain-model.md). Created by <see cref="CustomerFactory"/>, which applies
/// host defaults, class rules and the duplicate-name check.
/// </summary>
/// <remarks>
/// <para>Fixed at creation: <see cref="Id"/>, <see cref="Currency"/>, <see cref="BalanceModel"/>, <see cref="BillingCycleAnchor"/>
/// and <see cref="ParentId"/> (moves go through <see cref="CustomerHierarchy.Move"/>). The balance is never a
/// field: it is derived from the ledger.</para>
/// <para>Immutable and thread-safe; every change returns a new validated instance with the same <see cref="Version"/>.</para>
/// </remarks>
[JsonConverter(typeof(CustomerJsonConverter))]
public sealed class Customer
{
    /// <summary>The longest name accepted.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest payment terms accepted, in days.</summary>
    public const int MaxPaymentTermsDays = 365;

    private readonly State _s;

    private Customer(State s)
    {
        // Ids, currency and anchor were checked where they came in (Restore, CreateNew); a change never alters them.
        var id = s.Id.Value;
        Guard.Rule(s.ParentId != s.Id, "Customer.Parent", id, "a customer cannot be its own parent");
        Guard.Rule(s.ParentId is not null || s.ClassId is null, "Customer.Class", s.ClassId?.Value, $"customer {id} is a root, which is never billed and takes no class");
        Guard.Rule(s.ParentId is not null || s.CreditLimit is null, "Customer.CreditLimit", s.CreditLimit, $"customer {id} is a root, which is never billed and has no credit limit");
        Guard.Rule(s.ClassId is not null || s.CustomData.IsEmpty, "Customer.CustomData", id, "custom data holds values for the fields of the customer's class; this customer has no class");
        Guard.Rule(Enum.IsDefined(s.BalanceModel), "Customer.BalanceModel", s.BalanceModel, "must be Prepaid or Postpaid");
        Guard.Rule(Enum.IsDefined(s.Status), "Customer.Status", s.Status, "must be Active, Suspended or Closed");
        CreditLimitRules.Check(s.CreditLimit, s.BalanceModel, s.Currency, "Customer.CreditLimit", "customer", id);

        Guard.Rule(s.PaymentTermsDays is >= 0 and <= MaxPaymentTermsDays, "Customer.PaymentTermsDays", s.PaymentTermsDays, $"must be between 0 and {MaxPaymentTermsDays} days");
        Guard.Rule(s.Version >= 0, "Customer.Version", s.Version, "must not be negative");
        _s = s;
    }

    /// <summary>The customer's id. Fixed.</summary>
    public CustomerId Id => _s.Id;

    /// <summary>The name, trimmed, 1..200 characters, unique among siblings after normalisation (<see cref="CustomerNames"/>).</summary>
    public string Name => _s.Name;

    /// <summary>The e-mail address (domain in lower case).</summary>
    public string Email => _s.Email;

    /// <summary>The billing address.</summary>
    public PostalAddress BillingAddress => _s.BillingAddress;

    /// <summary>The parent customer, or null for a root (the platform owner, never billed itself).</summary>
    public CustomerId? ParentId => _s.ParentId;

    /// <summary>Whether the customer is a root: it has no parent and is never billed itself.</summary>
    public bool IsRoot => _s.ParentId is null;

    /// <summary>The customer class, or null.</summary>
    public CustomerClassId? ClassId => _s.ClassId;

    /// <summary>How the customer's time is cut into billing periods: the cycle the customer was created with. A later change
    /// (<see cref="ScheduleBillingChange"/>) is in <see cref="Schedule"/>; <c>Schedule.CycleOn(date)</c> gives the cycle on a day.</summary>
    public BillingCycle BillingCycle => _s.Schedule.Initial.Cycle;

    /// <summary>The billing time zone (IANA tzdb) the customer was created with; see <see cref="BillingCycle"/> for later changes.</summary>
    public DateTimeZone BillingTimeZone => _s.Schedule.Initial.Zone;

    /// <summary>How anniversary cycles treat anchors on the 29th to 31st (see docs/billing-periods.md), as the customer was
    /// created; see <see cref="BillingCycle"/> for later changes.</summary>
    public MonthEndPolicy MonthEndPolicy => _s.Schedule.Initial.MonthEndPolicy;

    /// <summary>
    /// The customer's billing periods: the calendar it was created with, then every change recorded by
    /// <see cref="ScheduleBillingChange"/>, each taking effect when the period it was requested in closes (no gap, no overlap).
    /// Every engine that needs the customer's periods asks this.
    /// </summary>
    public BillingSchedule Schedule => _s.Schedule;

    /// <summary>
    /// The billing cycle's anchor, the first day of the first billing period: the creation date in the billing time zone, or
    /// for a customer imported from another platform the anchor it had there (see <see cref="NewCustomer.BillingCycleAnchor"/>). Fixed.
    /// </summary>
    public LocalDate BillingCycleAnchor => _s.Schedule.Initial.Anchor;

    /// <summary>Prepaid or postpaid. Fixed.</summary>
    public BalanceModel BalanceModel => _s.BalanceModel;

    /// <summary>The ISO 4217 currency the customer is billed in. Fixed.</summary>
    public Currency Currency => _s.Currency;

    /// <summary>The credit limit of a postpaid customer, or null for no limit (always null when prepaid, and for a root).</summary>
    public Money? CreditLimit => _s.CreditLimit;

    /// <summary>Days from invoice date to due date (0..365).</summary>
    public int PaymentTermsDays => _s.PaymentTermsDays;

    /// <summary>The BCP 47 language tag, in conventional case (e.g. <c>en-GB</c>).</summary>
    public string Language => _s.Language;

    /// <summary>Active, suspended or closed. Closed is final.</summary>
    public BillingStatus Status => _s.Status;

    /// <summary>Values for the custom fields of the customer's class, keyed by field name.</summary>
    public IReadOnlyDictionary<string, CustomFieldValue> CustomData => _s.CustomData;

    /// <summary>The storage version; domain changes keep it, storage sets it through <see cref="WithVersion"/>.</summary>
    public long Version => _s.Version;

    /// <summary>
    /// Rebuilds a customer from its stored fields. Checks the customer's structure — ids, a root without class, custom data only
    /// with a class, enums defined, currency, credit limit against balance model and currency, a tzdb billing zone, required texts
    /// present, payment-terms bounds, version — but not input formats that a later version may tighten (e-mail syntax, name
    /// length and characters, language-tag syntax), so a customer stored by an older version always loads; values are kept
    /// exactly as stored. Cross-aggregate rules (siblings' names, the hierarchy, the class's field definitions) are the store's
    /// and the creating operation's. For storage implementations; see docs/storage.md, "Snapshots and restore".
    /// </summary>
    /// <param name="snapshot">The stored fields.</param>
    /// <returns>The customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/>, or a required member of it, is null.</exception>
    /// <exception cref="ArgumentException">A required value of the snapshot is <c>default</c> (an id, the currency, an amount).</exception>
    /// <exception cref="BillingRuleException">A stored value breaks a structural rule; the message names the field.</exception>
    public static Customer Restore(CustomerSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Guard.NotDefault(snapshot.Id);
        Guard.NotDefault(snapshot.ParentId);
        Guard.NotDefault(snapshot.ClassId);
        Guard.NotDefault(snapshot.Currency);
        Guard.NotDefault(snapshot.CreditLimit);
        var data = ImmutableDictionary.CreateBuilder<string, CustomFieldValue>(StringComparer.Ordinal);
        foreach (var (key, value) in StoredFields.Required(snapshot.CustomData, "Customer.CustomData"))
        {
            Guard.Rule(value.Type != 0, $"CustomData.{key}", null, "a stored custom value needs a type");
            data[key] = value;
        }

        var tzdb = TzdbZone(StoredFields.Required(snapshot.BillingTimeZone, "Customer.BillingTimeZone"), "Customer.BillingTimeZone");
        var schedule = RestoreSchedule(snapshot, tzdb);
        return new Customer(new State(
            snapshot.Id,
            StoredFields.Text(snapshot.Name, "Customer.Name"),
            StoredFields.Text(snapshot.Email, "Customer.Email"),
            StoredFields.Required(snapshot.BillingAddress, "Customer.BillingAddress"),
            snapshot.ParentId,
            snapshot.ClassId,
            schedule,
            snapshot.BalanceModel,
            snapshot.Currency,
            snapshot.CreditLimit,
            snapshot.PaymentTermsDays,
            StoredFields.Text(snapshot.Language, "Customer.Language"),
            snapshot.Status,
            data.ToImmutable(),
            snapshot.Version));
    }

    /// <summary>The customer's stored fields, for storage and serialisation; <see cref="Restore"/> turns them back into an equal customer.</summary>
    /// <returns>The snapshot.</returns>
    public CustomerSnapshot ToSnapshot() => new()
    {
        Id = Id,
        Name = Name,
        Email = Email,
        BillingAddress = BillingAddress,
        ParentId = ParentId,
        ClassId = ClassId,
        BillingCycle = BillingCycle,
        BillingTimeZone = BillingTimeZone,
        BillingCycleAnchor = BillingCycleAnchor,
        MonthEndPolicy = MonthEndPolicy,
        BillingChanges = ChangeSnapshots(),
        BalanceModel = BalanceModel,
        Currency = Currency,
        CreditLimit = CreditLimit,
        PaymentTermsDays = PaymentTermsDays,
        Language = Language,
        Status = Status,
        CustomData = _s.CustomData,
        Version = Version,
    };

    internal static Customer CreateNew(
        CustomerId id,
        string name,
        string email,
        PostalAddress billingAddress,
        CustomerId? parentId,
        CustomerClassId? classId,
        BillingCycle billingCycle,
        DateTimeZone zone,
        LocalDate anchor,
        MonthEndPolicy monthEndPolicy,
        BalanceModel balanceModel,
        Currency currency,
        Money? creditLimit,
        int paymentTermsDays,
        string language,
        ImmutableDictionary<string, CustomFieldValue> customData)
    {
        BillingCalendar.EnsureSupportedAnchor(anchor, nameof(anchor));
        var calendar = Calendar(billingCycle, anchor, zone, monthEndPolicy, "Customer");
        return new(new State(
            id,
            ValidName(name),
            EmailSyntax.Validate(email, "Customer.Email"),
            Guard.NotNull(billingAddress),
            parentId,
            classId,
            new BillingSchedule(calendar),
            balanceModel,
            currency,
            creditLimit,
            paymentTermsDays,
            LanguageTag.Validate(language, "Customer.Language"),
            BillingStatus.Active,
            customData,
            0));
    }

    /// <summary>
    /// Returns the customer with a new name, refusing one whose normalised form (<see cref="CustomerNames.Normalise"/>)
    /// equals a sibling's.
    /// </summary>
    /// <param name="name">1..200 characters, trimmed.</param>
    /// <param name="siblings">Customers to check against; those with another parent, and this customer itself, are ignored.</param>
    /// <returns>The renamed customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="siblings"/> is null.</exception>
    /// <exception cref="BillingRuleException">The name is invalid or a sibling already has it.</exception>
    public Customer Rename(string name, IEnumerable<Customer> siblings)
    {
        ArgumentNullException.ThrowIfNull(siblings);
        var valid = ValidName(name);
        EnsureNameFree(valid, ParentId, Id, siblings);
        return new(_s with { Name = valid });
    }

    /// <summary>Returns the customer with a new e-mail address.</summary>
    /// <param name="email">A syntactically valid address.</param>
    /// <returns>The changed customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="email"/> is null.</exception>
    /// <exception cref="BillingRuleException">The address is not valid syntax.</exception>
    public Customer WithEmail(string email) => new(_s with { Email = EmailSyntax.Validate(email, "Customer.Email") });

    /// <summary>Returns the customer with a new billing address.</summary>
    /// <param name="address">The address.</param>
    /// <returns>The changed customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    public Customer WithBillingAddress(PostalAddress address) => new(_s with { BillingAddress = Guard.NotNull(address) });

    /// <summary>
    /// Returns the customer with a new credit limit, or no limit when null. Lowering a limit below what is
    /// already owed is allowed: it only blocks further charges.
    /// </summary>
    /// <param name="creditLimit">A non-negative amount in the customer's currency, or null for no limit.</param>
    /// <returns>The changed customer.</returns>
    /// <exception cref="ArgumentException"><paramref name="creditLimit"/> is <c>default(Money)</c>.</exception>
    /// <exception cref="BillingRuleException">The customer is a root or prepaid, or the amount is negative or in another currency.</exception>
    public Customer WithCreditLimit(Money? creditLimit) => new(_s with { CreditLimit = Guard.NotDefault(creditLimit) });

    /// <summary>Returns the customer with new payment terms.</summary>
    /// <param name="days">Days from invoice date to due date, 0..365.</param>
    /// <returns>The changed customer.</returns>
    /// <exception cref="BillingRuleException">The number of days is out of range.</exception>
    public Customer WithPaymentTerms(int days) => new(_s with { PaymentTermsDays = days });

    /// <summary>Returns the customer with a new language.</summary>
    /// <param name="language">A well-formed BCP 47 tag such as <c>en-GB</c>.</param>
    /// <returns>The changed customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="language"/> is null.</exception>
    /// <exception cref="BillingRuleException">The tag is not well formed.</exception>
    public Customer WithLanguage(string language) => new(_s with { Language = LanguageTag.Validate(language, "Customer.Language") });

    /// <summary>
    /// Returns the customer assigned to <paramref name="customerClass"/> (or to no class when null) with
    /// custom data checked against the class's field definitions.
    /// </summary>
    /// <param name="customerClass">The class, or null to remove the class.</param>
    /// <param name="customData">Values for the class's custom fields; must be empty or null without a class.</param>
    /// <param name="hierarchy">A hierarchy holding the customer's parent and its ancestors (for the managed-by rules).</param>
    /// <returns>The changed customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hierarchy"/> is null.</exception>
    /// <exception cref="BillingRuleException">The class may not be assigned to this customer, or the custom data does not fit it.</exception>
    public Customer WithClass(CustomerClass? customerClass, IReadOnlyDictionary<string, CustomFieldValue>? customData, CustomerHierarchy hierarchy)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        if (customerClass is null)
        {
            Guard.Rule(customData is null || customData.Count == 0, "Customer.CustomData", Id.Value, "custom data needs a class that defines its fields");
            return new(_s with { ClassId = null, CustomData = ImmutableDictionary<string, CustomFieldValue>.Empty });
        }

        customerClass.EnsureAssignable(ParentId, Currency, hierarchy);
        return new(_s with { ClassId = customerClass.Id, CustomData = customerClass.CheckCustomData(customData) });
    }

    /// <summary>Returns the customer with new custom data, checked against its class's field definitions.</summary>
    /// <param name="customerClass">The customer's own class.</param>
    /// <param name="customData">Values by field name.</param>
    /// <returns>The changed customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerClass"/> is null.</exception>
    /// <exception cref="BillingRuleException">The class is not the customer's, or the data does not fit it.</exception>
    public Customer WithCustomData(CustomerClass customerClass, IReadOnlyDictionary<string, CustomFieldValue>? customData)
    {
        ArgumentNullException.ThrowIfNull(customerClass);
        Guard.Rule(ClassId == customerClass.Id, "Customer.Class", customerClass.Id.Value, $"customer {Id} belongs to class {ClassId?.Value ?? "(none)"}");
        return new(_s with { CustomData = customerClass.CheckCustomData(customData) });
    }

    /// <summary>
    /// Records a change of billing cycle, anchor, month-end policy or billing time zone (any of them, or several at once)
    /// requested on <paramref name="requestedOn"/>. It takes effect when the period containing that day closes: the periods up
    /// to then are unchanged, and the first period of the new calendar starts that day (see <see cref="BillingSchedule.WithChange"/>
    /// and docs/billing-periods.md, "Changing a cycle").
    /// </summary>
    /// <param name="requestedOn">The day of the request, in the billing time zone in force; on or after the day the previous
    /// change took effect.</param>
    /// <param name="cycle">The new cycle; by default the one in force.</param>
    /// <param name="anchor">The anchor the new periods are laid out from, on or before the day the change takes effect; by default
    /// that day when a cycle is given, else the anchor in force.</param>
    /// <param name="monthEndPolicy">The new month-end policy; by default the one in force.</param>
    /// <param name="zone">The new billing time zone; by default the one in force.</param>
    /// <returns>The customer with the change in its <see cref="Schedule"/>.</returns>
    /// <exception cref="BillingRuleException">The customer is closed, or the request breaks a schedule rule (before the anchor,
    /// before the previous change took effect, a new anchor after the day the change takes effect).</exception>
    /// <exception cref="ArgumentException">Nothing to change was given, or a date is not in the ISO calendar.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A cycle or policy is not a defined value, or the change would take effect
    /// beyond the supported dates.</exception>
    public Customer ScheduleBillingChange(
        LocalDate requestedOn,
        BillingCycle? cycle = null,
        LocalDate? anchor = null,
        MonthEndPolicy? monthEndPolicy = null,
        DateTimeZone? zone = null)
    {
        Guard.Rule(Status != BillingStatus.Closed, "Customer.Status", Status, $"customer {Id} is closed, which is final; its billing cannot change");
        return new(_s with { Schedule = _s.Schedule.WithChange(requestedOn, cycle, anchor, monthEndPolicy, zone is null ? null : TzdbZone(zone, "Customer.BillingTimeZone")) });
    }

    /// <summary>
    /// The instant <paramref name="period"/> of the customer's <see cref="Schedule"/> is closed for billing: when it closes, plus
    /// the <see cref="CustomerClass.ClosingDelay"/> of the customer's class (no delay without a class). A billing run bills a
    /// period only from then on. See docs/billing-periods.md, "Closing delay".
    /// </summary>
    /// <param name="period">A period of the customer's schedule.</param>
    /// <param name="customerClass">The customer's class (the one <see cref="ClassId"/> names), or null when it has none.</param>
    /// <returns>The instant.</returns>
    /// <exception cref="BillingRuleException"><paramref name="customerClass"/> is not the customer's class (or null while the customer
    /// has one).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The instant would be beyond the instants NodaTime supports.</exception>
    public Instant ClosedForBillingAt(BillingPeriod period, CustomerClass? customerClass)
    {
        Guard.Rule(
            customerClass?.Id == ClassId,
            "Customer.Class",
            customerClass?.Id.Value,
            $"customer {Id} belongs to class {ClassId?.Value ?? "(none)"}; pass that class for its closing delay");
        return Schedule.ClosedForBillingAt(period, customerClass?.ClosingDelay ?? Duration.Zero);
    }

    /// <summary>Suspends an active customer: every charge is declined until it is activated again.</summary>
    /// <returns>The suspended customer (the same state when already suspended).</returns>
    /// <exception cref="BillingRuleException">The customer is closed.</exception>
    public Customer Suspend() => ChangeStatus(BillingStatus.Suspended);

    /// <summary>Activates a suspended customer.</summary>
    /// <returns>The active customer (the same state when already active).</returns>
    /// <exception cref="BillingRuleException">The customer is closed.</exception>
    public Customer Activate() => ChangeStatus(BillingStatus.Active);

    /// <summary>Closes the customer for good (use <see cref="CustomerHierarchy.DecideRemoval"/> to see whether it could be deleted instead).</summary>
    /// <returns>The closed customer.</returns>
    public Customer Close() => new(_s with { Status = BillingStatus.Closed });

    /// <summary>
    /// For storage implementations only: returns the customer carrying the version storage assigned.
    /// Domain code never calls it; domain changes keep the version.
    /// </summary>
    /// <param name="version">The stored version, ≥ 0.</param>
    /// <returns>The same customer with that version.</returns>
    /// <exception cref="BillingRuleException"><paramref name="version"/> is negative.</exception>
    public Customer WithVersion(long version) => new(_s with { Version = version });

    /// <inheritdoc />
    public override string ToString() => $"Customer {Id} '{Name}'";

    internal Customer WithParent(CustomerId parentId, CustomerClassId? classId, ImmutableDictionary<string, CustomFieldValue> customData)
        => new(_s with { ParentId = parentId, ClassId = classId, CustomData = customData });

    /// <summary>Checks that this customer may own a new account, number or service: it is billed (not a root) and not closed.</summary>
    /// <param name="field">The owner field named in errors, e.g. <c>Account.Owner</c>.</param>
    /// <param name="things">What it would own, in the plural, e.g. <c>accounts</c>.</param>
    /// <exception cref="BillingRuleException">The customer is a root or closed.</exception>
    internal void EnsureCanOwn(string field, string things)
    {
        Guard.Rule(!IsRoot, field, Id.Value, $"a root customer is never billed and owns no {things}");
        Guard.Rule(Status != BillingStatus.Closed, field, Id.Value, $"a closed customer cannot get new {things}");
    }

    internal static void EnsureNameFree(string name, CustomerId? parentId, CustomerId? self, IEnumerable<Customer> siblings)
    {
        var key = CustomerNames.Normalise(name);
        foreach (var sibling in siblings)
        {
            if (sibling is null || sibling.ParentId != parentId || sibling.Id == self)
            {
                continue;
            }

            Guard.Rule(
                CustomerNames.Normalise(sibling.Name) != key,
                "Customer.Name",
                name,
                $"a customer with the same normalised name already exists under the same parent ({sibling.Id} '{sibling.Name}')");
        }
    }

    /// <summary>The tzdb's zone with the id of <paramref name="zone"/>: a zone from another provider (the BCL's, a custom one) is
    /// refused unless the tzdb knows its id, so that every stored customer restores.</summary>
    internal static DateTimeZone TzdbZone(DateTimeZone zone, string field)
    {
        var tzdb = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone.Id);
        Guard.Rule(tzdb is not null, field, DomainText.Shorten(zone.Id), "not an IANA time zone id known to the tzdb (e.g. Europe/London)");
        return tzdb;
    }

    private static BillingCalendar Calendar(BillingCycle cycle, LocalDate anchor, DateTimeZone zone, MonthEndPolicy policy, string field)
    {
        Guard.Rule(Enum.IsDefined(cycle), field + ".BillingCycle", cycle, "not a defined billing cycle");
        Guard.Rule(Enum.IsDefined(policy), field + ".MonthEndPolicy", policy, "not a defined month-end policy");
        Guard.Rule(
            anchor.Calendar == CalendarSystem.Iso && anchor >= BillingCalendar.MinAnchor && anchor <= BillingCalendar.MaxAnchor,
            field + ".BillingCycleAnchor",
            anchor,
            $"an anchor is an ISO date from {BillingCalendar.MinAnchor} to {BillingCalendar.MaxAnchor}");
        return new BillingCalendar(cycle, anchor, zone, policy);
    }

    private static BillingSchedule RestoreSchedule(CustomerSnapshot snapshot, DateTimeZone zone)
    {
        var schedule = new BillingSchedule(Calendar(snapshot.BillingCycle, snapshot.BillingCycleAnchor, zone, snapshot.MonthEndPolicy, "Customer"));
        var changes = StoredFields.Required(snapshot.BillingChanges, "Customer.BillingChanges");
        for (var i = 0; i < changes.Count; i++)
        {
            var field = $"Customer.BillingChanges[{i.ToString(CultureInfo.InvariantCulture)}]";
            var change = StoredFields.Required(changes[i], field);
            var tzdb = TzdbZone(StoredFields.Required(change.BillingTimeZone, field + ".BillingTimeZone"), field + ".BillingTimeZone");
            var calendar = Calendar(change.BillingCycle, change.BillingCycleAnchor, tzdb, change.MonthEndPolicy, field);
            try
            {
                schedule = schedule.WithChange(change.RequestedOn, calendar.Cycle, calendar.Anchor, calendar.MonthEndPolicy, calendar.Zone);
            }
            catch (Exception e) when (e is ArgumentException or BillingRuleException)
            {
                throw new BillingRuleException(field, Guard.Format(change.RequestedOn), "the stored change does not apply to the schedule before it: " + e.Message.TrimEnd('.'));
            }

            Guard.Rule(
                schedule.Changes[^1].EffectiveFrom == change.EffectiveFrom,
                field + ".EffectiveFrom",
                Guard.Format(change.EffectiveFrom),
                $"the change requested on {Guard.Format(change.RequestedOn)} takes effect on {Guard.Format(schedule.Changes[^1].EffectiveFrom)}");
        }

        return schedule;
    }

    private ValueList<BillingChangeSnapshot> ChangeSnapshots()
    {
        var changes = _s.Schedule.Changes;
        if (changes.IsEmpty)
        {
            return ValueList<BillingChangeSnapshot>.Empty;
        }

        var snapshots = ImmutableArray.CreateBuilder<BillingChangeSnapshot>(changes.Length);
        foreach (var change in changes)
        {
            snapshots.Add(new BillingChangeSnapshot
            {
                RequestedOn = change.RequestedOn,
                EffectiveFrom = change.EffectiveFrom,
                BillingCycle = change.Cycle,
                BillingCycleAnchor = change.Anchor,
                MonthEndPolicy = change.MonthEndPolicy,
                BillingTimeZone = change.Zone,
            });
        }

        return ValueList<BillingChangeSnapshot>.Of(snapshots.MoveToImmutable());
    }

    private Customer ChangeStatus(BillingStatus status)
    {
        Guard.Rule(Status != BillingStatus.Closed, "Customer.Status", Status, $"customer {Id} is closed, which is final");
        return new(_s with { Status = status });
    }

    private static string ValidName(string name) => DomainText.Required(name, "Customer.Name", MaxNameLength);

    private sealed record State(
        CustomerId Id,
        string Name,
        string Email,
        PostalAddress BillingAddress,
        CustomerId? ParentId,
        CustomerClassId? ClassId,
        BillingSchedule Schedule,
        BalanceModel BalanceModel,
        Currency Currency,
        Money? CreditLimit,
        int PaymentTermsDays,
        string Language,
        BillingStatus Status,
        ImmutableDictionary<string, CustomFieldValue> CustomData,
        long Version);
}
