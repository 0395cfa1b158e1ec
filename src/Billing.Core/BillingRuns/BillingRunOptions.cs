using System.Globalization;
using Billing.Core.Customers;

namespace Billing.Core.BillingRuns;

/// <summary>How a <see cref="BillingRun"/> walks the customers (see docs/billing-run.md). Part of <see cref="BillingOptions"/>.</summary>
/// <remarks>A mutable options object, as the options pattern requires; validated when the host starts.</remarks>
public sealed class BillingRunOptions
{
    /// <summary>The largest value of <see cref="MaxDegreeOfParallelism"/>.</summary>
    public const int MaxParallelismLimit = 256;

    /// <summary>The largest value of <see cref="MaxPeriodsPerCustomer"/>.</summary>
    public const int MaxPeriodsLimit = 1_000;

    /// <summary>The largest value of <see cref="MaxRecordedFailures"/>.</summary>
    public const int MaxRecordedFailuresLimit = 100_000;

    /// <summary>How many customers are read at a time: 1..<see cref="ICustomerRepository.MaxPageSize"/>, default 500. The run
    /// holds one page in memory, whatever the number of customers.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>How many customers of a page are billed at once: 1..<see cref="MaxParallelismLimit"/>, default the number of
    /// processors.</summary>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>The most invoices one run issues for one customer (a customer several periods behind is caught up this many at a
    /// time; periods with nothing to bill do not count): 1..<see cref="MaxPeriodsLimit"/>, default 24.</summary>
    public int MaxPeriodsPerCustomer { get; set; } = 24;

    /// <summary>How many failures the run's result lists with their errors: 0..<see cref="MaxRecordedFailuresLimit"/>, default
    /// 1,000. Every failure is counted in <see cref="BillingRunResult.CustomersFailed"/> whatever this is.</summary>
    public int MaxRecordedFailures { get; set; } = 1_000;

    internal void AddProblems(List<string> problems)
    {
        Check(problems, "Runs.PageSize", PageSize, 1, ICustomerRepository.MaxPageSize);
        Check(problems, "Runs.MaxDegreeOfParallelism", MaxDegreeOfParallelism, 1, MaxParallelismLimit);
        Check(problems, "Runs.MaxPeriodsPerCustomer", MaxPeriodsPerCustomer, 1, MaxPeriodsLimit);
        Check(problems, "Runs.MaxRecordedFailures", MaxRecordedFailures, 0, MaxRecordedFailuresLimit);
    }

    private static void Check(List<string> problems, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {value} is outside {min}..{max}"));
        }
    }
}
