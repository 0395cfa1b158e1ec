using System.Text.Json.Serialization;
using NodaTime;

namespace Billing.Core.Balances;

/// <summary>The answer of <see cref="SuspensionPolicy.Assess"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<SuspensionAssessment>))]
public readonly struct SuspensionAssessment
{
    internal SuspensionAssessment(bool isDue, string? oldestInvoice, LocalDate? oldestDueDate, LocalDate? suspendFrom)
    {
        IsDue = isDue;
        OldestUnpaidInvoice = oldestInvoice;
        OldestUnpaidDueDate = oldestDueDate;
        SuspendFrom = suspendFrom;
    }

    /// <summary>Whether the customer is due for suspension today.</summary>
    public bool IsDue { get; }

    /// <summary>The reference of the unpaid invoice with the earliest due date, or null when nothing is outstanding.</summary>
    public string? OldestUnpaidInvoice { get; }

    /// <summary>The earliest due date among unpaid invoices, or null when nothing is outstanding.</summary>
    public LocalDate? OldestUnpaidDueDate { get; }

    /// <summary>The first day on which the customer is (or will be) due for suspension if nothing is paid: due date + grace + 1 day.</summary>
    public LocalDate? SuspendFrom { get; }
}
