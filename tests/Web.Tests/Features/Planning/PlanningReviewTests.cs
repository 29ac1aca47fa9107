using System.Net;
using Bookpost.Web.Features.Planning.Tasks;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Planning;

/// What the review of issue 19 found, kept found.
public abstract class PlanningReviewTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [DbFact]
    public async Task ANullInTheEvidenceList_IsA400_AndNothingIsRecorded()
    {
        var library = await app.ClientAsync("demo-library");
        var task = (await library.GetAsync<TaskList>("/api/v1/tasks?overdue=true")).Items[0];
        var before = app.WithDb(db => db.TaskUpdates.Count(u => u.TaskId == task.Id));
        var answer = await library.PostJsonAsync($"/api/v1/tasks/{task.Id}/updates", new { text = "p", files = new object?[] { null } });
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(before, app.WithDb(db => db.TaskUpdates.Count(u => u.TaskId == task.Id)));
    }

    [DbFact]
    public async Task AProgressFormSentAsItCame_IsRefused()
    {
        var library = await app.ClientAsync("demo-library");
        var task = (await library.GetAsync<TaskList>("/api/v1/tasks?overdue=true")).Items[0];
        var answer = await library.PostJsonAsync($"/api/v1/tasks/{task.Id}/updates", new { progress = task.Progress });
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("text", await answer.Content.ReadAsStringAsync(Ct));
    }
}

public sealed class PlanningReviewTestsOnSqlite(SqliteApp app) : PlanningReviewTests(app), IClassFixture<SqliteApp>;

public sealed class PlanningReviewTestsOnPostgres(PostgresApp app) : PlanningReviewTests(app), IClassFixture<PostgresApp>;
