using System.Text.Json.Serialization;
using Billing.Core.Monetary;

namespace Billing.Core.Balances;

/// <summary>
/// A balance as the owner of a ledger reads it, saying which kind it is: the <see cref="AvailableFunds"/> of a prepaid ledger
/// or the <see cref="AmountOwed"/> of a postpaid one (see docs/balances.md). <see cref="Amount"/> is the figure either way:
/// funds that a charge lowers, or a debt that a charge raises; a negative amount is an overdrawn prepaid ledger or a
/// postpaid one in credit.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default(Balance)</c> is no balance (<see cref="IsDefault"/>) and is not valid input.
/// Serialises as <c>{"Model":"Prepaid","Amount":{…}}</c>.</remarks>
[JsonConverter(typeof(BalanceJsonConverter))]
public readonly struct Balance : IEquatable<Balance>, IDefaultable
{
    /// <summary>Creates a balance of the given model.</summary>
    /// <param name="model">Prepaid (the amount is available funds) or postpaid (the amount is owed).</param>
    /// <param name="amount">The amount, in the ledger's currency.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> is not a defined model.</exception>
    /// <exception cref="ArgumentException"><paramref name="amount"/> is <c>default(Money)</c>.</exception>
    public Balance(BalanceModel model, Money amount)
    {
        if (model is not (BalanceModel.Prepaid or BalanceModel.Postpaid))
        {
            throw new ArgumentOutOfRangeException(nameof(model), model, "A balance is of a prepaid or a postpaid ledger.");
        }

        Model = model;
        Amount = Guard.NotDefault(amount);
    }

    /// <summary>Prepaid (<see cref="Amount"/> is available funds) or postpaid (<see cref="Amount"/> is owed).</summary>
    public BalanceModel Model { get; }

    /// <summary>The figure: available funds (prepaid) or amount owed (postpaid).</summary>
    public Money Amount { get; }

    /// <summary>The currency of the amount.</summary>
    public Currency Currency => Amount.Currency;

    /// <summary>Whether this is a prepaid ledger's available funds.</summary>
    public bool IsAvailableFunds => Model == BalanceModel.Prepaid;

    /// <summary>Whether this is a postpaid ledger's amount owed.</summary>
    public bool IsAmountOwed => Model == BalanceModel.Postpaid;

    /// <summary>The available funds of a prepaid ledger (negative when overdrawn), or null for a postpaid one.</summary>
    public Money? AvailableFunds => IsAvailableFunds ? Amount : null;

    /// <summary>The amount a postpaid ledger owes (negative when in credit), or null for a prepaid one.</summary>
    public Money? AmountOwed => IsAmountOwed ? Amount : null;

    /// <summary>Whether this is <c>default(Balance)</c>, which is no balance.</summary>
    public bool IsDefault => Model == 0;

    /// <summary>Whether the amount is zero: nothing available, nothing owed.</summary>
    public bool IsZero => Amount.IsZero;

    /// <summary>A prepaid ledger's available funds.</summary>
    /// <param name="funds">The funds.</param>
    /// <returns>The balance.</returns>
    /// <exception cref="ArgumentException"><paramref name="funds"/> is <c>default(Money)</c>.</exception>
    public static Balance Funds(Money funds) => new(BalanceModel.Prepaid, Guard.NotDefault(funds));

    /// <summary>A postpaid ledger's amount owed.</summary>
    /// <param name="owed">The amount owed.</param>
    /// <returns>The balance.</returns>
    /// <exception cref="ArgumentException"><paramref name="owed"/> is <c>default(Money)</c>.</exception>
    public static Balance Owed(Money owed) => new(BalanceModel.Postpaid, Guard.NotDefault(owed));

    /// <inheritdoc />
    public bool Equals(Balance other) => Model == other.Model && Amount == other.Amount;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Balance other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Model, Amount);

    /// <summary>The amount and its kind, e.g. <c>12.50 GBP available</c> or <c>3.00 GBP owed</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Model switch
    {
        BalanceModel.Prepaid => $"{Amount} available",
        BalanceModel.Postpaid => $"{Amount} owed",
        _ => "(no balance)",
    };

    /// <summary>Whether two balances are of the same model and amount.</summary>
    /// <param name="left">A balance.</param>
    /// <param name="right">Another balance.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(Balance left, Balance right) => left.Equals(right);

    /// <summary>Whether two balances differ in model or amount.</summary>
    /// <param name="left">A balance.</param>
    /// <param name="right">Another balance.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(Balance left, Balance right) => !left.Equals(right);
}
