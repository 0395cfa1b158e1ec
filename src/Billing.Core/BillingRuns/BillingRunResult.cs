using NodaTime;

namespace Billing.Core.BillingRuns;

/// <summary>What a <see cref="BillingRun"/> did.</summary>
/// <param name="AsOf">The instant the run billed up to: every period closed for billing by then.</param>
/// <param name="CustomersDone">Customers handled without error, those with nothing to bill among them.</param>
/// <param name="CustomersFailed">Customers whose billing failed.</param>
/// <param name="InvoicesIssued">Invoices this run issued (a rerun issues none that the earlier run issued).</param>
/// <param name="Failures">The first failures with their errors, at most <see cref="BillingRunOptions.MaxRecordedFailures"/>.</param>
/// <param name="Elapsed">How long the run took.</param>
public sealed record BillingRunResult(
    Instant AsOf,
    long CustomersDone,
    long CustomersFailed,
    long InvoicesIssued,
    IReadOnlyList<BillingRunFailure> Failures,
    TimeSpan Elapsed)
{
    /// <summary>Customers handled per second over the whole run.</summary>
    public double CustomersPerSecond => Elapsed > TimeSpan.Zero ? (CustomersDone + CustomersFailed) / Elapsed.TotalSeconds : 0d;
}
