using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Ledgers;
using Billing.Core.Serialization;

namespace Billing.Core.Charging;

/// <summary>
/// Reads and writes an <see cref="AuthorisationDecision"/> as <c>{"Reason": "None"}</c> for an approval, or
/// <c>{"Reason": "CreditLimitExceeded", "DecliningLevelIndex": 2, "DecliningOwner": {…}}</c> for a decline.
/// </summary>
public sealed class AuthorisationDecisionJsonConverter : JsonConverter<AuthorisationDecision>
{
    private const string Name = nameof(AuthorisationDecision);

    /// <inheritdoc />
    public override AuthorisationDecision Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonFields.StartObject(ref reader, Name);
        DeclineReason? reason = null;
        long? index = null;
        LedgerOwner? owner = null;
        while (JsonFields.NextProperty(ref reader, out var property))
        {
            if (JsonFields.Is(property, nameof(AuthorisationDecision.Reason)))
            {
                var text = JsonFields.String(ref reader, Name, nameof(AuthorisationDecision.Reason));
                reason = Enum.TryParse<DeclineReason>(text, ignoreCase: true, out var r) && Enum.IsDefined(r) && !int.TryParse(text, out _)
                    ? r
                    : throw new JsonException($"{Name}.Reason '{text}' is not a decline reason.");
            }
            else if (JsonFields.Is(property, nameof(AuthorisationDecision.DecliningLevelIndex)))
            {
                index = JsonFields.Int64(ref reader, Name, nameof(AuthorisationDecision.DecliningLevelIndex));
            }
            else if (JsonFields.Is(property, nameof(AuthorisationDecision.DecliningOwner)))
            {
                owner = reader.TokenType == JsonTokenType.Null ? null : LedgerOwnerJsonConverter.Instance.Read(ref reader, typeof(LedgerOwner), options);
            }
            else
            {
                JsonFields.Skip(ref reader);
            }
        }

        var why = JsonFields.Required(reason, Name, nameof(AuthorisationDecision.Reason));
        if (why == DeclineReason.None)
        {
            return AuthorisationDecision.Approved;
        }

        var level = JsonFields.Required(index, Name, nameof(AuthorisationDecision.DecliningLevelIndex));
        var at = JsonFields.Required(owner, Name, nameof(AuthorisationDecision.DecliningOwner));
        return JsonFields.Build(Name, () => AuthorisationDecision.Declined(why, checked((int)level), at));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, AuthorisationDecision value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        JsonFields.Name(writer, options, nameof(AuthorisationDecision.Reason));
        writer.WriteStringValue(value.Reason.ToString());
        if (!value.IsApproved)
        {
            JsonFields.Name(writer, options, nameof(AuthorisationDecision.DecliningLevelIndex));
            writer.WriteNumberValue(value.DecliningLevelIndex);
            JsonFields.Name(writer, options, nameof(AuthorisationDecision.DecliningOwner));
            LedgerOwnerJsonConverter.Instance.Write(writer, value.DecliningOwner, options);
        }

        writer.WriteEndObject();
    }
}
