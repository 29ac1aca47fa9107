using Bookpost.Web.Data;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Localization;

var builder = WebApplication.CreateBuilder(args);

builder.AddWebPlatform();
builder.AddLocalizationSupport();
builder.AddDatabase();
builder.AddAccounts();
builder.AddNetwork();

var app = builder.Build();

app.UseWebPlatform();

var api = app.MapGroup("/api/v1");
api.MapAuthApi();
api.MapNetworkApi();
api.MapAuditApi();

await app.RunAsync();

public partial class Program;
