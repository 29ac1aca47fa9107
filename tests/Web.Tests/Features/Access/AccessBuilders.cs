using System.Net;
using System.Net.Http.Json;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.People;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Tests.Features.Access;

/// Rows a public-computer test makes for itself, through the API, with defaults for what the test is not about: a
/// site of its own, its computers, sessions and classes. A test then finds exactly its own rows, whatever the other
/// tests of the class put in the shared database.
public sealed class AccessBuilders(BookpostApp app)
{
    private static int s_counter;

    public static readonly SessionProfile Adult = new(Sex.Female, AgeBand.Adult, true, true, Occupation.Farmer, true);
    public static readonly SessionProfile Youth = new(Sex.Male, AgeBand.Youth, false, false, Occupation.Student, false);

    /// Posts one of the app's own input records, written as the app writes JSON (enums by name).
    public static Task<HttpResponseMessage> PostAsync<T>(HttpClient client, string url, T body) =>
        client.PostAsJsonAsync(url, body, Api.Json, Api.Ct);

    public static string Iso(DateTime utc) => new DateTimeOffset(utc, TimeSpan.Zero).ToString("o");

    /// The demo point's id and code: pages signed in as demo-point open on it.
    public (int Id, string Code) DemoPoint => app.WithDb(db =>
    {
        var id = db.Users.Single(u => u.UserName == "demo-point").ScopePointId!.Value;
        return (id, db.ServicePoints.Single(p => p.Id == id).Code);
    });

    /// A new site of its own (so its figures are exactly the test's), in the demo point's commune; with the admin's client.
    public async Task<(HttpClient Admin, int SiteId)> SiteAsync()
    {
        var admin = await app.ClientAsync("demo-admin");
        var n = Interlocked.Increment(ref s_counter);
        var commune = app.WithDb(db => db.ServicePoints.Single(p => p.Id == db.Users.Single(u => u.UserName == "demo-point").ScopePointId)
            .CommuneCode);
        var body = Api.PointBody($"MAYTINH-{n}-{Guid.NewGuid():N}"[..24], commune, $"Điểm máy tính {n}");
        var point = await (await admin.PostJsonAsync("/api/v1/points", body)).ReadAsync<PointDetailDto>(HttpStatusCode.Created);
        return (admin, point.Point.Id);
    }

    /// A registered computer (or peripheral) with a tag of its own.
    public static async Task<ComputerDto> ComputerAsync(HttpClient client, int siteId, string kind = "Desktop")
    {
        var tag = $"PC-{Interlocked.Increment(ref s_counter):D4}-{Guid.NewGuid():N}"[..20];
        var body = new { siteId, assetTag = tag, kind, source = "BmgfVn", yearReceived = 2012, specs = "Core i3" };
        return await (await client.PostJsonAsync("/api/v1/access/computers", body)).ReadAsync<ComputerDto>(HttpStatusCode.Created);
    }

    /// A session started at the desk.
    public static async Task<SessionDto> SessionAsync(HttpClient client, int computerId, SessionProfile? profile = null,
        int? limitMinutes = null) =>
        await (await PostAsync(client, "/api/v1/access/sessions", new StartInput(computerId, profile ?? Adult, LimitMinutes: limitMinutes)))
            .ReadAsync<SessionDto>();

    /// A class held today, with counts only unless attendees are given.
    public async Task<TrainingDto> TrainingAsync(HttpClient client, int siteId, string topic = "Tin học cơ bản",
        AttendeeInput[]? attendees = null)
    {
        var input = new TrainingInput(siteId, topic, TrainingAudience.Public, app.Today, 3, "Lê Thị Hằng",
            attendees is null ? 10 : null, attendees is null ? 5 : null, null, null, attendees);
        return await (await PostAsync(client, "/api/v1/access/trainings", input)).ReadAsync<TrainingDto>(HttpStatusCode.Created);
    }

    /// As if the computer had been registered a day ago, so work on it may be dated earlier today.
    public void RegisteredYesterday(int computerId) => app.WithDb(db =>
    {
        var then = app.UtcNow.AddDays(-1);
        db.Computers.Where(c => c.Id == computerId).ExecuteUpdate(u => u.SetProperty(c => c.CreatedAt, then));
        return db.EquipmentStatusChanges.Where(h => h.ComputerId == computerId).ExecuteUpdate(u => u.SetProperty(h => h.ChangedAt, then));
    });

    /// As if the session had started at another time (the clock only moves forward).
    public void StartedAt(long sessionId, DateTime utc) =>
        app.WithDb(db => db.AccessSessions.Where(s => s.Id == sessionId).ExecuteUpdate(u => u.SetProperty(s => s.StartedAt, utc)));

    public int SessionsOf(int computerId) => app.WithDb(db => db.AccessSessions.Count(s => s.ComputerId == computerId));
}
