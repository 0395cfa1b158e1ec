using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Storage;
using NodaTime;

namespace Billing.Core.Services;

/// <summary>
/// Something billed without usage data (SPEC §1.5): hosting, a support contract, a software licence,
/// hardware rental. Its features carry the prices.
/// </summary>
/// <remarks>
/// <para>Fixed at creation: <see cref="Id"/>, <see cref="OwnerId"/> and <see cref="Currency"/> (the owner's).</para>
/// <para>Dates are inclusive: the service runs from <see cref="StartDate"/> through <see cref="EndDate"/>; every
/// feature lies within that range.</para>
/// <para>Immutable and thread-safe; every change returns a new validated instance with the same <see cref="Version"/>.</para>
/// </remarks>
[JsonConverter(typeof(ServiceJsonConverter))]
public sealed class Service
{
    private const string FeatureOwner = "Service";

    private readonly State _s;

    private Service(State s)
    {
        Guard.Rule(s.Id.Value.Length > 0, "Service.Id", null, "an id is required, not default(ServiceId)");
        Guard.Rule(s.OwnerId.Value.Length > 0, "Service.Owner", null, "an owner is required, not default(CustomerId)");
        Guard.Rule(s.Currency.Code.Length > 0, "Service.Currency", null, "must be an ISO 4217 currency, not default(Currency)");
        Guard.Rule(s.EndDate is null || s.EndDate.Value >= s.StartDate, "Service.EndDate", DomainText.Iso(s.EndDate), $"must be on or after the start date {DomainText.Iso(s.StartDate)}");
        Guard.Rule(s.Version >= 0, "Service.Version", s.Version.ToString(CultureInfo.InvariantCulture), "must not be negative");
        FeatureList.Validate(s.Features, FeatureOwner, s.Currency, s.StartDate, s.EndDate);
        _s = s;
    }

    /// <summary>The service's id. Fixed.</summary>
    public ServiceId Id => _s.Id;

    /// <summary>The customer the service is billed to. Fixed.</summary>
    public CustomerId OwnerId => _s.OwnerId;

    /// <summary>The host-defined service type code (1..64 characters).</summary>
    public string ServiceType => _s.ServiceType;

    /// <summary>The name (1..200 characters).</summary>
    public string Name => _s.Name;

    /// <summary>A description, or null.</summary>
    public string? Description => _s.Description;

    /// <summary>The currency of the service's features: the owner's. Fixed.</summary>
    public Currency Currency => _s.Currency;

    /// <summary>The first day of the service.</summary>
    public LocalDate StartDate => _s.StartDate;

    /// <summary>The last day of the service (inclusive), or null while it runs.</summary>
    public LocalDate? EndDate => _s.EndDate;

    /// <summary>The features charged for the service, such as a monthly support fee.</summary>
    public IReadOnlyList<Feature> Features => _s.Features;

    /// <summary>The storage version; domain changes keep it, storage sets it through <see cref="WithVersion"/>.</summary>
    public long Version => _s.Version;

    /// <summary>Creates a service for a customer.</summary>
    /// <param name="id">The service's id.</param>
    /// <param name="owner">The owning customer: not a root and not closed.</param>
    /// <param name="serviceType">A host-defined type code.</param>
    /// <param name="name">The name.</param>
    /// <param name="startDate">The first day.</param>
    /// <param name="description">A description (at most 2000 characters), or null.</param>
    /// <param name="endDate">The last day, or null.</param>
    /// <returns>The service.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="owner"/>, <paramref name="serviceType"/> or <paramref name="name"/> is null.</exception>
    /// <exception cref="BillingRuleException">A value breaks a rule.</exception>
    public static Service Create(ServiceId id, Customer owner, string serviceType, string name, LocalDate startDate, string? description = null, LocalDate? endDate = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        Guard.Rule(!owner.IsRoot, "Service.Owner", owner.Id.Value, "a root customer is never billed and has no services");
        Guard.Rule(owner.Status != BillingStatus.Closed, "Service.Owner", owner.Id.Value, "a closed customer cannot get new services");
        return new(new State(id, owner.Id, ValidType(serviceType), ValidName(name), ValidDescription(description), owner.Currency, startDate, endDate, [], 0));
    }

    /// <summary>
    /// Rebuilds a service from its stored fields. Checks the service's structure (ids, currency, type code and name present, end
    /// date on or after start date, features in its currency and dates) but not the format of its texts (length, characters),
    /// so a service stored by an older version always loads. For storage implementations; see docs/storage.md, "Snapshots and restore".
    /// </summary>
    /// <param name="snapshot">The stored fields.</param>
    /// <returns>The service.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/>, or a required member of it, is null.</exception>
    /// <exception cref="BillingRuleException">A stored value breaks a structural rule; the message names the field.</exception>
    public static Service Restore(ServiceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(new State(
            snapshot.Id,
            snapshot.OwnerId,
            StoredFields.Text(snapshot.ServiceType, "Service.ServiceType"),
            StoredFields.Text(snapshot.Name, "Service.Name"),
            StoredFields.OptionalText(snapshot.Description, "Service.Description"),
            snapshot.Currency,
            snapshot.StartDate,
            snapshot.EndDate,
            FeatureList.Restore(snapshot.Features, FeatureOwner),
            snapshot.Version));
    }

    /// <summary>The service's stored fields, for storage and serialisation; <see cref="Restore"/> turns them back into an equal service.</summary>
    /// <returns>The snapshot.</returns>
    public ServiceSnapshot ToSnapshot() => new()
    {
        Id = Id,
        OwnerId = OwnerId,
        ServiceType = ServiceType,
        Name = Name,
        Description = Description,
        Currency = Currency,
        StartDate = StartDate,
        EndDate = EndDate,
        Features = FeatureList.ToSnapshots(_s.Features),
        Version = Version,
    };

    /// <summary>Whether the service runs on <paramref name="date"/> (inclusive dates).</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> when it runs that day.</returns>
    public bool IsActiveOn(LocalDate date) => date >= StartDate && (EndDate is null || date <= EndDate.Value);

    /// <summary>Returns the service with a new name.</summary>
    /// <param name="name">1..200 characters.</param>
    /// <returns>The changed service.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="BillingRuleException">The name is invalid.</exception>
    public Service Rename(string name) => new(_s with { Name = ValidName(name) });

    /// <summary>Returns the service with a new description.</summary>
    /// <param name="description">At most 2000 characters, or null.</param>
    /// <returns>The changed service.</returns>
    /// <exception cref="BillingRuleException">The description is too long or holds control characters.</exception>
    public Service WithDescription(string? description) => new(_s with { Description = ValidDescription(description) });

    /// <summary>Returns the service with a new type code.</summary>
    /// <param name="serviceType">1..64 characters.</param>
    /// <returns>The changed service.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceType"/> is null.</exception>
    /// <exception cref="BillingRuleException">The code is invalid.</exception>
    public Service WithServiceType(string serviceType) => new(_s with { ServiceType = ValidType(serviceType) });

    /// <summary>Returns the service with a new start date (on or before its features' starts and its end date).</summary>
    /// <param name="startDate">The first day.</param>
    /// <returns>The changed service.</returns>
    /// <exception cref="BillingRuleException">The date is after the end date or after a feature's start.</exception>
    public Service WithStartDate(LocalDate startDate) => new(_s with { StartDate = startDate });

    /// <summary>Ends the service: <paramref name="lastDay"/> becomes its last day and recurring features running past it end on it.</summary>
    /// <param name="lastDay">The last day, on or after the start date.</param>
    /// <returns>The ended service.</returns>
    /// <exception cref="BillingRuleException">The day is before the start date, or a feature starts after it.</exception>
    public Service End(LocalDate lastDay)
    {
        Guard.Rule(lastDay >= StartDate, "Service.EndDate", DomainText.Iso(lastDay), $"must be on or after the start date {DomainText.Iso(StartDate)}");
        return new(_s with { EndDate = lastDay, Features = FeatureList.EndBy(_s.Features, lastDay, FeatureOwner) });
    }

    /// <summary>Attaches a feature (for example a support fee).</summary>
    /// <param name="feature">A feature in the service's currency, within its dates, whose id is not yet attached.</param>
    /// <returns>The changed service.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="feature"/> is null.</exception>
    /// <exception cref="BillingRuleException">The currency differs, the dates fall outside the service's, or the id is taken.</exception>
    public Service AttachFeature(Feature feature) => new(_s with { Features = FeatureList.Attach(_s.Features, feature, FeatureOwner) });

    /// <summary>Replaces an attached feature with a changed version of it (same id).</summary>
    /// <param name="feature">The changed feature.</param>
    /// <returns>The changed service.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="feature"/> is null.</exception>
    /// <exception cref="BillingRuleException">No feature with that id is attached, or the new version breaks a rule.</exception>
    public Service ReplaceFeature(Feature feature) => new(_s with { Features = FeatureList.Replace(_s.Features, feature, FeatureOwner) });

    /// <summary>Detaches a feature.</summary>
    /// <param name="featureId">The feature's id.</param>
    /// <returns>The changed service.</returns>
    /// <exception cref="BillingRuleException">No feature with that id is attached.</exception>
    public Service DetachFeature(FeatureId featureId) => new(_s with { Features = FeatureList.Detach(_s.Features, featureId, FeatureOwner) });

    /// <summary>
    /// For storage implementations only: returns the service carrying the version storage assigned.
    /// Domain code never calls it; domain changes keep the version.
    /// </summary>
    /// <param name="version">The stored version, ≥ 0.</param>
    /// <returns>The same service with that version.</returns>
    /// <exception cref="BillingRuleException"><paramref name="version"/> is negative.</exception>
    public Service WithVersion(long version) => new(_s with { Version = version });

    /// <inheritdoc />
    public override string ToString() => $"Service {Id} '{Name}' ({ServiceType}) of {OwnerId}";

    private static string ValidType(string serviceType) => DomainText.Required(serviceType, "Service.ServiceType", 64);

    private static string ValidName(string name) => DomainText.Required(name, "Service.Name", 200);

    private static string? ValidDescription(string? description) => DomainText.Optional(description, "Service.Description", 2000);

    private sealed record State(
        ServiceId Id,
        CustomerId OwnerId,
        string ServiceType,
        string Name,
        string? Description,
        Currency Currency,
        LocalDate StartDate,
        LocalDate? EndDate,
        ImmutableArray<Feature> Features,
        long Version);
}
