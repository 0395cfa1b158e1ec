namespace Billing.Core.Storage;

/// <summary>
/// Thrown by a repository or the ledger store when a write names a version that is no longer the
/// stored one (optimistic concurrency): somebody else changed the entity since it was read. The
/// write changed nothing; read the entity again and decide whether to repeat the change.
/// </summary>
/// <remarks>Thread safety: instances are immutable.</remarks>
public sealed class ConcurrencyConflictException : BillingException
{
    /// <summary>Initialises the exception.</summary>
    /// <param name="entityType">The kind of entity, e.g. <c>Customer</c>.</param>
    /// <param name="entityId">The entity's id as text.</param>
    /// <param name="expectedVersion">The version the write expected to replace.</param>
    /// <param name="actualVersion">The version actually stored, or <see langword="null"/> when the entity no longer exists.</param>
    public ConcurrencyConflictException(string entityType, string entityId, long expectedVersion, long? actualVersion)
        : this(entityType, entityId, expectedVersion, actualVersion, FormatMessage(entityType, entityId, expectedVersion, actualVersion))
    {
    }

    private ConcurrencyConflictException(string entityType, string entityId, long expectedVersion, long? actualVersion, string message)
        : base(message)
    {
        EntityType = entityType;
        EntityId = entityId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>The kind of entity, e.g. <c>Customer</c>.</summary>
    public string EntityType { get; }

    /// <summary>The entity's id as text.</summary>
    public string EntityId { get; }

    /// <summary>The version the write expected to replace.</summary>
    public long ExpectedVersion { get; }

    /// <summary>
    /// The version actually stored, or <see langword="null"/> when the entity does not exist or the conflict was not with a
    /// stored version (the message says which).
    /// </summary>
    public long? ActualVersion { get; }

    /// <summary>
    /// The exception for a conflict that is not a stored version replacing the expected one — for example a ledger another
    /// writer appended to first, or a record a uniqueness check depended on that changed meanwhile.
    /// <see cref="ActualVersion"/> is <see langword="null"/>.
    /// </summary>
    /// <param name="entityType">The kind of entity, e.g. <c>Ledger</c>.</param>
    /// <param name="entityId">The entity's id as text.</param>
    /// <param name="expectedVersion">The version the write was decided on (for a ledger, its entry count).</param>
    /// <param name="conflict">What the other writer did, as a clause, e.g. <c>another writer appended to it first</c>.</param>
    /// <returns>The exception, to throw.</returns>
    /// <exception cref="ArgumentException"><paramref name="conflict"/> is null or blank.</exception>
    public static ConcurrencyConflictException WrittenMeanwhile(string entityType, string entityId, long expectedVersion, string conflict)
        => new(entityType, entityId, expectedVersion, actualVersion: null,
            $"{entityType} {entityId} changed after version {expectedVersion} was read: {Guard.NotNullOrWhiteSpace(conflict)}. Nothing was written.");

    private static string FormatMessage(string entityType, string entityId, long expectedVersion, long? actualVersion)
        => actualVersion is { } actual
            ? $"{entityType} {entityId} was changed by another writer: the write expected version {expectedVersion} but version {actual} is stored. Nothing was written."
            : $"{entityType} {entityId} does not exist (the write expected version {expectedVersion}). Nothing was written.";
}
