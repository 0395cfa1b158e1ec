using Billing.Core.Accounts;
using Billing.Core.Features;
using Billing.Core.Monetary;

namespace Billing.Core.Invoicing;

/// <summary>
/// One line of an <see cref="Invoice"/>: the stored form of a <see cref="ChargeLine"/> (see docs/period-charges.md, "Invoices and
/// payments"). It keeps what the invoice shows and what posting needs: the owner, the account the line posts to, the feature as it
/// was charged, the days, the amount and the line's ledger idempotency key.
/// </summary>
/// <remarks>
/// <para>Immutable (init-only) and thread-safe; two lines are equal when every member is equal. Made by <see cref="From"/>; a line
/// built by hand is checked when it enters an invoice (<see cref="Invoice.Restore"/>), not before.</para>
/// </remarks>
public sealed record InvoiceLine
{
    /// <summary>Whether the feature's owner is an account, a number or a service.</summary>
    public required ChargeOwnerKind OwnerKind { get; init; }

    /// <summary>The owner's id text (the account, number or service id).</summary>
    public required string OwnerId { get; init; }

    /// <summary>The account the line posts to, or null for the customer's default account (see <see cref="ChargeLine.AccountId"/>).</summary>
    public AccountId? AccountId { get; init; }

    /// <summary>The feature's id, unique within its owner.</summary>
    public required FeatureId FeatureId { get; init; }

    /// <summary>The feature's name, as shown on the invoice.</summary>
    public required string Name { get; init; }

    /// <summary>Recurring or one-off.</summary>
    public required FeatureKind Kind { get; init; }

    /// <summary>The feature's proration policy when it was charged.</summary>
    public required Proration Proration { get; init; }

    /// <summary>How many units were charged (at least 1).</summary>
    public required int Quantity { get; init; }

    /// <summary>The price of one unit (of a recurring feature: of one whole period), in the invoice's currency.</summary>
    public required Money UnitAmount { get; init; }

    /// <summary>Days of the period the feature and its owner were both active (1 for a one-off).</summary>
    public required int ActiveDays { get; init; }

    /// <summary>How many days the invoice's period has.</summary>
    public required int PeriodDays { get; init; }

    /// <summary>The amount charged: zero or more, a whole number of the currency's minor units.</summary>
    public required Money Amount { get; init; }

    /// <summary>The ledger idempotency key of the line (<see cref="ChargeLine.IdempotencyKey"/>), so that posting the invoice twice
    /// writes nothing new.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The stored form of a charge line.</summary>
    /// <param name="line">A line of <see cref="PeriodCharges.Lines"/>.</param>
    /// <returns>The invoice line.</returns>
    /// <exception cref="ArgumentException"><paramref name="line"/> is <c>default(ChargeLine)</c>.</exception>
    public static InvoiceLine From(ChargeLine line)
    {
        if (line.IsDefault)
        {
            throw new ArgumentException("default(ChargeLine) is not a charge line; lines come from PeriodChargeCalculator.Calculate.", nameof(line));
        }

        return new()
        {
            OwnerKind = line.Owner.Kind,
            OwnerId = line.Owner.Id,
            AccountId = line.AccountId,
            FeatureId = line.FeatureId,
            Name = line.Name,
            Kind = line.Kind,
            Proration = line.Proration,
            Quantity = line.Quantity,
            UnitAmount = line.UnitAmount,
            ActiveDays = line.ActiveDays,
            PeriodDays = line.PeriodDays,
            Amount = line.Amount,
            IdempotencyKey = line.IdempotencyKey(),
        };
    }

    /// <summary>E.g. <c>number N-1 Line rental: 21/30 days 8.40 GBP</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{ChargeOwner.KindText(OwnerKind)} {OwnerId} {Name}: {ActiveDays}/{PeriodDays} days {Amount}";
}
