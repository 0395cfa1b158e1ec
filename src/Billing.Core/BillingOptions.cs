using System.Globalization;
using Billing.Core.BillingRuns;
using Billing.Core.Customers;

namespace Billing.Core;

/// <summary>
/// The host's settings for Billing.Core, configured through <see cref="BillingServiceCollectionExtensions.AddBillingCore"/> and
/// validated when the host starts (one message lists every problem).
/// </summary>
/// <remarks>A mutable options object, as the options pattern requires; the library copies what it needs when it starts.</remarks>
public sealed class BillingOptions
{
    /// <summary>The largest value of <see cref="MaxChargeAttempts"/>.</summary>
    public const int MaxChargeAttemptsLimit = 100;

    /// <summary>Defaults applied to new customers (currency, cycle, time zone, payment terms, balance model, language) and the
    /// depth limit of the customer tree.</summary>
    public CustomerCreationOptions Customers { get; } = new();

    /// <summary>
    /// How many times a charge is tried when the store reports a concurrent write (<see cref="Storage.ConcurrencyConflictException"/>)
    /// before the conflict is surfaced to the caller; 1..<see cref="MaxChargeAttemptsLimit"/>, default 5.
    /// </summary>
    public int MaxChargeAttempts { get; set; } = 5;

    /// <summary>How billing runs walk the customers: page size, parallelism, periods per customer, failures recorded.</summary>
    public BillingRunOptions Runs { get; } = new();

    /// <summary>Every problem with the options, empty when they are valid.</summary>
    /// <returns>The problems, each naming the option and the rule.</returns>
    internal List<string> Problems()
    {
        var problems = new List<string>();
        try
        {
            _ = Customers.Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add(e.Message.TrimEnd('.'));
        }

        if (MaxChargeAttempts is < 1 or > MaxChargeAttemptsLimit)
        {
            problems.Add($"MaxChargeAttempts {MaxChargeAttempts.ToString(CultureInfo.InvariantCulture)} is outside 1..{MaxChargeAttemptsLimit}");
        }

        Runs.AddProblems(problems);
        return problems;
    }
}
