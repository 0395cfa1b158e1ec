using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.Numbers;
using Billing.Core.Services;

namespace Billing.Core.Invoicing;

/// <summary>
/// Everything a customer is billed for: its accounts (their custom charges), its numbers and its services, each with its features.
/// Gathered once and billed for any number of periods with <see cref="PeriodChargeCalculator.Calculate"/>.
/// </summary>
/// <remarks>
/// <para>Every account, number and service must belong to <see cref="CustomerId"/>, and each may appear only once (it would be charged
/// twice). A closed account's features are never charged (an account has no closing date, so none of its periods can be told
/// apart); a suspended account's are. See docs/period-charges.md.</para>
/// <para>Immutable and thread-safe. The aggregates are immutable, so the items hold the versions they were given.</para>
/// </remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<BilledItems>))]
public sealed class BilledItems
{
    private readonly BilledFeature[] _features;

    /// <summary>Gathers what a customer is billed for.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="accounts">The customer's accounts, or null for none.</param>
    /// <param name="numbers">The customer's numbers, or null for none.</param>
    /// <param name="services">The customer's services, or null for none.</param>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is <c>default</c>; or a collection holds null, an item of
    /// another customer, or the same id twice.</exception>
    public BilledItems(CustomerId customerId, IEnumerable<Account>? accounts = null, IEnumerable<Number>? numbers = null, IEnumerable<Service>? services = null)
    {
        CustomerId = Guard.NotDefault(customerId);
        Accounts = Gather(accounts, customerId, static a => a.OwnerId, static a => a.Id.Value, "account", nameof(accounts));
        Numbers = Gather(numbers, customerId, static n => n.OwnerId, static n => n.Id.Value, "number", nameof(numbers));
        Services = Gather(services, customerId, static s => s.OwnerId, static s => s.Id.Value, "service", nameof(services));

        var features = new List<BilledFeature>();
        foreach (var account in Accounts)
        {
            if (account.Status != BillingStatus.Closed)
            {
                var owner = ChargeOwner.ForAccount(account.Id);
                foreach (var feature in account.Features)
                {
                    features.Add(new BilledFeature(owner, account.Id, feature, DayRange.All));
                }
            }
        }

        foreach (var number in Numbers)
        {
            var owner = ChargeOwner.ForNumber(number.Id);
            var days = DayRange.Of(number.DateSold, number.DateCeased);
            foreach (var feature in number.Features)
            {
                features.Add(new BilledFeature(owner, number.AccountId, feature, days));
            }
        }

        foreach (var service in Services)
        {
            var owner = ChargeOwner.ForService(service.Id);
            var days = DayRange.Of(service.StartDate, service.EndDate);
            foreach (var feature in service.Features)
            {
                features.Add(new BilledFeature(owner, null, feature, days));
            }
        }

        _features = features.ToArray();
    }

    /// <summary>The customer billed.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>The customer's accounts, in the order given; lines for their features come first.</summary>
    public ImmutableArray<Account> Accounts { get; }

    /// <summary>The customer's numbers, in the order given; lines for their features follow the accounts'.</summary>
    public ImmutableArray<Number> Numbers { get; }

    /// <summary>The customer's services, in the order given; lines for their features come last.</summary>
    public ImmutableArray<Service> Services { get; }

    /// <summary>The features that can be charged, in line order (accounts, numbers, services; each owner's features in order),
    /// closed accounts' left out.</summary>
    internal ReadOnlySpan<BilledFeature> Features => _features;

    /// <inheritdoc />
    public override string ToString()
        => $"Billed items of {CustomerId}: {Accounts.Length} account(s), {Numbers.Length} number(s), {Services.Length} service(s), {_features.Length} chargeable feature(s)";

    private static ImmutableArray<T> Gather<T>(IEnumerable<T>? items, CustomerId customerId, Func<T, CustomerId> ownerOf, Func<T, string> idOf, string what, string paramName)
        where T : class
    {
        if (items is null)
        {
            return [];
        }

        var gathered = ImmutableArray.CreateRange(items);
        var seen = new HashSet<string>(gathered.Length, StringComparer.Ordinal);
        foreach (var item in gathered)
        {
            if (item is null)
            {
                throw new ArgumentException($"The {what}s must not hold null.", paramName);
            }

            var owner = ownerOf(item);
            if (owner != customerId)
            {
                throw new ArgumentException($"{Capitalised(what)} {idOf(item)} belongs to customer {owner}, not to {customerId}.", paramName);
            }

            if (!seen.Add(idOf(item)))
            {
                throw new ArgumentException($"{Capitalised(what)} {idOf(item)} appears twice; it would be charged twice.", paramName);
            }
        }

        return gathered;
    }

    private static string Capitalised(string what) => char.ToUpperInvariant(what[0]) + what[1..];
}
