using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Organizations;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Network.Units;
using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bookpost.Web.Tests.Features.Network;

public abstract class NetworkApiTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// One of today's communes outside the demo district's area, for tests that create points.
    private string FreeCommune(int skip = 0) => app.CommuneOutside(app.DemoDistrict(), skip);

    [DbFact]
    public async Task Health_DatabaseReachable_Answers200()
    {
        var response = await app.CreateClient().GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [DbFact]
    public void Migrations_Model_HasNoPendingChanges()
    {
        app.WithDb(db =>
        {
            Assert.False(db.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh: the model changed without a migration.");
            Assert.Empty(db.Database.GetPendingMigrations());
            return 0;
        });
    }

    [DbFact]
    public async Task Token_WrongPassword_Answers401Problem()
    {
        var response = await app.CreateClient()
            .PostJsonAsync("/api/v1/auth/token", new { username = "demo-monitor", password = "wrong-Password1" });
        var problem = await response.JsonAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [DbFact]
    public async Task Token_MissingFields_Answers400WithFieldErrors()
    {
        var response = await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = "" });
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [DbFact]
    public async Task Token_TamperedOrExpired_Answers401()
    {
        var good = await app.TokenAsync("demo-monitor");
        var parts = good.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"Monitor\"", "\"Admin\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var key = app.Services.GetRequiredService<SigningKeyStore>().Key;
        var past = app.UtcNow.AddHours(-3);
        var expired = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenService.Issuer, Audience = TokenService.Audience, IssuedAt = past, NotBefore = past, Expires = past.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "x" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        foreach (var token in new[] { tampered, expired, "not-a-token" })
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/points", Ct)).StatusCode);
        }
    }

    [DbFact]
    public async Task Token_AfterRepeatedFailures_IsThrottledForThatClient_EvenWithTheRightPassword()
    {
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var user = new AppUser { UserName = "lockout-test", FullName = "Khóa", Role = AppRole.Monitor, ScopeKind = ScopeKind.Province,
                ScopeAreaCode = "38" };
            Assert.True((await users.CreateAsync(user, BookpostApp.Password)).Succeeded);
            return 0;
        });
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
            await client.PostJsonAsync("/api/v1/auth/token", new { username = "lockout-test", password = "Wrong-Pass-1" });
        var response = await client.PostJsonAsync("/api/v1/auth/token", new { username = "lockout-test", password = BookpostApp.Password });
        // Issue 15: the (name, address) pair is slowed down, the account is not locked (Security/SignInThrottleTests).
        var problem = await response.JsonAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("Too many failed sign-ins", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task AdminUnits_MonitorListsDistricts_WithGsoCodes()
    {
        // Districts exist until 30/06/2025 (the two-tier map has none: AdminUnitsTwoTierTests); 405 Đông Sơn merged into the city
        // on 01/01/2025.
        var client = await app.ClientAsync("demo-monitor");
        var body = await client.GetAsync<PagedList<AdminUnitDto>>("/api/v1/admin-units?level=District&asOf=2025-06-30");
        Assert.Equal(26, body.Total);
        var codes = body.Items.Select(i => i.Code).ToList();
        Assert.Contains("380", codes);
        Assert.DoesNotContain("405", codes);
        Assert.Equal("Thành phố Thanh Hóa", body.Items.Single(i => i.Code == "380").Name);
    }

    [DbTheory]
    [InlineData("2019-09-11", 27, 635)]
    [InlineData("2024-02-01", 27, 559)]
    public async Task AdminUnits_AsOfPastDate_ReturnsTheTreeOfThatDay(string asOf, int districts, int communes)
    {
        var client = await app.ClientAsync("demo-district");
        Assert.Equal(districts, (await client.GetAsync<PagedList<AdminUnitDto>>($"/api/v1/admin-units?level=District&asOf={asOf}")).Total);
        Assert.Equal(communes,
            (await client.GetAsync<PagedList<AdminUnitDto>>($"/api/v1/admin-units?level=Commune&asOf={asOf}&pageSize=1")).Total);
    }

    [DbFact]
    public async Task Organizations_ListsTheAgencies_AndTheMergedOneOnlyInThePast()
    {
        var client = await app.ClientAsync("demo-point");
        var today = await client.GetAsync<PagedList<OrganizationDto>>("/api/v1/organizations?pageSize=500");
        var codes = today.Items.Select(i => i.Code).ToList();
        Assert.Contains("SVHTTDL", codes);
        Assert.Contains("SKHCN", codes);
        Assert.DoesNotContain("STTTT", codes);
        var past = await client.GetAsync<PagedList<OrganizationDto>>("/api/v1/organizations?asOf=2024-06-01&pageSize=500");
        Assert.Contains("STTTT", past.Items.Select(i => i.Code));
    }

    [DbFact]
    public async Task Points_PointUser_SeesOnlyItsOwnPoint()
    {
        var client = await app.ClientAsync("demo-point");
        var list = await client.GetAsync<PagedList<PointDto>>("/api/v1/points");
        var own = Assert.Single(list.Items).Id;
        Assert.Equal(1, list.Total);
        var other = app.AddPoint(FreeCommune()).Id;
        await client.GetJsonAsync($"/api/v1/points/{own}");
        await client.GetJsonAsync($"/api/v1/points/{other}", HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Points_DistrictUser_SeesOnlyItsDistrict()
    {
        var client = await app.ClientAsync("demo-district");
        var district = (await client.GetAsync<MeResponse>("/api/v1/me")).AreaCode;
        var outside = app.AddPoint(app.CommuneOutside(district));
        var list = await client.GetAsync<PagedList<PointDto>>("/api/v1/points?pageSize=500");
        Assert.True(list.Total >= 2);
        // An area holds the points that were in the district on its last day and those in a unit that took over one of
        // its communes (a point opened after the reform has the former district of its commune's main predecessor).
        var area = app.WithDb(db => db.CommunesOfArea(district, app.Today).Select(u => u.Code).ToList());
        Assert.All(list.Items, p => Assert.True(p.FormerDistrictCode == district || area.Contains(p.CommuneCode), p.Code));
        Assert.Contains(list.Items, p => p.FormerDistrictCode == district);
        Assert.DoesNotContain(list.Items, p => p.Id == outside.Id);
        var all = await (await app.ClientAsync("demo-monitor")).GetAsync<PagedList<PointDto>>("/api/v1/points?pageSize=1");
        Assert.True(all.Total > list.Total);
    }

    [DbFact]
    public async Task Points_SearchWithoutDiacritics_FindsVietnameseName()
    {
        var client = await app.ClientAsync("demo-postoffice");
        var body = Api.PointBody("SEARCH-1", FreeCommune(), "Điểm Đọc Sách Nông Nghiệp");
        var created = await (await client.PostJsonAsync("/api/v1/points", body)).ReadAsync<PointDetailDto>(HttpStatusCode.Created);
        foreach (var q in new[] { "nong nghiep", "NÔNG NGHIỆP", "doc sach", "\"sach nong\"",
            "Nông nghiệp".Normalize(NormalizationForm.FormD) })
        {
            var found = await client.GetAsync<PagedList<PointDto>>($"/api/v1/points?q={Uri.EscapeDataString(q)}");
            Assert.Contains(found.Items, p => p.Code == "SEARCH-1");
        }
        Assert.Equal(0, (await client.GetAsync<PagedList<PointDto>>("/api/v1/points?q=%22nghiep%20nong%22")).Total);
        Assert.NotEqual(0, created.Point.Id);
    }

    [DbFact]
    public async Task CreatePoint_BadInput_Answers400AndStoresNothing()
    {
        var client = await app.ClientAsync("demo-admin");
        var before = app.WithDb(db => db.ServicePoints.Count());
        var endedCommune = app.WithDb(db => db.AdminUnits.Where(u => u.Level == AdminLevel.Commune && u.ValidTo != null)
            .Where(u => !db.AdminUnits.Any(v => v.Code == u.Code && v.ValidTo == null)).Select(u => u.Code).First());

        var noName = Api.PointBody("BAD-1", FreeCommune());
        noName.Remove("name");
        var outside = Api.PointBody("BAD-2", FreeCommune());
        outside["latitude"] = 35.0;
        outside["longitude"] = 139.0;
        var ended = Api.PointBody("BAD-3", endedCommune);
        var cases = new (object Body, string Field)[] { (noName, "name"), (outside, "latitude"), (ended, "communeCode") };
        foreach (var (body, field) in cases)
        {
            var problem = await (await client.PostJsonAsync("/api/v1/points", body)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
            Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        }
        var unknownField = await (await client.PostRawAsync("/api/v1/points", """{"code":"BAD-4","name":"X","kind":"PostCulturePoint","communeCode":"14848","colour":"red"}""")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(400, unknownField.GetProperty("status").GetInt32());
        await (await client.PostRawAsync("/api/v1/points", """{"code":"BAD-5","name":"X","kind":"PostCulturePoint","communeCode":"14848","latitude":"north"}""")).JsonAsync(HttpStatusCode.BadRequest);
        await (await client.PostRawAsync("/api/v1/points", """{"code":"BAD-6","name":"X","kind":"Castle","communeCode":"14848"}""")).JsonAsync(HttpStatusCode.BadRequest);
        await (await client.PostRawAsync("/api/v1/points", """{"code":""")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, app.WithDb(db => db.ServicePoints.Count()));
    }

    [DbFact]
    public async Task CreatePoint_DuplicateCode_Answers400OnTheCodeField()
    {
        var client = await app.ClientAsync("demo-admin");
        await (await client.PostJsonAsync("/api/v1/points", Api.PointBody("DUP-1", FreeCommune()))).JsonAsync(HttpStatusCode.Created);
        var problem = await (await client.PostJsonAsync("/api/v1/points", Api.PointBody("dup-1", FreeCommune(1))))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("code", out _));
    }

    [DbFact]
    public async Task UpdatePoint_StaleIfMatch_Answers412AndChangesNothing()
    {
        var client = await app.ClientAsync("demo-postoffice");
        var created = await client.PostAsync("/api/v1/points", JsonContent(Api.PointBody("ETAG-1", FreeCommune())), Ct);
        var id = (await created.ReadAsync<PointDetailDto>(HttpStatusCode.Created)).Point.Id;
        var etag = created.Headers.ETag!.Tag;

        var first = Api.PointBody("ETAG-1", FreeCommune(), "Tên mới lần một");
        var ok = await Put(client, id, first, etag);
        await ok.JsonAsync(HttpStatusCode.OK);
        Assert.NotEqual(etag, ok.Headers.ETag!.Tag);

        var stale = await Put(client, id, Api.PointBody("ETAG-1", FreeCommune(), "Tên ghi đè"), etag);
        await stale.JsonAsync(HttpStatusCode.PreconditionFailed);
        await (await Put(client, id, first, null)).JsonAsync((HttpStatusCode)428);
        Assert.Equal("Tên mới lần một", (await client.GetAsync<PointDetailDto>($"/api/v1/points/{id}")).Point.Name);

        // The accepted edit is in the audit log with its before and after.
        var monitor = await app.ClientAsync("demo-monitor");
        var audit = await monitor.GetAsync<PagedList<AuditEntryDto>>($"/api/v1/audit?entityType=ServicePoint&entityId={id}&action=Updated");
        var entry = Assert.Single(audit.Items);
        Assert.Contains("Điểm BĐVHX Thử nghiệm", entry.Before);
        Assert.Contains("Tên mới lần một", entry.After);
        Assert.Equal("demo-postoffice", entry.UserName);
    }

    [DbFact]
    public async Task WritePoints_RoleThatMayNotWrite_Answers403AndCannotWriteThroughThePages()
    {
        // The role check is on the routes and the pages, not in the handlers: both must refuse a library's staff.
        var api = await app.ClientAsync("demo-library");
        var existing = app.WithDb(db => db.ServicePoints.OrderBy(p => p.Id).Select(p => new { p.Id, p.Code, p.Version }).First());
        await (await api.PostJsonAsync("/api/v1/points", Api.PointBody("ROLE-1", FreeCommune()))).JsonAsync(HttpStatusCode.Forbidden);
        await (await Put(api, existing.Id, Api.PointBody(existing.Code, FreeCommune(), "Đổi tên"), $"\"{existing.Version}\""))
            .JsonAsync(HttpStatusCode.Forbidden);

        using var page = await PageClient.SignInAsync(app, "demo-library");
        var form = new Dictionary<string, string>
        {
            ["Input.Code"] = "ROLE-2", ["Input.Name"] = "Điểm thử quyền", ["Input.Kind"] = "PostCulturePoint",
            ["Input.Status"] = "Active", ["Input.CommuneCode"] = FreeCommune(),
        };
        PageClient.AssertDenied(await PageClient.PostFormAsAsync(page, "/Catalog/Imports", "/Network/Points/Edit", form));
        PageClient.AssertDenied(await PageClient.PostFormAsAsync(page, "/Catalog/Imports", $"/Network/Points/Edit/{existing.Id}",
            new(form) { ["Input.Code"] = existing.Code,
                ["Version"] = existing.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        PageClient.AssertDenied(await PageClient.PostFormAsAsync(page, "/Catalog/Imports", "/Network/Points/Import?handler=Commit",
            new() { ["token"] = "x.csv" }));
        Assert.False(app.WithDb(db => db.ServicePoints.Any(p => p.Code == "ROLE-1" || p.Code == "ROLE-2")));
        Assert.Equal(existing.Version, app.WithDb(db => db.ServicePoints.Where(p => p.Id == existing.Id).Select(p => p.Version).Single()));
    }

    [DbFact]
    public async Task UpdatePoint_DistrictUserMovingPointOutOfItsDistrict_IsForbidden()
    {
        var client = await app.ClientAsync("demo-district");
        var district = (await client.GetAsync<MeResponse>("/api/v1/me")).AreaCode;
        var point = app.AddPoint(app.CommuneIn(district));
        var got = await client.GetAsync($"/api/v1/points/{point.Id}", Ct);
        var body = Api.PointBody(point.Code, FreeCommune(), point.Name);
        await (await Put(client, point.Id, body, got.Headers.ETag!.Tag)).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(point.CommuneCode, (await client.GetAsync<PointDetailDto>($"/api/v1/points/{point.Id}")).Point.CommuneCode);
    }

    /// A changed row that points at a row inserted by the same save is audited with the new row's real key, not the
    /// temporary one it had before the insert; and its version is bumped once.
    [DbFact]
    public void Audit_OfAChangePointingAtANewRow_RecordsTheGeneratedKey()
    {
        var (pointId, version) = app.WithDb(db => db.ServicePoints.OrderBy(p => p.Id).Select(p => new { p.Id, p.Version })
            .First() is var p ? (p.Id, p.Version) : default);
        var operatorId = app.WithDb(db =>
        {
            var point = db.ServicePoints.Single(p => p.Id == pointId);
            var organization = new Organization { Code = $"AUD-{Guid.NewGuid():N}"[..20], Name = "Bưu điện huyện kiểm thử",
                AreaCode = "38" };
            point.Operator = organization;
            db.SaveChanges();
            return organization.Id;
        });
        var entry = app.WithDb(db => db.AuditEntries.Where(a => a.EntityType == nameof(Bookpost.Web.Features.Network.ServicePoint)
            && a.EntityId == pointId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderByDescending(a => a.Id).First());
        using var after = System.Text.Json.JsonDocument.Parse(entry.After!);
        Assert.Equal(operatorId, after.RootElement.GetProperty("OperatorId").GetInt32());
        Assert.Equal(version + 1, after.RootElement.GetProperty("Version").GetInt64());
        Assert.Equal(version + 1, app.WithDb(db => db.ServicePoints.Single(p => p.Id == pointId).Version));
    }

    [DbFact]
    public void AuditLog_RawUpdateOrDelete_IsRefusedByTheDatabase()
    {
        app.WithDb(db =>
        {
            Assert.True(db.AuditEntries.Any());
            Assert.ThrowsAny<Exception>(() => db.Database.ExecuteSqlRaw("UPDATE \"AuditEntries\" SET \"UserName\" = 'x'"));
            Assert.ThrowsAny<Exception>(() => db.Database.ExecuteSqlRaw("DELETE FROM \"AuditEntries\""));
            return 0;
        });
        var entry = app.WithDb(db => db.AuditEntries.First());
        Assert.NotEqual("x", entry.UserName);
    }

    [DbFact]
    public async Task ImportPoints_BadCsv_ReportsEveryRowAndImportsNothing()
    {
        var ended = app.WithDb(db => db.AdminUnits.Where(u => u.Level == AdminLevel.Commune && u.ValidTo != null)
            .Where(u => !db.AdminUnits.Any(v => v.Code == u.Code && v.ValidTo == null)).Select(u => u.Code).First());
        var good = FreeCommune();
        var csv = $"""
            code,name,kind,communeCode,latitude,longitude
            IMP-1,Điểm một,PostCulturePoint,{good},19.8,105.7
            IMP-2,,PostCulturePoint,{good},,
            IMP-1,Điểm trùng,PostCulturePoint,{good},,
            IMP-3,Điểm ba,PostCulturePoint,99999,,
            IMP-4,Điểm bốn,PostCulturePoint,{ended},,
            IMP-5,Điểm năm,Castle,{good},50,50
            """;
        var before = app.WithDb(db => db.ServicePoints.Count());
        var (preview, commit) = await ImportAsync(csv, "points.csv");
        Assert.False(preview.CanCommit);
        Assert.Equal(5, preview.ErrorRows);
        Assert.Empty(preview.Rows[0].Errors);
        Assert.Contains("name", preview.Rows[1].Errors.Keys);
        Assert.Contains("code", preview.Rows[2].Errors.Keys);
        Assert.Contains("communeCode", preview.Rows[3].Errors.Keys);
        Assert.Contains("communeCode", preview.Rows[4].Errors.Keys);
        Assert.Contains("kind", preview.Rows[5].Errors.Keys);
        Assert.Contains("latitude", preview.Rows[5].Errors.Keys);
        Assert.False(commit.IsOk);
        Assert.Equal(before, app.WithDb(db => db.ServicePoints.Count()));
    }

    [DbTheory]
    [InlineData("", "empty")]
    [InlineData("ma,ten\nX,Y\n", "columns")]
    public async Task ImportPoints_EmptyOrWrongColumns_IsRefusedAsAWhole(string csv, string _)
    {
        var (preview, commit) = await ImportAsync(csv, "points.csv");
        Assert.NotEmpty(preview.FileErrors);
        Assert.False(commit.IsOk);
    }

    [DbFact]
    public async Task ImportPoints_ExportedXlsx_ImportsBackAsUpdates()
    {
        var client = await app.ClientAsync("demo-admin");
        var response = await client.GetAsync("/api/v1/points/export?format=xlsx&kind=DistrictLibrary", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var libraries = app.WithDb(db => db.ServicePoints.Count(p => p.Kind == ServicePointKind.DistrictLibrary));
        var (preview, commit) = await ImportAsync(bytes, "libraries.xlsx");
        Assert.True(preview.CanCommit,
            string.Join(" ", preview.FileErrors.Concat(preview.Rows.SelectMany(r => r.Errors.SelectMany(e => e.Value)))));
        Assert.Equal(libraries, preview.Rows.Count);
        Assert.All(preview.Rows, r => Assert.Equal(ImportAction.Update, r.Action));
        Assert.True(commit.IsOk);

        var csv = await (await client.GetAsync("/api/v1/points/export?format=csv&kind=ProvincialLibrary",
            Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Thư viện tỉnh Thanh Hóa", csv);
    }

    [DbFact]
    public async Task RecordUnitChange_Merge_EndsOldCommunesAndMovesTheirPoints()
    {
        var client = await app.ClientAsync("demo-admin");
        // Two of today's communes (directly under the province on the two-tier map) merge yesterday, the new unit keeping a's code.
        var (a, b) = app.WithDb(db =>
        {
            var today = app.Today;
            var two = db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => u.Level == AdminLevel.Commune && u.ParentCode == "38")
                .OrderByDescending(u => u.Code).Take(2).Select(u => u.Code).ToList();
            return (two[0], two[1]);
        });
        await (await client.PostJsonAsync("/api/v1/points", Api.PointBody("MERGE-1", b))).JsonAsync(HttpStatusCode.Created);
        var yesterday = app.Today.AddDays(-1);
        var effective = yesterday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var request = new { kind = "Merge", effectiveOn = effective, from = new[] { a, b },
            to = new[] { new { code = a, name = "Xã Hợp Nhất", type = "Xã", parentCode = "38" } } };
        var result = await (await client.PostJsonAsync("/api/v1/admin-units/changes", request)).ReadAsync<UnitChangeResult>();
        Assert.Equal(2, result.Ended.Count);
        Assert.Contains("MERGE-1", result.PointsMoved);

        var today = await client.GetAsync<PagedList<AdminUnitDto>>($"/api/v1/admin-units?parent=38&q={Uri.EscapeDataString("hop nhat")}");
        Assert.Equal(1, today.Total);
        Assert.Equal(a, today.Items[0].Code);
        // The day before the merger both communes were there, code a naming the old unit, not "Xã Hợp Nhất".
        var dayBefore = yesterday.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var before = await client.GetAsync<PagedList<AdminUnitDto>>($"/api/v1/admin-units?parent=38&asOf={dayBefore}&pageSize=500");
        Assert.Contains(before.Items, u => u.Code == b);
        Assert.NotEqual("Xã Hợp Nhất", before.Items.Single(u => u.Code == a).Name);

        // Merging the same communes again is refused: they no longer exist before that date.
        await (await client.PostJsonAsync("/api/v1/admin-units/changes", request)).JsonAsync(HttpStatusCode.BadRequest);
    }

    [DbFact]
    public async Task Api_ListPageSizeOverLimit_Answers400()
    {
        var client = await app.ClientAsync("demo-monitor");
        var problem = await client.GetJsonAsync("/api/v1/points?pageSize=501", HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    private async Task<(ImportPreview Preview,
        Bookpost.Web.Infrastructure.Errors.Result<ImportPreview> Commit)> ImportAsync(object content, string name)
    {
        var bytes = content as byte[] ?? Encoding.UTF8.GetBytes((string)content);
        var scope = await ScopeOfAsync("demo-admin");
        return await app.WithScopeAsync(async sp =>
        {
            var import = sp.GetRequiredService<ImportPoints>();
            var preview = await import.PreviewAsync(new MemoryStream(bytes), name, scope, Ct);
            var commit = await import.CommitAsync(new MemoryStream(bytes), name, scope, Ct);
            return (preview, commit);
        });
    }

    private async Task<UserScope> ScopeOfAsync(string userName) => await app.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var factory = sp.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<AppUser>>();
        return UserScope.FromPrincipal(await factory.CreateAsync((await users.FindByNameAsync(userName))!))!;
    });

    private static HttpContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body);

    private static Task<HttpResponseMessage> Put(HttpClient client, int id, object body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/points/{id}") { Content = JsonContent(body) };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request, Ct);
    }
}

public sealed class NetworkApiTestsOnSqlite(SqliteApp app) : NetworkApiTests(app), IClassFixture<SqliteApp>;

public sealed class NetworkApiTestsOnPostgres(PostgresApp app) : NetworkApiTests(app), IClassFixture<PostgresApp>;
