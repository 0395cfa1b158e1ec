using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Storage;
using NodaTime;

namespace Billing.Core.CustomerClasses;

/// <summary>
/// A named set of parameters shared by many customers, e.g. "Retail" or "Business" (see docs/domain-model.md).
/// </summary>
/// <remarks>
/// <para>Fixed at creation: <see cref="Id"/>, <see cref="ManagedBy"/> and <see cref="Currency"/> (set or absent);
/// no method can change them, because customers already assigned rely on them.</para>
/// <para>Immutable and thread-safe; every change returns a new validated instance with the same <see cref="Version"/>.</para>
/// </remarks>
[JsonConverter(typeof(CustomerClassJsonConverter))]
public sealed class CustomerClass
{
    /// <summary>The longest grace period accepted, in days.</summary>
    public const int MaxGracePeriodDays = 365;

    /// <summary>The longest closing delay accepted: 31 days.</summary>
    public static readonly Duration MaxClosingDelay = Duration.FromDays(31);

    private readonly State _s;

    private CustomerClass(State state)
    {
        // The id and the currency were checked where they came in (Create); a change never alters them.
        Guard.Rule(state.GracePeriodDays is >= 0 and <= MaxGracePeriodDays, "CustomerClass.GracePeriodDays", state.GracePeriodDays, $"must be between 0 and {MaxGracePeriodDays} days");
        Guard.Rule(
            state.ClosingDelay >= Duration.Zero && state.ClosingDelay <= MaxClosingDelay,
            "CustomerClass.ClosingDelay",
            state.ClosingDelay,
            "must be between zero and 31 days");
        Guard.Rule(state.Version >= 0, "CustomerClass.Version", state.Version, "must not be negative");
        _s = state;
    }

    /// <summary>The class's id.</summary>
    public CustomerClassId Id => _s.Id;

    /// <summary>The name, 1..100 characters, unique (case-insensitively) among the classes of its manager.</summary>
    public string Name => _s.Name;

    /// <summary>A description, or null.</summary>
    public string? Description => _s.Description;

    /// <summary>The administrator or the reseller that manages the class. Fixed.</summary>
    public ClassManager ManagedBy => _s.ManagedBy;

    /// <summary>What kind of service the class's customers get: an opaque host-chosen code, or null.</summary>
    public string? BusinessModel => _s.BusinessModel;

    /// <summary>The only currency the class's customers may be billed in, or null when it fits any. Fixed.</summary>
    public Currency? Currency => _s.Currency;

    /// <summary>Whether invoices are produced for the class's customers.</summary>
    public bool InvoicesEnabled => _s.InvoicesEnabled;

    /// <summary>Whether usage records (statistics) are archived.</summary>
    public bool ArchiveUsageRecords => _s.ArchiveUsageRecords;

    /// <summary>The taxation applied to net charges.</summary>
    public Taxation Taxation => _s.Taxation;

    /// <summary>Days after an invoice's due date before an unpaid customer is due for suspension (0..365).</summary>
    public int GracePeriodDays => _s.GracePeriodDays;

    /// <summary>
    /// How long after a billing period of the class's customers ends it is closed for billing (zero unless set): usage records
    /// that arrive late still land in the period until then, and a billing run waits for it. See
    /// <see cref="Customer.ClosedForBillingAt"/> and docs/billing-periods.md, "Closing delay".
    /// </summary>
    public Duration ClosingDelay => _s.ClosingDelay;

    /// <summary>An opaque reference to the host's invoice template, or null.</summary>
    public string? InvoiceTemplate => _s.InvoiceTemplate;

    /// <summary>An opaque reference to the host's notification list, or null.</summary>
    public string? NotificationList => _s.NotificationList;

    /// <summary>The custom fields the class's customers fill in, names unique case-insensitively.</summary>
    public IReadOnlyList<CustomFieldDefinition> CustomFields => _s.CustomFields;

    /// <summary>The storage version; domain changes keep it, storage sets it through <see cref="WithVersion"/>.</summary>
    public long Version => _s.Version;

    /// <summary>Creates a class.</summary>
    /// <param name="id">The class's id.</param>
    /// <param name="name">1..100 characters.</param>
    /// <param name="managedBy">The administrator or a reseller.</param>
    /// <param name="currency">The only currency its customers may use, or null for any. Fixed forever.</param>
    /// <param name="description">A description (at most 1000 characters), or null.</param>
    /// <param name="businessModel">A host-chosen code (at most 64 characters), or null.</param>
    /// <param name="invoicesEnabled">Whether invoices are produced.</param>
    /// <param name="archiveUsageRecords">Whether usage records are archived.</param>
    /// <param name="taxation">The taxation; none by default.</param>
    /// <param name="gracePeriodDays">Days after the due date before suspension, 0..365.</param>
    /// <param name="invoiceTemplate">An opaque template reference, or null.</param>
    /// <param name="notificationList">An opaque notification-list reference, or null.</param>
    /// <param name="customFields">The custom field definitions, or null for none.</param>
    /// <returns>The class.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or a field definition is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> or <paramref name="currency"/> is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">A value breaks a rule.</exception>
    public static CustomerClass Create(
        CustomerClassId id,
        string name,
        ClassManager managedBy,
        Currency? currency = null,
        string? description = null,
        string? businessModel = null,
        bool invoicesEnabled = true,
        bool archiveUsageRecords = true,
        Taxation taxation = default,
        int gracePeriodDays = 0,
        string? invoiceTemplate = null,
        string? notificationList = null,
        IEnumerable<CustomFieldDefinition>? customFields = null)
        => new(new State(
            Guard.NotDefault(id),
            ValidName(name),
            DomainText.Optional(description, "CustomerClass.Description", 1000),
            managedBy,
            DomainText.Optional(businessModel, "CustomerClass.BusinessModel", 64),
            Guard.NotDefault(currency),
            invoicesEnabled,
            archiveUsageRecords,
            taxation,
            gracePeriodDays,
            Duration.Zero,
            DomainText.Optional(invoiceTemplate, "CustomerClass.InvoiceTemplate", 256),
            DomainText.Optional(notificationList, "CustomerClass.NotificationList", 256),
            ValidFields(customFields ?? [], nameof(customFields)),
            0));

    /// <summary>
    /// Rebuilds a class from its stored fields. Checks the class's structure (id, currency, grace period bounds, custom field
    /// names unique) but not the format of its texts (name, description and reference lengths and characters), so a class stored
    /// by an older version always loads. Cross-aggregate rules (name unique per manager) are the store's. For storage
    /// implementations; see docs/storage.md, "Snapshots and restore".
    /// </summary>
    /// <param name="snapshot">The stored fields.</param>
    /// <returns>The class.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/>, or a required member of it, is null.</exception>
    /// <exception cref="ArgumentException">A required value of the snapshot is <c>default</c> (an id, the currency, an amount).</exception>
    /// <exception cref="BillingRuleException">A stored value breaks a structural rule; the message names the field.</exception>
    public static CustomerClass Restore(CustomerClassSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Guard.NotDefault(snapshot.Id);
        Guard.NotDefault(snapshot.Currency);
        return new(new State(
            snapshot.Id,
            StoredFields.Text(snapshot.Name, "CustomerClass.Name"),
            StoredFields.OptionalText(snapshot.Description, "CustomerClass.Description"),
            snapshot.ManagedBy,
            StoredFields.OptionalText(snapshot.BusinessModel, "CustomerClass.BusinessModel"),
            snapshot.Currency,
            snapshot.InvoicesEnabled,
            snapshot.ArchiveUsageRecords,
            snapshot.Taxation,
            snapshot.GracePeriodDays,
            snapshot.ClosingDelay,
            StoredFields.OptionalText(snapshot.InvoiceTemplate, "CustomerClass.InvoiceTemplate"),
            StoredFields.OptionalText(snapshot.NotificationList, "CustomerClass.NotificationList"),
            ValidFields(StoredFields.Required(snapshot.CustomFields, "CustomerClass.CustomFields")),
            snapshot.Version));
    }

    /// <summary>The class's stored fields, for storage and serialisation; <see cref="Restore"/> turns them back into an equal class.</summary>
    /// <returns>The snapshot.</returns>
    public CustomerClassSnapshot ToSnapshot() => new()
    {
        Id = Id,
        Name = Name,
        Description = Description,
        ManagedBy = ManagedBy,
        BusinessModel = BusinessModel,
        Currency = Currency,
        InvoicesEnabled = InvoicesEnabled,
        ArchiveUsageRecords = ArchiveUsageRecords,
        Taxation = Taxation,
        GracePeriodDays = GracePeriodDays,
        ClosingDelay = ClosingDelay,
        InvoiceTemplate = InvoiceTemplate,
        NotificationList = NotificationList,
        CustomFields = _s.CustomFields,
        Version = Version,
    };

    /// <summary>Returns the class with a new name.</summary>
    /// <param name="name">1..100 characters.</param>
    /// <returns>The changed class.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="BillingRuleException">The name is invalid.</exception>
    public CustomerClass Rename(string name) => new(_s with { Name = ValidName(name) });

    /// <summary>Returns the class with a new description.</summary>
    /// <param name="description">At most 1000 characters, or null/white space for none.</param>
    /// <returns>The changed class.</returns>
    /// <exception cref="BillingRuleException">The description is too long or holds control characters.</exception>
    public CustomerClass WithDescription(string? description)
        => new(_s with { Description = DomainText.Optional(description, "CustomerClass.Description", 1000) });

    /// <summary>Returns the class with a new business-model code.</summary>
    /// <param name="businessModel">At most 64 characters, or null for none.</param>
    /// <returns>The changed class.</returns>
    /// <exception cref="BillingRuleException">The code is too long or holds control characters.</exception>
    public CustomerClass WithBusinessModel(string? businessModel)
        => new(_s with { BusinessModel = DomainText.Optional(businessModel, "CustomerClass.BusinessModel", 64) });

    /// <summary>Returns the class with invoices enabled or disabled.</summary>
    /// <param name="enabled">Whether invoices are produced.</param>
    /// <returns>The changed class.</returns>
    public CustomerClass WithInvoicesEnabled(bool enabled) => new(_s with { InvoicesEnabled = enabled });

    /// <summary>Returns the class with usage-record archiving switched on or off.</summary>
    /// <param name="archive">Whether usage records are archived.</param>
    /// <returns>The changed class.</returns>
    public CustomerClass WithArchiveUsageRecords(bool archive) => new(_s with { ArchiveUsageRecords = archive });

    /// <summary>Returns the class with a new taxation.</summary>
    /// <param name="taxation">The taxation.</param>
    /// <returns>The changed class.</returns>
    public CustomerClass WithTaxation(Taxation taxation) => new(_s with { Taxation = taxation });

    /// <summary>Returns the class with a new grace period.</summary>
    /// <param name="days">0..365.</param>
    /// <returns>The changed class.</returns>
    /// <exception cref="BillingRuleException">The number of days is out of range.</exception>
    public CustomerClass WithGracePeriodDays(int days) => new(_s with { GracePeriodDays = days });

    /// <summary>Returns the class with a new closing delay (see <see cref="ClosingDelay"/>).</summary>
    /// <param name="closingDelay">From zero to <see cref="MaxClosingDelay"/> (31 days).</param>
    /// <returns>The changed class.</returns>
    /// <exception cref="BillingRuleException">The delay is negative or longer than 31 days.</exception>
    public CustomerClass WithClosingDelay(Duration closingDelay) => new(_s with { ClosingDelay = closingDelay });

    /// <summary>Returns the class with a new invoice-template reference.</summary>
    /// <param name="invoiceTemplate">At most 256 characters, or null.</param>
    /// <returns>The changed class.</returns>
    /// <exception cref="BillingRuleException">The reference is too long or holds control characters.</exception>
    public CustomerClass WithInvoiceTemplate(string? invoiceTemplate)
        => new(_s with { InvoiceTemplate = DomainText.Optional(invoiceTemplate, "CustomerClass.InvoiceTemplate", 256) });

    /// <summary>Returns the class with a new notification-list reference.</summary>
    /// <param name="notificationList">At most 256 characters, or null.</param>
    /// <returns>The changed class.</returns>
    /// <exception cref="BillingRuleException">The reference is too long or holds control characters.</exception>
    public CustomerClass WithNotificationList(string? notificationList)
        => new(_s with { NotificationList = DomainText.Optional(notificationList, "CustomerClass.NotificationList", 256) });

    /// <summary>
    /// Returns the class with new custom field definitions. Customers already assigned keep their data;
    /// the new definitions apply the next time their custom data or class changes.
    /// </summary>
    /// <param name="customFields">The definitions.</param>
    /// <returns>The changed class.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customFields"/> or a definition is null.</exception>
    /// <exception cref="BillingRuleException">Two definitions share a name.</exception>
    public CustomerClass WithCustomFields(IEnumerable<CustomFieldDefinition> customFields)
    {
        ArgumentNullException.ThrowIfNull(customFields);
        return new(_s with { CustomFields = ValidFields(customFields) });
    }

    /// <summary>
    /// For storage implementations only: returns the class carrying the version storage assigned.
    /// Domain code never calls it; domain changes keep the version.
    /// </summary>
    /// <param name="version">The stored version, ≥ 0.</param>
    /// <returns>The same class with that version.</returns>
    /// <exception cref="BillingRuleException"><paramref name="version"/> is negative.</exception>
    public CustomerClass WithVersion(long version) => new(_s with { Version = version });

    /// <summary>
    /// Checks the custom data a customer of this class supplies: every field is defined by the class, every
    /// value has the field's type (and a choice is one of its options), and every mandatory field is present.
    /// </summary>
    /// <param name="data">Values by field name (matched case-insensitively), or null for none.</param>
    /// <returns>The values keyed by the definitions' own spelling.</returns>
    /// <exception cref="BillingRuleException">A field is unknown, a value has the wrong type, or a mandatory field is missing.</exception>
    public ImmutableDictionary<string, CustomFieldValue> CheckCustomData(IReadOnlyDictionary<string, CustomFieldValue>? data)
    {
        var result = ImmutableDictionary.CreateBuilder<string, CustomFieldValue>(StringComparer.Ordinal);
        foreach (var (key, value) in data ?? ImmutableDictionary<string, CustomFieldValue>.Empty)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(data));
            var definition = Find(key);
            Guard.Rule(definition is not null, "Customer.CustomData", DomainText.Shorten(key), $"class '{Name}' defines no such custom field");
            Guard.Rule(!result.ContainsKey(definition.Name), "Customer.CustomData", DomainText.Shorten(key), "a custom field may be given only once");
            result.Add(definition.Name, definition.Check(value));
        }

        foreach (var definition in CustomFields.Where(d => d.IsMandatory))
        {
            Guard.Rule(result.ContainsKey(definition.Name), $"CustomData.{definition.Name}", null, $"class '{Name}' requires this field ({definition.Type})");
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Checks that this class may be assigned to a customer with the given parent and currency: the currency
    /// matches the class's, and the customer is a direct customer of a root (administrator class) or lies
    /// below the managing reseller (reseller class). Roots cannot be given a class.
    /// </summary>
    /// <param name="parentId">The customer's parent, or null for a root.</param>
    /// <param name="currency">The customer's currency.</param>
    /// <param name="hierarchy">A hierarchy that holds the parent and its ancestors.</param>
    /// <exception cref="ArgumentNullException"><paramref name="hierarchy"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parentId"/> or <paramref name="currency"/> is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The class may not be assigned.</exception>
    public void EnsureAssignable(CustomerId? parentId, Currency currency, CustomerHierarchy hierarchy)
    {
        Guard.NotDefault(parentId);
        Guard.NotDefault(currency);
        ArgumentNullException.ThrowIfNull(hierarchy);
        Guard.Rule(Currency is null || Currency.Value == currency, "Customer.Class", Name, $"the class bills only in {Currency}, the customer is billed in {currency}");
        Guard.Rule(parentId is not null, "Customer.Class", Name, "a root customer is never billed and takes no class");
        var parent = parentId.Value;
        Guard.Rule(hierarchy.Contains(parent), "Customer.Parent", parent.Value, "the parent is not in the hierarchy given");
        if (ManagedBy.ResellerId is { } reseller)
        {
            Guard.Rule(
                hierarchy.IsVisibleTo(reseller, parent),
                "Customer.Class",
                Name,
                $"a class managed by reseller {reseller} may be assigned only to customers below that reseller");
        }
        else
        {
            Guard.Rule(hierarchy.Get(parent).IsRoot, "Customer.Class", Name, "an administrator class may be assigned only to the root's direct customers");
        }
    }

    /// <summary>
    /// The key under which class names are unique within their manager: trimmed, every run of white space one space, every
    /// character upper-cased (invariant). Two names clash exactly when their keys are equal; a store keeps the key in a column
    /// with a unique index (see docs/storage.md, "Unique keys").
    /// </summary>
    /// <param name="name">A class name.</param>
    /// <returns>The comparison key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static string NameKey(string name) => DomainText.CaseAndSpaceKey(Guard.NotNull(name));

    /// <summary>Checks that no other class of the same manager has the same name (case-insensitively, white space normalised).</summary>
    /// <param name="classes">The existing classes (this class itself, by id, is ignored).</param>
    /// <exception cref="ArgumentNullException"><paramref name="classes"/> is null.</exception>
    /// <exception cref="BillingRuleException">The name is taken.</exception>
    public void EnsureNameUniqueAmong(IEnumerable<CustomerClass> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var key = NameKey(Name);
        foreach (var other in classes)
        {
            Guard.Rule(
                other is null || other.Id == Id || other.ManagedBy != ManagedBy || NameKey(other.Name) != key,
                "CustomerClass.Name",
                Name,
                $"{ManagedBy} already has a class with this name ({other?.Id})");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"CustomerClass {Id} '{Name}'";

    private CustomFieldDefinition? Find(string name)
    {
        var key = DomainText.CaseAndSpaceKey(name);
        return CustomFields.FirstOrDefault(d => DomainText.CaseAndSpaceKey(d.Name) == key);
    }

    private static string ValidName(string name) => DomainText.Required(name, "CustomerClass.Name", 100);

    private static ImmutableArray<CustomFieldDefinition> ValidFields(IEnumerable<CustomFieldDefinition> fields, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(fields))] string? paramName = null)
    {
        var list = ImmutableArray.CreateBuilder<CustomFieldDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            ArgumentNullException.ThrowIfNull(field, paramName);
            Guard.Rule(names.Add(DomainText.CaseAndSpaceKey(field.Name)), "CustomerClass.CustomFields", field.Name, "custom field names must be unique within a class");
            list.Add(field);
        }

        return list.ToImmutable();
    }

    private sealed record State(
        CustomerClassId Id,
        string Name,
        string? Description,
        ClassManager ManagedBy,
        string? BusinessModel,
        Currency? Currency,
        bool InvoicesEnabled,
        bool ArchiveUsageRecords,
        Taxation Taxation,
        int GracePeriodDays,
        Duration ClosingDelay,
        string? InvoiceTemplate,
        string? NotificationList,
        ImmutableArray<CustomFieldDefinition> CustomFields,
        long Version);
}
