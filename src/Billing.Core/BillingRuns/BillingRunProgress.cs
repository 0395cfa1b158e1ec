namespace Billing.Core.BillingRuns;

/// <summary>Where a <see cref="BillingRun"/> is: reported after every page of customers and once at the end.</summary>
/// <param name="CustomersDone">Customers handled without error so far, those with nothing to bill among them.</param>
/// <param name="CustomersFailed">Customers whose billing failed so far (see <see cref="BillingRunResult.Failures"/>).</param>
/// <param name="InvoicesIssued">Invoices this run issued so far.</param>
/// <param name="TotalCustomers">How many customers the store held when the run started.</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record BillingRunProgress(long CustomersDone, long CustomersFailed, long InvoicesIssued, long TotalCustomers, TimeSpan Elapsed)
{
    /// <summary>Customers handled (done or failed).</summary>
    public long CustomersHandled => CustomersDone + CustomersFailed;

    /// <summary>Customers handled per second so far; zero before any time has passed.</summary>
    public double CustomersPerSecond => Elapsed > TimeSpan.Zero ? CustomersHandled / Elapsed.TotalSeconds : 0d;

    /// <summary>The time left at the rate so far, or null before the rate is known. Zero once every customer counted at the
    /// start is handled.</summary>
    public TimeSpan? EstimatedRemaining
    {
        get
        {
            var left = Math.Max(0, TotalCustomers - CustomersHandled);
            if (left == 0)
            {
                return TimeSpan.Zero;
            }

            var rate = CustomersPerSecond;
            return rate > 0d ? TimeSpan.FromSeconds(left / rate) : null;
        }
    }
}
