using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Features.Rotation;
using Bookpost.Web.Features.Users;
using Bookpost.Web.Infrastructure.Audit;

// Settings are read once at start. Watching them for changes would watch the whole content root, where the SQLite
// database lives by default: every write to its journal woke the watcher thread (a third of a core during an import).
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);

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

var app = builder.Build();

if (args.Length > 0 && args[0] == ImportCommand.Verb)
{
    return await ImportCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None);
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

await app.RunAsync();
return 0;

public partial class Program;
