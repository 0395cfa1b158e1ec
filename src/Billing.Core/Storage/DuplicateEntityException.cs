namespace Billing.Core.Storage;

/// <summary>
/// Thrown when an entity is added with an id (or another unique key, such as an account alias)
/// that is already stored. Nothing was written.
/// </summary>
/// <remarks>Thread safety: instances are immutable.</remarks>
public sealed class DuplicateEntityException : BillingException
{
    /// <summary>Initialises the exception.</summary>
    /// <param name="entityType">The kind of entity, e.g. <c>Account</c>.</param>
    /// <param name="key">The unique key that clashed, e.g. <c>Alias</c> or <c>Id</c>.</param>
    /// <param name="value">The key's value.</param>
    public DuplicateEntityException(string entityType, string key, string value)
        : base($"{entityType} {key} '{value}' is already in use. Nothing was written.")
    {
        EntityType = entityType;
        Key = key;
        Value = value;
    }

    /// <summary>The kind of entity.</summary>
    public string EntityType { get; }

    /// <summary>The unique key that clashed.</summary>
    public string Key { get; }

    /// <summary>The key's value.</summary>
    public string Value { get; }
}
