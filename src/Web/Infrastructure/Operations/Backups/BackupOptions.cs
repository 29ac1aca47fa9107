using Microsoft.Extensions.Options;

namespace Bookpost.Web.Infrastructure.Operations.Backups;

/// The scheduled backup (section "Backup"). Without a directory there is no scheduled backup; `backup DIR` on the
/// command line works either way.
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// Where the scheduled backups go, one sub-folder per backup (bookpost-YYYYMMDD-HHMM). Empty: no scheduled backup.
    public string? Directory { get; set; }

    /// The hour of the day (0–23, Vietnam time) after which the day's backup is taken.
    public int Hour { get; set; } = 2;

    /// How many scheduled backups to keep; older ones in the directory are deleted after a successful backup.
    public int Keep { get; set; } = 7;

    /// Folder holding pg_dump and pg_restore, when the right ones are not on PATH or in /usr/lib/postgresql/*/bin.
    public string? PostgresBinDirectory { get; set; }

    public bool Scheduled => !string.IsNullOrWhiteSpace(Directory);
}

/// Wrong settings stop the start with the setting's full name, not a member name.
internal sealed class BackupOptionsValidation : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions options)
    {
        var errors = new List<string>();
        if (options.Hour is < 0 or > 23)
            errors.Add($"Backup:Hour phải từ 0 đến 23 / Backup:Hour must be 0–23 (it is {options.Hour}).");
        if (options.Keep < 1)
            errors.Add($"Backup:Keep phải từ 1 trở lên / Backup:Keep must be at least 1 (it is {options.Keep}).");
        if (!string.IsNullOrWhiteSpace(options.PostgresBinDirectory) && !System.IO.Directory.Exists(options.PostgresBinDirectory))
            errors.Add("Backup:PostgresBinDirectory không tồn tại / Backup:PostgresBinDirectory does not exist: "
                + options.PostgresBinDirectory);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public static class BackupModule
{
    /// The backup writer and restorer (the `backup` and `restore` verbs use them too) and the scheduled backup.
    public static IServiceCollection AddBackups(this IServiceCollection services)
    {
        services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BackupOptions>, BackupOptionsValidation>();
        services.AddSingleton<BackupWriter>();
        services.AddSingleton<ScheduledBackup>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduledBackup>());
        return services;
    }
}
