using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Infrastructure.Operations;

/// A named piece of background work held by one app instance until <see cref="Until"/> (<see cref="JobLeases"/>): an
/// import, the nightly backup, a retention run. Several instances on one database run such work once; an instance that
/// dies stops renewing its lease, and another takes the work over when the lease has run out.
[Audit.NotAudited]
public sealed class JobLease
{
    public string Name { get; set; } = "";
    public string Owner { get; set; } = "";
    public DateTime TakenAt { get; set; }
    public DateTime Until { get; set; }
}

/// One data-protection key (cookies, antiforgery tokens), kept in the database so that every instance reads the same
/// ring: a cookie made by one instance is read by another.
[Audit.NotAudited]
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}

/// A value every instance must agree on (today: the fingerprint of the token signing key), kept in the database.
[Audit.NotAudited]
public sealed class SharedSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}

public enum BackupTrigger { Scheduled, Command }

/// One backup: when, where to, how large, and whether it succeeded (the admin's home page shows the last).
[Audit.NotAudited]
public sealed class BackupRun
{
    public int Id { get; set; }
    public BackupTrigger Trigger { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public bool Succeeded { get; set; }
    public string Directory { get; set; } = "";
    public long Bytes { get; set; }
    public string? Message { get; set; }
    public string Instance { get; set; } = "";
}

public sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Owner).HasMaxLength(200);
    }
}

public sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.Property(x => x.FriendlyName).HasMaxLength(200);
    }
}

public sealed class SharedSettingConfiguration : IEntityTypeConfiguration<SharedSetting>
{
    public void Configure(EntityTypeBuilder<SharedSetting> b)
    {
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Value).HasMaxLength(2000);
    }
}

public sealed class BackupRunConfiguration : IEntityTypeConfiguration<BackupRun>
{
    public void Configure(EntityTypeBuilder<BackupRun> b)
    {
        b.Property(x => x.Trigger).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Directory).HasMaxLength(500);
        b.Property(x => x.Message).HasMaxLength(2000);
        b.Property(x => x.Instance).HasMaxLength(200);
        b.HasIndex(x => x.StartedAt);
    }
}
