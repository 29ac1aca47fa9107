using Bookpost.Web.Features.Network;
using Bookpost.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bookpost.Web.Data;

/// Entities whose edits carry a version: a stale edit is refused, never applied over someone else's.
public interface IVersioned
{
    long Version { get; set; }
}

/// The one DbContext. Each provider has a subclass (SqliteAppDbContext, PostgresAppDbContext) only so that each
/// keeps its own migrations; the model is the same. Add a migration for both with:
///   scripts/add-migration.sh NAME
/// which runs `dotnet ef migrations add NAME --context SqliteAppDbContext --output-dir ../Migrations.Sqlite`
/// and the same for PostgresAppDbContext.
public abstract class AppDbContext : IdentityDbContext<AppUser>
{
    private IAuditActor? _actor;
    private TimeProvider? _clock;
    private readonly AuditRecorder _audit = new();
    private (string UserId, string UserName) _savingAs;
    private Features.Circulation.LoanRollups.Pending? _rollups;
    private int? _cutoffDay;

    /// The app's services (the output cache among them); null for a context made outside the app.
    internal IServiceProvider? ApplicationServices =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;

    /// A save inside the caller's transaction touched a public page: PublicPageCommits empties the cache at its commit.
    internal bool PublicPagesChangedInTransaction { get; set; }

    /// The app's contexts are pooled (made once, lent to one request after another), so they find the actor and the
    /// clock among the app's singletons when first needed; the actor reads whichever request is current. Tools and
    /// tests that make a context themselves pass their own.
    protected AppDbContext(DbContextOptions options, IAuditActor? actor = null, TimeProvider? clock = null) : base(options)
    {
        _actor = actor;
        _clock = clock;
    }

    private IAuditActor Actor => _actor ??= this.GetService<IAuditActor>();

    /// Who the audit records for this context's writes.
    internal (string UserId, string UserName) AuditActorName => (Actor.UserId, Actor.UserName);
    private TimeProvider Clock => _clock ??= this.GetService<TimeProvider>();

    /// The reporting cut-off day the monthly loan rollups are cut at; contexts made outside the app use the default.
    private int CutoffDay => _cutoffDay ??= (((IInfrastructure<IServiceProvider>)this).Instance
        .GetService(typeof(Microsoft.Extensions.Options.IOptions<Features.Reports.ReportsOptions>))
        as Microsoft.Extensions.Options.IOptions<Features.Reports.ReportsOptions>)?.Value.CutoffDay
            ?? new Features.Reports.ReportsOptions().CutoffDay;

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AdminUnit> AdminUnits => Set<AdminUnit>();
    public DbSet<AdminUnitSuccession> AdminUnitSuccessions => Set<AdminUnitSuccession>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<ServicePoint> ServicePoints => Set<ServicePoint>();
    public DbSet<ServicePointStatusChange> ServicePointStatusChanges => Set<ServicePointStatusChange>();
    public DbSet<PointCommune> PointCommunes => Set<PointCommune>();
    public DbSet<Features.Catalog.Title> Titles => Set<Features.Catalog.Title>();
    public DbSet<Features.Catalog.TitleIsbn> TitleIsbns => Set<Features.Catalog.TitleIsbn>();
    public DbSet<Features.Catalog.Item> Items => Set<Features.Catalog.Item>();
    public DbSet<Features.Catalog.ImportJob> ImportJobs => Set<Features.Catalog.ImportJob>();
    public DbSet<Features.Catalog.ImportIssue> ImportIssues => Set<Features.Catalog.ImportIssue>();
    public DbSet<Infrastructure.Http.IdempotencyRecord> IdempotencyRecords => Set<Infrastructure.Http.IdempotencyRecord>();
    public DbSet<Features.Catalog.ItemCustody> ItemCustody => Set<Features.Catalog.ItemCustody>();
    public DbSet<Features.Rotation.RotationSet> RotationSets => Set<Features.Rotation.RotationSet>();
    public DbSet<Features.Rotation.RotationSetItem> RotationSetItems => Set<Features.Rotation.RotationSetItem>();
    public DbSet<Features.Rotation.SetEvent> SetEvents => Set<Features.Rotation.SetEvent>();
    public DbSet<Features.Rotation.RotationCycle> RotationCycles => Set<Features.Rotation.RotationCycle>();
    public DbSet<Features.Rotation.RotationAssignment> RotationAssignments => Set<Features.Rotation.RotationAssignment>();
    public DbSet<Features.Rotation.PointRotationSetting> PointRotationSettings => Set<Features.Rotation.PointRotationSetting>();
    public DbSet<Features.Rotation.Shipment> Shipments => Set<Features.Rotation.Shipment>();
    public DbSet<Features.Rotation.ShipmentItem> ShipmentItems => Set<Features.Rotation.ShipmentItem>();
    public DbSet<Features.Rotation.Discrepancy> Discrepancies => Set<Features.Rotation.Discrepancy>();
    public DbSet<Features.Circulation.Reader> Readers => Set<Features.Circulation.Reader>();
    public DbSet<Features.Circulation.ReaderView> ReaderViews => Set<Features.Circulation.ReaderView>();
    public DbSet<Features.Circulation.Loan> Loans => Set<Features.Circulation.Loan>();
    public DbSet<Features.Circulation.LoanRule> LoanRules => Set<Features.Circulation.LoanRule>();
    public DbSet<Features.Circulation.Transfer> Transfers => Set<Features.Circulation.Transfer>();
    public DbSet<Features.Circulation.TallyEvent> TallyEvents => Set<Features.Circulation.TallyEvent>();
    public DbSet<Features.Circulation.Periodical> Periodicals => Set<Features.Circulation.Periodical>();
    public DbSet<Features.Circulation.PeriodicalReceipt> PeriodicalReceipts => Set<Features.Circulation.PeriodicalReceipt>();
    public DbSet<Features.Access.Computer> Computers => Set<Features.Access.Computer>();
    public DbSet<Features.Access.EquipmentStatusChange> EquipmentStatusChanges => Set<Features.Access.EquipmentStatusChange>();
    public DbSet<Features.Access.InternetConnection> InternetConnections => Set<Features.Access.InternetConnection>();
    public DbSet<Features.Access.InternetOutage> InternetOutages => Set<Features.Access.InternetOutage>();
    public DbSet<Features.Access.RepairTicket> RepairTickets => Set<Features.Access.RepairTicket>();
    public DbSet<Features.Access.AccessSession> AccessSessions => Set<Features.Access.AccessSession>();
    public DbSet<Features.Access.Training> Trainings => Set<Features.Access.Training>();
    public DbSet<Features.Access.TrainingAttendee> TrainingAttendees => Set<Features.Access.TrainingAttendee>();
    public DbSet<Features.Access.AccessDay> AccessDays => Set<Features.Access.AccessDay>();
    public DbSet<Features.Circulation.LoanDay> LoanDays => Set<Features.Circulation.LoanDay>();
    public DbSet<Features.Circulation.LoanMonth> LoanMonths => Set<Features.Circulation.LoanMonth>();
    public DbSet<Features.Evaluation.Returns.PointReturn> PointReturns => Set<Features.Evaluation.Returns.PointReturn>();
    public DbSet<Features.Evaluation.Returns.ReturnFigure> ReturnFigures => Set<Features.Evaluation.Returns.ReturnFigure>();
    public DbSet<Features.Planning.Plans.Plan> Plans => Set<Features.Planning.Plans.Plan>();
    public DbSet<Features.Planning.Plans.PlanBasis> PlanBases => Set<Features.Planning.Plans.PlanBasis>();
    public DbSet<Features.Planning.Plans.PlanStep> PlanSteps => Set<Features.Planning.Plans.PlanStep>();
    public DbSet<Features.Planning.Targets.PlanTarget> PlanTargets => Set<Features.Planning.Targets.PlanTarget>();
    public DbSet<Features.Planning.Tasks.PlanTask> PlanTasks => Set<Features.Planning.Tasks.PlanTask>();
    public DbSet<Features.Planning.Tasks.TaskUnit> TaskUnits => Set<Features.Planning.Tasks.TaskUnit>();
    public DbSet<Features.Planning.Tasks.TaskUpdate> TaskUpdates => Set<Features.Planning.Tasks.TaskUpdate>();
    public DbSet<Features.Planning.Tasks.TaskFeedLink> TaskFeedLinks => Set<Features.Planning.Tasks.TaskFeedLink>();
    public DbSet<Features.Planning.Meetings.Meeting> Meetings => Set<Features.Planning.Meetings.Meeting>();
    public DbSet<Features.Planning.Meetings.MeetingUnit> MeetingUnits => Set<Features.Planning.Meetings.MeetingUnit>();
    public DbSet<Features.Planning.Meetings.MeetingConclusion> MeetingConclusions => Set<Features.Planning.Meetings.MeetingConclusion>();
    public DbSet<Features.Planning.Inspections.Inspection> Inspections => Set<Features.Planning.Inspections.Inspection>();
    public DbSet<Features.Planning.Inspections.InspectionCheck> InspectionChecks => Set<Features.Planning.Inspections.InspectionCheck>();
    public DbSet<Features.Planning.Attachments.Attachment> Attachments => Set<Features.Planning.Attachments.Attachment>();
    public DbSet<Features.Planning.Reminders.DigestSent> DigestsSent => Set<Features.Planning.Reminders.DigestSent>();
    public DbSet<Infrastructure.Operations.JobLease> JobLeases => Set<Infrastructure.Operations.JobLease>();
    public DbSet<Infrastructure.Operations.DataProtectionKey> DataProtectionKeys => Set<Infrastructure.Operations.DataProtectionKey>();
    public DbSet<Infrastructure.Operations.SharedSetting> SharedSettings => Set<Infrastructure.Operations.SharedSetting>();
    public DbSet<Infrastructure.Operations.BackupRun> BackupRuns => Set<Infrastructure.Operations.BackupRun>();
    public DbSet<Features.Portal.Holds.PointHold> PointHolds => Set<Features.Portal.Holds.PointHold>();

    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    /// Whether this is the SQLite context; cheaper than Database.IsSqlite(), which locks to reach the provider.
    public bool IsSqlite => this is SqliteAppDbContext;

    /// The claim of an Idempotency-Key request on its key (<see cref="Infrastructure.Http.IdempotencyMiddleware"/>): it joins
    /// the request's first save that writes anything, so the work and the record that it was done commit together or
    /// not at all. A replay, or a twin sent at the same moment, then finds the key taken and never does the work again.
    internal Infrastructure.Http.IdempotencyRecord? IdempotencyClaim { get; set; }

    /// Whether the claim went in with a save of the work.
    internal bool IdempotencyClaimSaved { get; set; }

    /// Bulk loads of reference data (the GSO lists) turn row-by-row auditing off and append one summary entry instead.
    internal bool SuppressRowAudit { get; set; }

    public void AppendAudit(AuditAction action, string entityType, string entityId, object? after) =>
        AuditEntries.Add(new AuditEntry
        {
            At = UtcNow,
            UserId = Actor.UserId,
            UserName = Actor.UserName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            After = after is null ? null : System.Text.Json.JsonSerializer.Serialize(after, AuditRecorder.Json),
        });

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        // Search results are ordered by the folded title; byte order keeps PostgreSQL's order the same as SQLite's
        // whatever the database's locale.
        if (Database.IsNpgsql())
        {
            builder.Entity<Features.Catalog.Title>().Property(t => t.SortKey).UseCollation("C");
            // The year partitions' keys (PostgreSQL only: Infrastructure/Operations/Partitions.cs) go into every update's
            // WHERE, so PostgreSQL touches the one partition that holds the row instead of every year's. Both are set once,
            // at creation. Not on SQLite: nothing is partitioned there, and its text comparison would refuse an update of
            // a row whose time was written in another text form (by a tool, not the app).
            builder.Entity<Features.Circulation.Loan>().Property(l => l.LentAt).IsConcurrencyToken();
            builder.Entity<Features.Access.AccessSession>().Property(s => s.StartedAt).IsConcurrencyToken();
        }
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
            builder.Entity(type.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC; SQLite forgets the kind on the way back, so restore it on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// Saves outside a transaction of the caller's own are committed in groups (<see cref="GroupCommit"/>): one durable
    /// commit for the saves of many concurrent requests costs little more than one for a single save.
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Who is saving is read here, on the request's own flow: a grouped save runs on the group's writer, where the
        // request's HttpContext is out of reach.
        _savingAs = (Actor.UserId, Actor.UserName);
        // Everything that needs only this context's own entries is done here too, before the save is queued: the
        // group's writer runs the saves of all the waiting requests one after another, so whatever it does not have
        // to do shortens every request's wait. Changes are detected once; the save itself does not look again.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect) ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        var claim = IdempotencyClaim is { } pending && !IdempotencyClaimSaved && ChangeTracker.HasChanges() ? pending : null;
        try
        {
            if (claim is not null) Add(claim);
            BumpVersions();
            _audit.Collect(ChangeTracker, record: !SuppressRowAudit);
            // The loan rollups change with the loans, in the same transaction (LoanRollups).
            _rollups = Features.Circulation.LoanRollups.Collect(ChangeTracker);
            var mapChanges = Features.Network.Points.AdminMapChanges.Touches(ChangeTracker);
            var publicChanges = Features.Portal.PublicPageChanges.Touches(ChangeTracker);
            int written;
            // A context whose connection its caller holds open (the importer's) saves on it: the group would swap in its
            // own connection and drop the open one without returning it to the pool.
            if (Database.CurrentTransaction is not null || !ChangeTracker.HasChanges()
                || Database.GetDbConnection().State != System.Data.ConnectionState.Closed)
                written = await SaveCoreAsync(acceptAllChangesOnSuccess, cancellationToken);
            else
            {
                var connectionString = Database.GetConnectionString()!;
                var group = IsSqlite ? GroupCommit.ForSqlite(connectionString) : GroupCommit.ForPostgres(connectionString);
                written = await group.SaveAsync(this, cancellationToken);
                // Accepted once the group has committed, here on the caller's own flow rather than by the writer.
                if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
            }
            // Inside a transaction of the caller's own, the claim stands or falls with that transaction.
            if (claim is not null) IdempotencyClaimSaved = true;
            // After the write has committed, so a map read from here on sees it (AdminMapCache). Code that writes units in
            // a transaction of its own (the seeders) bumps again after its commit.
            if (mapChanges)
            {
                Features.Network.Points.AdminMapChanges.Bump();
                // The other instances on the database drop theirs too (at the commit, inside a caller's transaction).
                await Infrastructure.Operations.CacheSignals.NotifyAsync(this, Features.Network.Points.AdminMapChanges.Signal,
                    cancellationToken);
            }
            if (publicChanges)
            {
                // Committed already (a grouped save), or at the caller's commit: then PublicPageCommits empties the cache
                // again once it has committed, since a page rendered in between would still read the old rows.
                Infrastructure.Http.PublicPages.Changed(ApplicationServices);
                if (Database.CurrentTransaction is not null) PublicPagesChangedInTransaction = true;
                await Infrastructure.Operations.CacheSignals.NotifyAsync(this, Infrastructure.Http.PublicPages.Signal,
                    cancellationToken);
            }
            return written;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// Runs this context's save on the group's connection and in its transaction, then gives the context back its own
    /// connection. The changes are accepted by the caller once the group has committed, not here.
    internal async Task<int> SaveInGroupAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, CancellationToken ct)
    {
        var own = Database.GetConnectionString();
        Database.SetDbConnection(connection);
        var autoSavepoints = Database.AutoSavepointsEnabled;
        try
        {
            await Database.UseTransactionAsync(transaction, ct);
            // The group keeps a savepoint around each save already.
            Database.AutoSavepointsEnabled = false;
            return await SaveCoreAsync(acceptAllChangesOnSuccess: false, ct);
        }
        finally
        {
            Database.AutoSavepointsEnabled = autoSavepoints;
            await Database.UseTransactionAsync(null, CancellationToken.None);
            await Database.CloseConnectionAsync();
            Database.SetDbConnection(null);
            Database.SetConnectionString(own);
        }
    }

    /// The write itself, once the changes are detected, the versions bumped and the audit collected.
    private async Task<int> SaveCoreAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var rollups = _rollups;
        if (!_audit.HasPending && rollups is null) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            // The changes first, so the keys of new rows are known; then their audit rows, in the same transaction.
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (_audit.HasPending)
                await AuditRecorder.AppendAsync(this, _audit.Finish(_savingAs.UserId, _savingAs.UserName, UtcNow), cancellationToken);
            if (rollups is not null) await Features.Circulation.LoanRollups.ApplyAsync(this, rollups, CutoffDay, cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// Sets the next version on every versioned row the save changes. Through the entries, not the entities, so that
    /// the change is tracked without detecting changes again.
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(nameof(IVersioned.Version));
                version.CurrentValue = (long)version.OriginalValue! + 1;
            }
            else if (entry.State == EntityState.Added && entry.Entity.Version == 0) entry.Entity.Version = 1;
        }
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v.Value : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
