using System.Security.Cryptography;
using System.Text;
using Billing.Core.Features;
using Billing.Core.Ledgers;
using Billing.Core.Periods;

namespace Billing.Core.Invoicing;

/// <summary>
/// The ledger idempotency key of a charge line, from (owner, feature, period): <c>charge:&lt;kind&gt;:&lt;owner id&gt;:&lt;feature
/// id&gt;:&lt;period start&gt;</c>, or <c>charge:sha256:&lt;64 hex digits&gt;</c> when that text would be longer than a ledger accepts
/// (see docs/period-charges.md, "Posting keys").
/// </summary>
internal static class ChargeKeys
{
    private const string HashedPrefix = "charge:sha256:";

    /// <summary>The key; the same owner, feature and period always give the same key, and different ones never do (short of a
    /// SHA-256 collision between two long keys).</summary>
    public static string For(ChargeOwner owner, FeatureId featureId, BillingPeriod period)
    {
        var text = "charge:" + ChargeOwner.KindText(owner.Kind) + ":" + Escape(owner.Id) + ":" + Escape(featureId.Value) + ":" + Guard.Format(period.Start);
        return text.Length <= TransactionRequest.MaxIdempotencyKeyLength
            ? text
            : HashedPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The key of an invoice's tax posted to the customer's ledgers: <c>tax:&lt;customer id&gt;:&lt;period start&gt;</c>
    /// (hashed as <see cref="For"/> does when too long).</summary>
    public static string ForTax(Customers.CustomerId customerId, BillingPeriod period)
    {
        var text = "tax:" + Escape(customerId.Value) + ":" + Guard.Format(period.Start);
        return text.Length <= TransactionRequest.MaxIdempotencyKeyLength
            ? text
            : "tax:sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Ids may hold ':' (and so '%'), which would make two different keys read alike: both are percent-escaped.</summary>
    internal static string Escape(string id)
        => id.Replace("%", "%25", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal);
}
