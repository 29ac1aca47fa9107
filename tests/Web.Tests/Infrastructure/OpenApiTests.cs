using System.Text.Json;

namespace Bookpost.Web.Tests.Infrastructure;

public sealed class OpenApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// Every route of the API is in the OpenAPI document with a name and a summary (DESIGN.md, API conventions).
    [Fact]
    public async Task OpenApi_EveryOperation_HasANameAndASummary()
    {
        using var client = app.CreateClient();
        var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).RootElement;
        var operations = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Op: o.Value))).ToList();
        Assert.Contains(operations, o => o.Path == "/api/v1/rotation/shipments/{id}/receive");
        Assert.Contains(operations, o => o.Path == "/api/v1/reports/indicator-values");
        foreach (var (path, method, op) in operations.Where(o => o.Path.StartsWith("/api/v1", StringComparison.Ordinal)))
        {
            Assert.True(op.TryGetProperty("operationId", out _), $"{method} {path} has no name");
            Assert.True(op.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 5, $"{method} {path} has no summary");
        }
    }
}
