using System.Net;
using System.Net.Http.Json;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.People;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Security;

/// Finding 3 (attendees) and 12: attendees are personal data like readers. Only the staff of the site that held the
/// class (here the demo point) and Admin see who they were; every other role that sees the site (Monitor, PostOffice,
/// Library, District) reads the counts, through the API and the page, even in the answer to a class it records itself;
/// a point user of another point does not see the class at all. The form and the list say why names are kept, and
/// each class stores the text it was recorded with.
public abstract class AttendeePrivacyTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] s_seeAttendees = ["demo-admin", "demo-point"];
    private static readonly string[] s_seeCounts = ["demo-monitor", "demo-postoffice", "demo-library", "demo-district", "demo-commune"];

    [DbFact]
    public async Task EveryRole_ApiAndPage_OnlyTheSiteAndAdminSeeWhoAttended()
    {
        await PersonalRows.EnsureOtherPointUserAsync(app);
        var site = app.DemoPointId();
        using var point = await app.ClientAsync("demo-point");
        var (training, name) = await PersonalRows.TrainingAsync(app, point, site);
        Assert.Equal((2, 1, 1, 1), (training.Participants, training.Female, training.EthnicMinority, training.PoorHousehold));

        var failures = new List<string>();
        foreach (var user in PersonalRows.DemoUsers)
        {
            using var client = await app.ClientAsync(user);
            using var one = await client.GetAsync($"/api/v1/access/trainings/{training.Id}", Ct);
            var body = await one.Content.ReadAsStringAsync(Ct);
            if (user == PersonalRows.OtherPoint)
            {
                if (one.StatusCode != HttpStatusCode.NotFound) failures.Add($"{user}: {(int)one.StatusCode}, expected 404");
                continue;
            }
            var dto = await one.ReadAsync<TrainingDto>();
            if ((dto.Participants, dto.Female, dto.EthnicMinority, dto.PoorHousehold) != (2, 1, 1, 1)) failures.Add($"{user}: wrong counts");
            var sees = s_seeAttendees.Contains(user);
            if (sees != (dto.Attendees.Count == 2)) failures.Add($"{user}: {dto.Attendees.Count} attendees");
            if (sees != PersonalRows.Readable(body).Contains(name, StringComparison.Ordinal)) failures.Add($"{user}: name shown = {!sees}");
            if (sees && dto.Attendees.Single(a => a.FullName == name) is var a && (a.BirthYear, a.EthnicMinority, a.PoorHousehold) != (1979, true, true))
                failures.Add($"{user}: the attendee's details are wrong");

            var list = await client.GetStringAsync($"/api/v1/access/trainings?siteId={site}", Ct);
            if (PersonalRows.Readable(list).Contains(name, StringComparison.Ordinal)) failures.Add($"{user}: the list holds the name");

            using var browser = await PageClient.SignInAsync(app, user);
            var html = PersonalRows.Readable(await browser.GetStringAsync($"/Access/Trainings?site={site}", Ct));
            if (html.Contains(name, StringComparison.Ordinal) != sees) failures.Add($"{user}: the page shows the name = {!sees}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [DbFact]
    public async Task ManagersOfOtherSites_WriteAList_ButReadBackOnlyTheCounts()
    {
        var site = app.DemoPointId();
        foreach (var user in new[] { "demo-postoffice", "demo-library" })
        {
            using var client = await app.ClientAsync(user);
            var (training, name) = await PersonalRows.TrainingAsync(app, client, site);
            Assert.Empty(training.Attendees);
            Assert.Equal(2, training.Participants);

            // An edit that replaces the list answers with the counts too.
            var input = new TrainingInput(null, "Tin học cơ bản", TrainingAudience.Public, app.Today, 2, "Lê Thị Hằng", null, null, null, null,
                [new AttendeeInput($"Vi Thị {PersonalRows.Letters()}", Sex.Female)]);
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/access/trainings/{training.Id}")
            {
                Content = JsonContent.Create(input, options: Api.Json),
            };
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{training.Version}\"");
            using var put = await client.SendAsync(request, Ct);
            var edited = await put.ReadAsync<TrainingDto>();
            Assert.Empty(edited.Attendees);
            Assert.Equal(1, edited.Participants);
            Assert.DoesNotContain("Vi Thị", PersonalRows.Readable(await put.Content.ReadAsStringAsync(Ct)));

            // The point that runs the site sees the list they wrote.
            using var point = await app.ClientAsync("demo-point");
            Assert.StartsWith("Vi Thị", (await point.GetAsync<TrainingDto>($"/api/v1/access/trainings/{training.Id}")).Attendees.Single().FullName);
            _ = name;
        }
    }

    [DbFact]
    public async Task ThePurposeOfKeepingNames_IsShownOnTheFormAndList_AndStoredWithTheClass()
    {
        var site = app.DemoPointId();
        using var point = await app.ClientAsync("demo-point");
        var (training, _) = await PersonalRows.TrainingAsync(app, point, site);
        Assert.Contains("Luật Bảo vệ dữ liệu cá nhân", training.AttendeePurpose);
        Assert.Contains("5 năm", training.AttendeePurpose);
        Assert.False(training.AttendeesAnonymised);
        Assert.Equal(training.AttendeePurpose, app.WithDb(db => db.Trainings.Single(t => t.Id == training.Id).AttendeePurpose));
        // Everyone who sees the class reads why names are kept, the counts-only roles included.
        using var monitor = await app.ClientAsync("demo-monitor");
        Assert.Equal(training.AttendeePurpose, (await monitor.GetAsync<TrainingDto>($"/api/v1/access/trainings/{training.Id}")).AttendeePurpose);

        using var browser = await PageClient.SignInAsync(app, "demo-point");
        var html = PersonalRows.Readable(await browser.GetStringAsync($"/Access/Trainings?site={site}", Ct));
        Assert.Contains("id=\"attendee-purpose\"", html); // on the form
        Assert.Contains("id=\"attendee-purpose-list\"", html); // above the list
        Assert.Contains(training.AttendeePurpose!, html);
    }
}

public sealed class AttendeePrivacyTestsOnSqlite(SqliteApp app) : AttendeePrivacyTests(app), IClassFixture<SqliteApp>;

public sealed class AttendeePrivacyTestsOnPostgres(PostgresApp app) : AttendeePrivacyTests(app), IClassFixture<PostgresApp>;
