namespace Billing.Core.Storage;

/// <summary>
/// Thrown by a store when an entity is deleted while other stored entities still refer to it — a customer that still has
/// sub-customers, accounts, numbers or services; an account that numbers still use; a class that customers still belong to —
/// as a database's foreign keys refuse it. Nothing was deleted.
/// </summary>
/// <remarks>Thread safety: instances are immutable.</remarks>
public sealed class ReferencedEntityException : BillingException
{
    /// <summary>Initialises the exception.</summary>
    /// <param name="entityType">The kind of entity that was to be deleted, e.g. <c>Customer</c>.</param>
    /// <param name="id">Its id.</param>
    /// <param name="referencedBy">What still refers to it, e.g. <c>Account ACC-1</c>.</param>
    public ReferencedEntityException(string entityType, string id, string referencedBy)
        : base($"{entityType} {id} is still referred to by {referencedBy}; remove or move that first. Nothing was deleted.")
    {
        EntityType = entityType;
        Id = id;
        ReferencedBy = referencedBy;
    }

    /// <summary>The kind of entity that was to be deleted.</summary>
    public string EntityType { get; }

    /// <summary>The id of the entity that was to be deleted.</summary>
    public string Id { get; }

    /// <summary>What still refers to it.</summary>
    public string ReferencedBy { get; }
}
