using System.Text.Json.Serialization;
using Billing.Core.Accounts;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Periods;

namespace Billing.Core.Invoicing;

/// <summary>
/// One charged feature of a period (see docs/period-charges.md): who owns it, the account it posts to, the feature and its price,
/// the days it was active out of the period's days, and the amount, rounded once to the currency's minor unit.
/// </summary>
/// <remarks>
/// <para>A value, compared by owner, account, feature (the same instance), period, days and amount. Immutable and thread-safe.</para>
/// <para><c>default(ChargeLine)</c> is not a line (<see cref="IsDefault"/>): its members other than <see cref="IsDefault"/>,
/// <see cref="Equals(ChargeLine)"/>, <see cref="GetHashCode"/> and <see cref="ToString"/> throw
/// <see cref="InvalidOperationException"/>. Lines come only from <see cref="PeriodChargeCalculator.Calculate"/>.</para>
/// </remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<ChargeLine>))]
public readonly struct ChargeLine : IEquatable<ChargeLine>
{
    private readonly BilledFeature? _billed;
    private readonly ChargeContext? _context;
    private readonly decimal _amount;

    internal ChargeLine(BilledFeature billed, ChargeContext context, int activeDays, decimal amount)
    {
        _billed = billed;
        _context = context;
        ActiveDays = activeDays;
        _amount = amount;
    }

    /// <summary>Whether this is <c>default(ChargeLine)</c>, which is not a line.</summary>
    public bool IsDefault => _billed is null;

    /// <summary>The account, number or service the feature is attached to.</summary>
    public ChargeOwner Owner => Billed.Owner;

    /// <summary>
    /// The account the line posts to: the account itself for an account's feature, the number's account for a number billed to one;
    /// null for a service's feature and for a number billed to the customer itself, meaning the customer's own ledger (see docs/billing-run.md, "Posting").
    /// </summary>
    public AccountId? AccountId => Billed.PostsTo;

    /// <summary>The feature charged, as it was when the items were gathered.</summary>
    public Feature Feature => Billed.Feature;

    /// <summary>The feature's id, unique within its owner.</summary>
    public FeatureId FeatureId => Billed.Feature.Id;

    /// <summary>The feature's name, shown on invoices.</summary>
    public string Name => Billed.Feature.Name;

    /// <summary>Recurring or one-off.</summary>
    public FeatureKind Kind => Billed.Feature.Kind;

    /// <summary>The feature's proration policy (a one-off ignores it).</summary>
    public Proration Proration => Billed.Feature.Proration;

    /// <summary>How many units are charged.</summary>
    public int Quantity => Billed.Feature.Quantity;

    /// <summary>The price of one unit (for a recurring feature, of one whole period), at full precision.</summary>
    public Money UnitAmount => Billed.Feature.UnitAmount;

    /// <summary>The period billed.</summary>
    public BillingPeriod Period => Context.Period;

    /// <summary>Days of the period on which both the feature and its owner were active (at least 1); 1 for a one-off, its charge date.</summary>
    public int ActiveDays { get; }

    /// <summary>How many days the period has.</summary>
    public int PeriodDays => Context.PeriodDays;

    /// <summary>
    /// The amount charged, a whole number of minor units, never more than <c>unit × quantity</c> rounded: by day
    /// <c>unit × quantity × ActiveDays / PeriodDays</c>, else <c>unit × quantity</c>, rounded once. It can be zero (a free feature, or
    /// a day's share below half a minor unit).
    /// </summary>
    public Money Amount => new(_amount, Context.Currency);

    private BilledFeature Billed => _billed ?? throw NotALine();

    private ChargeContext Context => _context ?? throw NotALine();

    /// <summary>
    /// The ledger idempotency key of this charge, from (owner, feature, period): <c>charge:&lt;kind&gt;:&lt;owner id&gt;:&lt;feature
    /// id&gt;:&lt;period start, ISO&gt;</c>, e.g. <c>charge:number:N-1:LINE-RENTAL:2026-04-01</c>. Posting the same period twice with
    /// these keys writes nothing new. Ids are percent-escaped (<c>%</c> → <c>%25</c>, <c>:</c> → <c>%3A</c>); a key that would be
    /// longer than <see cref="Ledgers.TransactionRequest.MaxIdempotencyKeyLength"/> is <c>charge:sha256:</c> and the SHA-256 of that
    /// text (UTF-8) in lower-case hex. Built on each call.
    /// </summary>
    /// <returns>The key, valid as a ledger idempotency key.</returns>
    /// <exception cref="InvalidOperationException">This is <c>default(ChargeLine)</c>.</exception>
    public string IdempotencyKey() => ChargeKeys.For(Billed.Owner, Billed.Feature.Id, Context.Period);

    /// <inheritdoc />
    public bool Equals(ChargeLine other)
    {
        if (_billed is null || other._billed is null)
        {
            return _billed is null && other._billed is null;
        }

        return _billed.Owner == other._billed.Owner
               && _billed.PostsTo == other._billed.PostsTo
               && ReferenceEquals(_billed.Feature, other._billed.Feature)
               && _context!.Period == other._context!.Period
               && ActiveDays == other.ActiveDays
               && Amount == other.Amount;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ChargeLine other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _billed is null ? 0 : HashCode.Combine(_billed.Owner, _billed.Feature.Id, _context!.Period, ActiveDays, _amount);

    /// <summary>E.g. <c>number N-1 Line rental: 21/30 days 8.40 GBP</c>; <c>(no line)</c> for <c>default(ChargeLine)</c>.</summary>
    public override string ToString()
        => _billed is null ? "(no line)" : $"{_billed.Owner} {_billed.Feature.Name}: {ActiveDays}/{_context!.PeriodDays} days {Amount}";

    /// <summary>Compares two lines for equality.</summary>
    /// <param name="left">The first line.</param>
    /// <param name="right">The second line.</param>
    /// <returns><see langword="true"/> when both charge the same feature of the same owner for the same period and days, the same amount.</returns>
    public static bool operator ==(ChargeLine left, ChargeLine right) => left.Equals(right);

    /// <summary>Compares two lines for inequality.</summary>
    /// <param name="left">The first line.</param>
    /// <param name="right">The second line.</param>
    /// <returns><see langword="true"/> when the lines differ.</returns>
    public static bool operator !=(ChargeLine left, ChargeLine right) => !left.Equals(right);

    private static InvalidOperationException NotALine() => new("default(ChargeLine) is not a charge line; lines come from PeriodChargeCalculator.Calculate.");
}
