using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.Serialization;

namespace Billing.Core.Ledgers;

/// <summary>Reads and writes a <see cref="LedgerOwner"/> as <c>{"Kind": "Account", "Id": "ACC-1"}</c>.</summary>
public sealed class LedgerOwnerJsonConverter : JsonConverter<LedgerOwner>
{
    internal static readonly LedgerOwnerJsonConverter Instance = new();

    /// <inheritdoc />
    public override LedgerOwner Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonFields.StartObject(ref reader, nameof(LedgerOwner));
        string? kind = null;
        string? id = null;
        while (JsonFields.NextProperty(ref reader, out var name))
        {
            if (JsonFields.Is(name, nameof(LedgerOwner.Kind)))
            {
                kind = JsonFields.String(ref reader, nameof(LedgerOwner), nameof(LedgerOwner.Kind));
            }
            else if (JsonFields.Is(name, nameof(LedgerOwner.Id)))
            {
                id = JsonFields.String(ref reader, nameof(LedgerOwner), nameof(LedgerOwner.Id));
            }
            else
            {
                JsonFields.Skip(ref reader);
            }
        }

        var k = JsonFields.Required(kind, nameof(LedgerOwner), nameof(LedgerOwner.Kind));
        var i = JsonFields.Required(id, nameof(LedgerOwner), nameof(LedgerOwner.Id));
        return JsonFields.Build(nameof(LedgerOwner), () => k switch
        {
            nameof(LedgerOwnerKind.Account) => LedgerOwner.ForAccount(AccountId.From(i)),
            nameof(LedgerOwnerKind.Customer) => LedgerOwner.ForCustomer(CustomerId.From(i)),
            _ => throw new JsonException($"LedgerOwner.Kind '{k}' is neither Account nor Customer."),
        });
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, LedgerOwner value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsDefault)
        {
            throw new JsonException("default(LedgerOwner) names no owner and is not written to JSON.");
        }

        writer.WriteStartObject();
        JsonFields.Name(writer, options, nameof(LedgerOwner.Kind));
        writer.WriteStringValue(value.Kind.ToString());
        JsonFields.Name(writer, options, nameof(LedgerOwner.Id));
        writer.WriteStringValue(value.Id);
        writer.WriteEndObject();
    }
}
