using System.ComponentModel.DataAnnotations;
using Bookpost.Web.Infrastructure.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Bookpost.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// Folder for the SQLite file and other local state (the token signing key), relative to the working directory.
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// Folder for what every instance must see: uploaded files, import files waiting for their job, two-step upload
    /// previews. Empty means the data folder. Several instances on one database need it on a shared mount (NFS or
    /// similar), the same path on each (docs/architecture.md, "Operations (issue 20)").
    public string? SharedDirectory { get; set; }

    /// Where shared files go: <see cref="SharedDirectory"/> when set, else the data folder.
    public string FilesRoot => string.IsNullOrWhiteSpace(SharedDirectory) ? DataDirectory : SharedDirectory;
}

public static class DatabaseSetup
{
    /// A list in a query (`barcodes.Contains(…)`) goes to SQLite as one JSON parameter (`json_each`), so the SQL is the
    /// same whatever the list's length and EF Core builds it once; EF Core 10's default, one parameter per element, made
    /// it build the SQL of the desk's compiled queries again on every scan.
    public static void SqliteOptions(SqliteDbContextOptionsBuilder o) =>
        o.MigrationsHistoryTable("__EFMigrationsHistory").UseParameterizedCollectionMode(ParameterTranslationMode.Parameter);

    public static void NpgsqlOptions(NpgsqlDbContextOptionsBuilder o) =>
        o.MigrationsHistoryTable("__EFMigrationsHistory");

    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations()
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString("Bookpost");

        builder.Services.AddHttpContextAccessor();
        // The actor reads the current request through the accessor, so one serves every request (and every pooled context).
        builder.Services.AddSingleton<IAuditActor, HttpAuditActor>();

        // Contexts are pooled: making one, with its options and EF Core's services, for every request showed in the loan
        // benchmark's profile. A context goes back to the pool clean (EF Core resets it); see AppDbContext for the rest.

        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Bookpost is empty.");
            // Read once here: a malformed string stops the start naming the setting, and the pool gets Bookpost's defaults.
            var postgres = PostgresConnectionString(connectionString, "ConnectionStrings:Bookpost");
            builder.Services.AddDbContextPool<AppDbContext, PostgresAppDbContext>(o => PostgresContext(o, postgres));
        }
        else
        {
            var sqlite = SqliteConnectionString(connectionString, options.DataDirectory);
            builder.Services.AddDbContextPool<AppDbContext, SqliteAppDbContext>(o => o
                .UseSqlite(sqlite, SqliteOptions)
                .AddInterceptors(new SqlitePragmas()));
        }
        // After the primary's pool: with a replica configured it takes over the AppDbContext registration.
        builder.AddReadReplica(options.Provider, connectionString, PostgresContext);
        return builder;
    }

    /// How a PostgreSQL context is set up on a connection string (one given Bookpost's defaults by
    /// <see cref="PostgresConnectionString"/>): the primary's pool and the read replica's alike.
    private static void PostgresContext(DbContextOptionsBuilder o, string connectionString) =>
        o.UseNpgsql(connectionString, NpgsqlOptions);

    /// Statements prepared on each pooled PostgreSQL connection when the connection string does not say
    /// (`Max Auto Prepare`). The desk's few statements run thousands of times an hour; unprepared, PostgreSQL parsed and
    /// planned each one every time, and planning the return's query over the partitioned loans cost more than running it
    /// (issue 20's profile: 12.2 s of planning against 5.7 s of execution in a 20-second loan run). Npgsql prepares a
    /// statement once it has run <see cref="AutoPrepareMinUsages"/> times on a connection and keeps the most recently used
    /// ones; each costs the server some memory per connection, hence a bound.
    internal const int MaxAutoPrepare = 50;

    internal const int AutoPrepareMinUsages = 2;

    /// The configured PostgreSQL connection string with Bookpost's defaults for what it leaves out: automatic preparation
    /// (above). A value written in the connection string, `Max Auto Prepare=0` included, is kept.
    public static string PostgresConnectionString(string configured, string setting = "ConnectionStrings:Bookpost")
    {
        HashSet<string> written;
        Npgsql.NpgsqlConnectionStringBuilder builder;
        try
        {
            // Npgsql's builder fills in every default, so what was written is read with the plain one.
            written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>()
                .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            throw new InvalidOperationException($"{setting} không hợp lệ / is not a valid connection string: {e.Message}", e);
        }
        if (!written.Contains("MaxAutoPrepare")) builder.MaxAutoPrepare = MaxAutoPrepare;
        if (!written.Contains("AutoPrepareMinUsages")) builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
        return builder.ConnectionString;
    }

    /// WAL lets readers run beside the one writer; the mode is stored in the database file, so once is enough.
    public static async Task EnableWalAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// The default is ./data/bookpost.db; a configured string is taken as it is.
    public static string SqliteConnectionString(string? configured, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        Directory.CreateDirectory(dataDirectory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "bookpost.db"),
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// How every SQLite connection commits: durably (a job that relaxes it on its own connection sets this back).
    internal const string SqliteSynchronous = "FULL";

    /// A connection opened outside EF Core (the SQLite group commit's) gets the same settings as EF Core's own, and
    /// foreign keys on, which EF Core turns on for its own connections.
    internal static void ConfigureSqlite(SqliteConnection connection)
    {
        SqlitePragmas.Apply(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
    }

    /// FULL sync makes every commit durable, even across power loss, a busy timeout makes concurrent writers wait for
    /// each other instead of failing at once, and a 64 MiB page cache keeps the full-text index's pages in memory during
    /// imports. These run on every open of a pooled connection, so they are only the cheap per-connection settings; WAL
    /// is a property of the file and is set once at start (<see cref="EnableWalAsync"/>), and EF Core turns foreign keys on.
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData) =>
            Apply(connection);

        public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        // EF opens the connection around every query, and the pool hands back the same native connections: the
        // settings are applied once per native connection, not on every open.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> s_configured = [];

        internal static void Apply(System.Data.Common.DbConnection connection)
        {
            var handle = (connection as SqliteConnection)?.Handle;
            if (handle is not null && s_configured.TryGetValue(handle, out _)) return;
            using var command = connection.CreateCommand();
            command.CommandText =
                $"PRAGMA synchronous={SqliteSynchronous}; PRAGMA busy_timeout=30000; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;";
            command.ExecuteNonQuery();
            if (handle is not null) s_configured.AddOrUpdate(handle, s_configured);
        }
    }
}
