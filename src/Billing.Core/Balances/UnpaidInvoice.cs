using System.Text.Json.Serialization;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Balances;

/// <summary>An invoice not yet fully paid, as the suspension rule needs it (SPEC §3.4).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<UnpaidInvoice>))]
public readonly struct UnpaidInvoice
{
    /// <summary>Creates an unpaid invoice.</summary>
    /// <param name="reference">The invoice number or id.</param>
    /// <param name="dueDate">The date by which it should have been paid.</param>
    /// <param name="outstanding">What is still unpaid; zero or less means settled, and such an invoice is ignored.</param>
    /// <exception cref="ArgumentException"><paramref name="reference"/> is null or white space.</exception>
    public UnpaidInvoice(string reference, LocalDate dueDate, Money outstanding)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        Reference = reference;
        DueDate = dueDate;
        Outstanding = outstanding;
    }

    /// <summary>The invoice number or id.</summary>
    public string Reference { get; }

    /// <summary>The date by which it should have been paid.</summary>
    public LocalDate DueDate { get; }

    /// <summary>What is still unpaid.</summary>
    public Money Outstanding { get; }
}
