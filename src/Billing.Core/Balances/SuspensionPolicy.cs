using Billing.Core.Periods;
using NodaTime;

namespace Billing.Core.Balances;

/// <summary>
/// Suspension for non-payment (see docs/balances.md): a customer whose oldest unpaid invoice is past its due date plus the
/// class's grace period is due for suspension. "Oldest" is the earliest due date among invoices with something
/// outstanding; "past" means strictly after, so with a due date of 1 March and 7 days' grace the customer is
/// still fine on 8 March and due for suspension from 9 March.
/// </summary>
/// <remarks>Pure and thread-safe; "today" is an argument, never read from a clock.</remarks>
public static class SuspensionPolicy
{
    /// <summary>Decides whether a customer is due for suspension.</summary>
    /// <param name="invoices">The customer's unpaid invoices; settled ones (nothing outstanding) are ignored.</param>
    /// <param name="gracePeriodDays">The customer class's grace period in days; zero or more.</param>
    /// <param name="today">Today's date in the customer's billing time zone.</param>
    /// <returns>Whether the customer is due, and from when. When the due date plus the grace period lies beyond
    /// <see cref="LocalDate.MaxIsoValue"/>, the customer is never due and <see cref="SuspensionAssessment.SuspendFrom"/> is null.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gracePeriodDays"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="today"/> is not in the ISO calendar.</exception>
    public static SuspensionAssessment Assess(ReadOnlySpan<UnpaidInvoice> invoices, int gracePeriodDays, LocalDate today)
    {
        Guard.IsoDate(today);
        ArgumentOutOfRangeException.ThrowIfNegative(gracePeriodDays);
        var oldest = -1;
        for (var i = 0; i < invoices.Length; i++)
        {
            if (invoices[i].Outstanding.Amount > 0m && (oldest < 0 || invoices[i].DueDate < invoices[oldest].DueDate))
            {
                oldest = i;
            }
        }

        if (oldest < 0)
        {
            return new SuspensionAssessment(false, null, null, null);
        }

        var invoice = invoices[oldest];
        var suspendDay = (long)CivilDays.FromDate(invoice.DueDate) + gracePeriodDays + 1;
        if (suspendDay > CivilDays.MaxDay)
        {
            return new SuspensionAssessment(false, invoice.Reference, invoice.DueDate, null);
        }

        var suspendFrom = CivilDays.ToDate((int)suspendDay);
        return new SuspensionAssessment(today >= suspendFrom, invoice.Reference, invoice.DueDate, suspendFrom);
    }
}
