using System.Text.Json.Serialization;
using Billing.Core.Accounts;
using Billing.Core.Customers;

namespace Billing.Core.Ledgers;

/// <summary>
/// The account or customer a ledger belongs to (each customer and each account has its own ledger).
/// Storage keys ledgers by this value. Compared by kind and ordinal id text, so an account and a customer that
/// happen to share id text are different owners.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default(LedgerOwner)</c> has no kind and is not valid input.</remarks>
[JsonConverter(typeof(LedgerOwnerJsonConverter))]
public readonly struct LedgerOwner : IEquatable<LedgerOwner>
{
    private readonly string? _id;

    private LedgerOwner(LedgerOwnerKind kind, string id)
    {
        Kind = kind;
        _id = id;
    }

    /// <summary>Whether the owner is an account or a customer; <c>0</c> for <c>default(LedgerOwner)</c>.</summary>
    public LedgerOwnerKind Kind { get; }

    /// <summary>The owner's id text (the <see cref="AccountId"/> or <see cref="CustomerId"/> value).</summary>
    public string Id => _id ?? string.Empty;

    /// <summary>Whether this is <c>default(LedgerOwner)</c>, which names no owner.</summary>
    public bool IsDefault => _id is null;

    /// <summary>The owner of an account's ledger.</summary>
    /// <param name="accountId">The account.</param>
    /// <returns>The owner.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> is <c>default</c>.</exception>
    public static LedgerOwner ForAccount(AccountId accountId)
    {
        if (accountId.Value.Length == 0)
        {
            throw new ArgumentException("The account id must not be default(AccountId).", nameof(accountId));
        }

        return new LedgerOwner(LedgerOwnerKind.Account, accountId.Value);
    }

    /// <summary>The owner of a customer's ledger.</summary>
    /// <param name="customerId">The customer.</param>
    /// <returns>The owner.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is <c>default</c>.</exception>
    public static LedgerOwner ForCustomer(CustomerId customerId)
    {
        if (customerId.Value.Length == 0)
        {
            throw new ArgumentException("The customer id must not be default(CustomerId).", nameof(customerId));
        }

        return new LedgerOwner(LedgerOwnerKind.Customer, customerId.Value);
    }

    /// <summary>The account id, when the owner is an account.</summary>
    /// <param name="accountId">The account id, when this returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when the owner is an account.</returns>
    public bool TryGetAccountId(out AccountId accountId)
    {
        accountId = Kind == LedgerOwnerKind.Account ? AccountId.From(Id) : default;
        return Kind == LedgerOwnerKind.Account;
    }

    /// <summary>The customer id, when the owner is a customer.</summary>
    /// <param name="customerId">The customer id, when this returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when the owner is a customer.</returns>
    public bool TryGetCustomerId(out CustomerId customerId)
    {
        customerId = Kind == LedgerOwnerKind.Customer ? CustomerId.From(Id) : default;
        return Kind == LedgerOwnerKind.Customer;
    }

    /// <inheritdoc />
    public bool Equals(LedgerOwner other) => Kind == other.Kind && string.Equals(_id, other._id, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LedgerOwner other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _id is null ? 0 : StringComparer.Ordinal.GetHashCode(_id));

    /// <summary>The kind and id, e.g. <c>Account ACC-1</c> or <c>Customer ACME-001</c>.</summary>
    public override string ToString() => IsDefault ? "(no owner)" : $"{Kind} {Id}";

    /// <summary>Compares two owners for equality.</summary>
    /// <param name="left">The first owner.</param>
    /// <param name="right">The second owner.</param>
    /// <returns><see langword="true"/> when kind and id are the same.</returns>
    public static bool operator ==(LedgerOwner left, LedgerOwner right) => left.Equals(right);

    /// <summary>Compares two owners for inequality.</summary>
    /// <param name="left">The first owner.</param>
    /// <param name="right">The second owner.</param>
    /// <returns><see langword="true"/> when kind or id differ.</returns>
    public static bool operator !=(LedgerOwner left, LedgerOwner right) => !left.Equals(right);
}
