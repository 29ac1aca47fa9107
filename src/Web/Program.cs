using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Home;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Evaluation;
using Bookpost.Web.Features.Planning;
using Bookpost.Web.Features.Portal;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Features.Rotation;
using Bookpost.Web.Features.Users;
using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Infrastructure.Operations.Backups;

// Settings are read once at start. Watching them for changes would watch the whole content root, where the SQLite
// database lives by default: every write to its journal woke the watcher thread (a third of a core during an import).
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. ContentRoot(args), .. args]);

// The data folder (SQLite file, signing key, data-protection keys) is created for its owner only, before anything
// else makes it with the default mode.
Bookpost.Web.Infrastructure.Auth.DataFolder.Create(builder.Configuration["Database:DataDirectory"] is { Length: > 0 } data ? data : "data");

builder.AddWebPlatform();
builder.AddLocalizationSupport();
builder.AddDatabase();
builder.AddAccounts();
builder.AddNetwork();
builder.AddUsers();
builder.AddCatalog();
builder.AddRotation();
builder.AddCirculation();
builder.AddAccess();
builder.AddReports();
builder.AddEvaluation();
builder.AddPlanning();
builder.AddHome();
builder.AddPortal();

var app = builder.Build();

if (args.Length > 0 && args[0] == ImportCommand.Verb)
{
    return await ImportCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None);
}
if (args.Length > 0 && args[0] == Bookpost.Web.Infrastructure.Auth.SigningKeyFingerprint.ForgetVerb)
{
    return await Bookpost.Web.Infrastructure.Auth.SigningKeyFingerprint.ForgetAsync(app.Services, Console.Out, CancellationToken.None);
}
if (args.Length > 0 && args[0] == Bookpost.Web.Tools.GenerateNational.Verb)
{
    return await Bookpost.Web.Tools.GenerateNational.RunAsync(app.Services, args, Console.Out, CancellationToken.None);
}
if (args.Length > 0 && args[0] is BackupCommand.BackupVerb or BackupCommand.RestoreVerb)
{
    return await BackupCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None);
}

if (args.Length > 0 && args[0] == Bookpost.Web.Infrastructure.Operations.ArchivePartitionsCommand.Verb)
{
    return await Bookpost.Web.Infrastructure.Operations.ArchivePartitionsCommand.RunAsync(app.Services, args, Console.Out,
        CancellationToken.None);
}

app.UseWebPlatform();

var api = app.MapGroup("/api/v1");
api.MapAuthApi();
api.MapNetworkApi();
api.MapAuditApi();
api.MapCatalogApi();
api.MapRotationApi();
api.MapCirculationApi();
api.MapAccessApi();
api.MapReportsApi();
api.MapEvaluationApi();
api.MapPlanningApi();
api.MapPortalApi();
app.MapPortal();

await app.RunAsync();
return 0;

public partial class Program
{
    /// The content root (appsettings.json, wwwroot) is the app's own folder when the app is started from a folder that
    /// does not hold its settings (a service started from /, `dotnet /opt/bookpost/Bookpost.Web.dll` from anywhere):
    /// before, it took the working directory and silently ran on defaults. Started where its settings are
    /// (`dotnet run` in src/Web, which the SDK runs in the project folder), or with a content root given on the command
    /// line or in ASPNETCORE_CONTENTROOT / DOTNET_CONTENTROOT, nothing changes. `Database:DataDirectory`, when relative,
    /// stays relative to the working directory, as before (docs/architecture.md, "Security (issue 15)").
    private static string[] ContentRoot(string[] args)
    {
        var given = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        if (given || File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))
            || !File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")))
            return [];
        return [$"--contentRoot={AppContext.BaseDirectory}"];
    }
}
