using Bookpost.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore.Design;

namespace Bookpost.Web.Data;

public sealed class SqliteAppDbContext : AppDbContext
{
    /// The app's pooled contexts are made with this one.
    public SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : base(options) { }

    internal SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, IAuditActor actor, TimeProvider clock)
        : base(options, actor, clock) { }
}

public sealed class PostgresAppDbContext : AppDbContext
{
    /// The app's pooled contexts are made with this one.
    public PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : base(options) { }

    internal PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, IAuditActor actor, TimeProvider clock)
        : base(options, actor, clock) { }
}

/// Used only by `dotnet ef` to generate migrations; no database is contacted.
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite("Data Source=design.db", DatabaseSetup.SqliteOptions).Options, SystemActor.Instance, TimeProvider.System);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql("Host=localhost;Database=bookpost_design", DatabaseSetup.NpgsqlOptions).Options, SystemActor.Instance,
                TimeProvider.System);
}
