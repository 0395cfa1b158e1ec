using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Billing.Core.EfCoreExample.Repositories;

/// <summary>
/// The one provider-specific piece of the repositories: which constraint SQLite says a write broke. Another provider names them
/// its own way (SQL Server: <c>SqlException.Number</c> 2627 or 2601 and 547; PostgreSQL: <c>PostgresException.SqlState</c> 23505
/// and 23503, with <c>ConstraintName</c>).
/// </summary>
internal static class SqliteErrors
{
    /// <summary>SQLITE_CONSTRAINT_PRIMARYKEY: the id is taken.</summary>
    public const int PrimaryKey = 1555;

    /// <summary>SQLITE_CONSTRAINT_UNIQUE: a unique index other than the primary key (a name, an alias) refused the row.</summary>
    public const int Unique = 2067;

    /// <summary>SQLITE_CONSTRAINT_FOREIGNKEY: a delete of a referenced row, or a row that refers to one not stored.</summary>
    public const int ForeignKey = 787;

    /// <summary>SQLite's extended result code behind a failed <c>SaveChanges</c>, or null when SQLite did not refuse it.</summary>
    public static int? Code(DbUpdateException exception) => (exception.InnerException as SqliteException)?.SqliteExtendedErrorCode;
}
