using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Rotation;
using Bookpost.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Infrastructure;

/// Every /api/v1 endpoint × every role × a resource inside and outside the caller's scope.
/// The inside point belongs to demo-point, in demo-district's area (former district) and in demo-commune's commune today; the
/// outside point is outside that area, so in another commune too. demo-commune sees and writes what demo-district does, within
/// its commune.
/// An endpoint that declares no scope rule, or that this table does not list, fails the first test.
public abstract class ScopeMatrixTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] s_users = ["demo-admin", "demo-monitor", "demo-library", "demo-postoffice", "demo-district", "demo-point",
        "demo-commune"];
    private static readonly string[] s_provinceWide = ["demo-admin", "demo-monitor", "demo-library", "demo-postoffice"];
    private static readonly string[] s_pointWriters = ["demo-admin", "demo-postoffice", "demo-district", "demo-commune"];
    private static int s_counter;
    private static int s_provincialLibrary;

    private sealed record Target(int Id, string Code, string CommuneCode, int ItemId, string ItemBarcode, int TitleId, int JobId, Rot R, Circ C, Acc A)
    {
        /// The app's clock when the targets were made, for requests that send a time.
        public DateTimeOffset Now { get; init; }
    }

    /// The public-computer resources of a target: a working computer with a closed session, a broken one with an open
    /// ticket, a training class and an ended outage.
    private sealed record Acc(int ComputerId, string AssetTag, long SessionId, int BrokenId, string BrokenTag, int TicketId, int TrainingId, string TrainingTopic, int OutageId);

    private static readonly string[] s_accessManagers = ["demo-admin", "demo-library", "demo-postoffice", "demo-point"];

    /// Plans are drafted by the department and the area and commune offices (issue 19).
    private static HttpStatusCode PlanWriters(string user, HttpStatusCode ok) =>
        user is "demo-admin" or "demo-monitor" or "demo-district" or "demo-commune" ? ok : HttpStatusCode.Forbidden;

    private static HttpStatusCode DocumentWriters(string user, HttpStatusCode ok) =>
        user is "demo-admin" or "demo-monitor" or "demo-district" or "demo-commune" ? ok : HttpStatusCode.Forbidden;

    private static HttpStatusCode Managers(string user, HttpStatusCode ok) => s_accessManagers.Contains(user) ? ok : HttpStatusCode.Forbidden;

    /// Sessions are logged by the site's own staff (and Admin); the library's staff log their own library's only.
    private static HttpStatusCode SessionDesk(string user, bool inScope, HttpStatusCode ok, HttpStatusCode pointOutside) => user switch
    {
        "demo-admin" => ok,
        "demo-point" => inScope ? ok : pointOutside,
        _ => HttpStatusCode.Forbidden,
    };

    /// The circulation resources of a target: a reader of the point with an open loan renewed to the limit, a periodical,
    /// and a copy returned there on its way back to the library.
    private sealed record Circ(int ReaderId, string Card, int LoanId, string LoanBarcode, int PeriodicalId, string PeriodicalTitle, int TransferId, string TransferBarcode);

    /// The rotation resources of a target: a set at the point with one copy, a confirmed cycle that sent it there (now
    /// overdue), the received shipment and one open discrepancy.
    private sealed record Rot(int SetId, string SetCode, int SetItemId, int CycleId, string CycleName, int AssignmentId, int ShipmentId, string ShipmentNumber, int DiscrepancyId, string DiscrepancyBarcode);

    private static readonly string[] s_inspectors = ["demo-admin", "demo-monitor", "demo-district", "demo-commune"];
    private static readonly string[] s_historyImporters = ["demo-admin", "demo-monitor", "demo-postoffice", "demo-district", "demo-commune"];
    private static readonly string[] s_catalogWriters = ["demo-admin", "demo-library"];
    private static readonly string[] s_senders = ["demo-admin", "demo-library", "demo-point"];

    private static readonly string[] s_desk = ["demo-admin", "demo-point"];
    private static readonly string[] s_periodicalManagers = ["demo-admin", "demo-point", "demo-postoffice"];

    /// Reader-level data: Admin, and the operator of the point itself; everyone else is refused by role.
    private static HttpStatusCode AtDesk(string user, bool inScope, HttpStatusCode ok) =>
        user == "demo-admin" ? ok : user == "demo-point" ? (inScope ? ok : HttpStatusCode.NotFound) : HttpStatusCode.Forbidden;

    private static bool SeesReaders(string user, bool inScope) => user == "demo-admin" || (user == "demo-point" && inScope);

    private static HttpStatusCode Sees(string user, bool inScope) => SeesTarget(user, inScope) ? HttpStatusCode.OK : HttpStatusCode.NotFound;

    /// The task led by each target point (issue 19), and whether each target is a Post-Culture point (the post office's).
    private static readonly Dictionary<int, int> s_pointTasks = [];
    private static readonly Dictionary<bool, bool> s_targetIsPostCulture = [];

    private static bool SeesTask(string user, bool inScope) => user switch
    {
        "demo-admin" or "demo-monitor" => true,
        "demo-library" => false,
        "demo-postoffice" => s_targetIsPostCulture.GetValueOrDefault(inScope),
        _ => inScope,
    };

    private static HttpStatusCode TaskDepartment(string user, HttpStatusCode ok) =>
        user is "demo-admin" or "demo-monitor" ? ok : HttpStatusCode.Forbidden;

    private static bool SeesTarget(string user, bool inScope) => inScope || s_provinceWide.Contains(user);

    private static HttpStatusCode Writers(string user, HttpStatusCode ok) => s_catalogWriters.Contains(user) ? ok : HttpStatusCode.Forbidden;

    private static HttpStatusCode ReturnWriters(string user, HttpStatusCode ok) =>
        user is "demo-admin" or "demo-point" ? ok : HttpStatusCode.Forbidden;

    private static HttpStatusCode MeetingWriters(string user, HttpStatusCode ok) =>
        user is "demo-admin" or "demo-monitor" ? ok : HttpStatusCode.Forbidden;

    private static HttpStatusCode ReturnDeciders(string user) =>
        user is "demo-admin" or "demo-postoffice" or "demo-district" or "demo-commune" ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;

    private sealed record Case(Func<string, Target, HttpRequestMessage> Request, Func<string, bool, HttpStatusCode> Expected,
        Func<string, bool, Target, string, bool>? Body = null);

    private static HttpStatusCode Allowed(string user, bool inScope, string[] roles, HttpStatusCode ok, HttpStatusCode outside = HttpStatusCode.NotFound) =>
        !roles.Contains(user) ? HttpStatusCode.Forbidden
        : inScope || s_provinceWide.Contains(user) ? ok
        : outside;

    private static readonly Dictionary<string, Case> s_matrix = new()
    {
        ["IssueToken"] = new((u, _) => Json(HttpMethod.Post, "/api/v1/auth/token", new { username = u, password = BookpostApp.Password }), (_, _) => HttpStatusCode.OK),
        ["GetMe"] = new((_, _) => new(HttpMethod.Get, "/api/v1/me"), (_, _) => HttpStatusCode.OK,
            (u, _, _, body) => body.Contains($"\"userName\":\"{u}\"", StringComparison.Ordinal)),
        ["ListAdminUnits"] = new((_, _) => new(HttpMethod.Get, "/api/v1/admin-units?level=Commune&parent=38"),
            (_, _) => HttpStatusCode.OK),
        ["ListAdminUnitSuccessions"] = new((_, _) => new(HttpMethod.Get, "/api/v1/admin-units/successions?from=14758&on=2025-07-01"),
            (_, _) => HttpStatusCode.OK),
        ["RecordAdminUnitChange"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/admin-units/changes", new { }),
            (u, _) => u == "demo-admin" ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden),
        ["ListOrganizations"] = new((_, _) => new(HttpMethod.Get, "/api/v1/organizations"), (_, _) => HttpStatusCode.OK),
        ["ListPoints"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/points?q={t.Code}"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains($"\"code\":\"{t.Code}\"", StringComparison.Ordinal) == (inScope || s_provinceWide.Contains(u))),
        ["ExportPoints"] = new((_, _) => new(HttpMethod.Get, "/api/v1/points/export"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains(t.Code, StringComparison.Ordinal) == (inScope || s_provinceWide.Contains(u))),
        ["GetPoint"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/points/{t.Id}"), (u, inScope) => Allowed(u, inScope, s_users, HttpStatusCode.OK)),
        ["CreatePoint"] = new((_, t) => Json(HttpMethod.Post, "/api/v1/points", Api.PointBody($"MATRIX-{Interlocked.Increment(ref s_counter)}", t.CommuneCode)),
            (u, inScope) => Allowed(u, inScope, s_pointWriters, HttpStatusCode.Created, HttpStatusCode.Forbidden)),
        ["UpdatePoint"] = new((_, t) => new(HttpMethod.Put, $"/api/v1/points/{t.Id}"),
            (u, inScope) => Allowed(u, inScope, s_pointWriters, HttpStatusCode.OK)),
        // Review and moves: a writer reaches the point (then, without If-Match, 428 and nothing changes); others 403/404.
        ["ListPointReview"] = new((_, _) => new(HttpMethod.Get, "/api/v1/points/review"),
            (u, _) => s_pointWriters.Contains(u) ? HttpStatusCode.OK : HttpStatusCode.Forbidden),
        ["ConfirmPointCommune"] = new((_, t) => new(HttpMethod.Post, $"/api/v1/points/{t.Id}/commune/confirm"),
            (u, inScope) => Allowed(u, inScope, s_pointWriters, (HttpStatusCode)428)),
        ["MovePoint"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/points/{t.Id}/move", new { communeCode = t.CommuneCode }),
            (u, inScope) => Allowed(u, inScope, s_pointWriters, (HttpStatusCode)428)),
        ["SearchTitles"] = new((_, _) => new(HttpMethod.Get, "/api/v1/catalog/titles?q=ma+tran"), (_, _) => HttpStatusCode.OK,
            (_, _, t, body) => body.Contains($"\"id\":{t.TitleId}", StringComparison.Ordinal)),
        ["GetTitle"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/catalog/titles/{t.TitleId}"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains(t.ItemBarcode, StringComparison.Ordinal) == SeesTarget(u, inScope)),
        ["CreateTitle"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/catalog/titles", new { titleProper = "Sách thử phạm vi" }),
            (u, _) => Writers(u, HttpStatusCode.Created)),
        ["UpdateTitle"] = new((_, t) => new(HttpMethod.Put, $"/api/v1/catalog/titles/{t.TitleId}"), (u, _) => Writers(u, HttpStatusCode.OK)),
        ["ExportTitles"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/catalog/titles/export?ids={t.TitleId}&format=xml"), (_, _) => HttpStatusCode.OK),
        ["ListItems"] = new((_, _) => new(HttpMethod.Get, "/api/v1/catalog/items?pageSize=500"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains(t.ItemBarcode, StringComparison.Ordinal) == SeesTarget(u, inScope)),
        ["GetItem"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/catalog/items/{t.ItemId}"),
            (u, inScope) => SeesTarget(u, inScope) ? HttpStatusCode.OK : HttpStatusCode.NotFound),
        ["CreateItem"] = new((_, t) => Json(HttpMethod.Post, "/api/v1/catalog/items",
                new { barcode = $"MX{Interlocked.Increment(ref s_counter):D6}", titleId = t.TitleId, ownerId = s_provincialLibrary }),
            (u, _) => Writers(u, HttpStatusCode.Created)),
        // The copies belong to a district library: the provincial library's staff may not change them.
        ["UpdateItem"] = new((_, t) => new(HttpMethod.Put, $"/api/v1/catalog/items/{t.ItemId}"),
            (u, _) => u == "demo-admin" ? HttpStatusCode.OK : HttpStatusCode.Forbidden),
        ["PrintLabels"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/catalog/items/labels?ids={t.ItemId}"),
            (u, inScope) => SeesTarget(u, inScope) ? HttpStatusCode.OK : HttpStatusCode.NotFound),
        ["StartImport"] = new((_, _) => Multipart("/api/v1/catalog/imports", "title,isbn\nSách nhập thử phạm vi,\n", "scope.csv"),
            (u, _) => Writers(u, HttpStatusCode.Accepted)),
        ["ListImports"] = new((_, _) => new(HttpMethod.Get, "/api/v1/catalog/imports"), (u, _) => Writers(u, HttpStatusCode.OK)),
        ["GetImport"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/catalog/imports/{t.JobId}"), (u, _) => Writers(u, HttpStatusCode.OK)),
        ["GetImportIssues"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/catalog/imports/{t.JobId}/issues"), (u, _) => Writers(u, HttpStatusCode.OK)),
        ["ListSets"] = new((_, _) => new(HttpMethod.Get, "/api/v1/rotation/sets?pageSize=500"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains($"\"code\":\"{t.R.SetCode}\"", StringComparison.Ordinal) == SeesTarget(u, inScope)),
        ["GetSet"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/rotation/sets/{t.R.SetId}"), Sees),
        ["CreateSet"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/rotation/sets", new { code = "", name = "" }), (u, _) => Writers(u, HttpStatusCode.BadRequest)),
        ["UpdateSet"] = new((_, t) => Json(HttpMethod.Put, $"/api/v1/rotation/sets/{t.R.SetId}", new { name = "Đổi tên" }),
            (u, _) => Writers(u, HttpStatusCode.PreconditionRequired)),
        // The set is at a point: its copies cannot change there.
        ["AddSetItems"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/rotation/sets/{t.R.SetId}/items", new { barcodes = new[] { "X" } }),
            (u, _) => Writers(u, HttpStatusCode.Conflict)),
        ["RemoveSetItem"] = new((_, t) => new(HttpMethod.Delete, $"/api/v1/rotation/sets/{t.R.SetId}/items/{t.R.SetItemId}"), (u, _) => Writers(u, HttpStatusCode.Conflict)),
        ["SuggestSetItems"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/rotation/sets/{t.R.SetId}/suggestions"), (u, _) => Writers(u, HttpStatusCode.OK)),
        ["ChangeSetState"] = new((_, t) => new(HttpMethod.Post, $"/api/v1/rotation/sets/{t.R.SetId}/ready"), (u, _) => Writers(u, HttpStatusCode.Conflict)),
        // Sent to where it already is: refused on the field once scope and role allow the request at all.
        ["DispatchSet"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/rotation/sets/{t.R.SetId}/dispatch", new { toId = t.Id }),
            (u, inScope) => Allowed(u, inScope, s_senders, HttpStatusCode.BadRequest)),
        ["ListCycles"] = new((_, _) => new(HttpMethod.Get, "/api/v1/rotation/cycles?pageSize=500"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains(t.R.CycleName, StringComparison.Ordinal) == SeesTarget(u, inScope)),
        ["GetCycle"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/rotation/cycles/{t.R.CycleId}"), Sees),
        ["CreateCycle"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/rotation/cycles", new { }), (u, _) => Writers(u, HttpStatusCode.BadRequest)),
        ["ProposePlan"] = new((_, t) => new(HttpMethod.Post, $"/api/v1/rotation/cycles/{t.R.CycleId}/plan"), (u, _) => Writers(u, HttpStatusCode.Conflict)),
        ["EditAssignment"] = new((_, t) => Json(HttpMethod.Put, $"/api/v1/rotation/cycles/{t.R.CycleId}/assignments/{t.R.AssignmentId}", new { pointId = t.Id }),
            (u, _) => Writers(u, HttpStatusCode.Conflict)),
        ["ConfirmCycle"] = new((_, t) => new(HttpMethod.Post, $"/api/v1/rotation/cycles/{t.R.CycleId}/confirm"), (u, _) => Writers(u, HttpStatusCode.Conflict)),
        ["SetPointCapacity"] = new((_, t) => Json(HttpMethod.Put, $"/api/v1/rotation/points/{t.Id}/capacity", new { capacity = 99 }),
            (u, _) => Writers(u, HttpStatusCode.BadRequest)),
        ["ListShipments"] = new((_, _) => new(HttpMethod.Get, "/api/v1/rotation/shipments?pageSize=500"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains(t.R.ShipmentNumber, StringComparison.Ordinal) == SeesTarget(u, inScope)),
        ["GetShipment"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/rotation/shipments/{t.R.ShipmentId}"), Sees),
        // Already received: the point at the end gets the conflict; the library is not the destination.
        ["ReceiveShipment"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/rotation/shipments/{t.R.ShipmentId}/receive", new { barcodes = new[] { "X" } }),
            (u, inScope) => u switch
            {
                "demo-admin" => HttpStatusCode.Conflict,
                "demo-library" => HttpStatusCode.Forbidden,
                "demo-point" => inScope ? HttpStatusCode.Conflict : HttpStatusCode.NotFound,
                _ => HttpStatusCode.Forbidden,
            }),
        ["HandoverRecord"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/rotation/shipments/{t.R.ShipmentId}/handover.pdf"), Sees),
        ["ReceiptRecord"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/rotation/shipments/{t.R.ShipmentId}/receipt.pdf"), Sees),
        ["ListDiscrepancies"] = new((_, _) => new(HttpMethod.Get, "/api/v1/rotation/discrepancies?pageSize=500"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains(t.R.DiscrepancyBarcode, StringComparison.Ordinal) == SeesTarget(u, inScope)),
        ["ResolveDiscrepancy"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/rotation/discrepancies/{t.R.DiscrepancyId}/resolve", new { }),
            (u, _) => Writers(u, HttpStatusCode.BadRequest)),
        ["ListOverdue"] = new((_, _) => new(HttpMethod.Get, "/api/v1/rotation/overdue"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains(t.R.SetCode, StringComparison.Ordinal) == SeesTarget(u, inScope)),
        ["GetCustody"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/rotation/items/{t.R.SetItemId}/custody"), Sees),
        // Returns (issue 18): who may act by role; inside and outside an area is ReturnsApiTests' (a return of each target's
        // point would need a period per target). Id 0 exists nowhere: those the route lets through get 404.
        ["ListReturns"] = new((_, _) => new(HttpMethod.Get, "/api/v1/reports/returns"), (_, _) => HttpStatusCode.OK),
        ["GetReturn"] = new((_, _) => new(HttpMethod.Get, "/api/v1/reports/returns/0"), (_, _) => HttpStatusCode.NotFound),
        ["OpenReturn"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/reports/returns", new { }), (u, _) => ReturnWriters(u, HttpStatusCode.BadRequest)),
        ["SaveReturn"] = new((_, _) => Json(HttpMethod.Put, "/api/v1/reports/returns/0", new { }), (u, _) => ReturnWriters(u, HttpStatusCode.NotFound)),
        ["SubmitReturn"] = new((_, _) => new(HttpMethod.Post, "/api/v1/reports/returns/0/submit"), (u, _) => ReturnWriters(u, HttpStatusCode.NotFound)),
        ["ReviseReturn"] = new((_, _) => new(HttpMethod.Post, "/api/v1/reports/returns/0/revise"), (u, _) => ReturnWriters(u, HttpStatusCode.NotFound)),
        ["AcceptReturn"] = new((_, _) => new(HttpMethod.Post, "/api/v1/reports/returns/0/accept"), (u, _) => ReturnDeciders(u)),
        ["RejectReturn"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/reports/returns/0/reject", new { reason = "x" }), (u, _) => ReturnDeciders(u)),
        ["ListIndicators"] = new((_, _) => new(HttpMethod.Get, "/api/v1/reports/indicators"), (_, _) => HttpStatusCode.OK,
            (_, _, _, body) => body.Contains("rotation.points_served", StringComparison.Ordinal)),
        // Counts go up, never sideways: a point's column exists only for those who see the point.
        ["GetIndicatorValues"] = new((_, _) => new(HttpMethod.Get, "/api/v1/reports/indicator-values?level=Point&codes=rotation.sets_dispatched"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains($"\"key\":\"{t.Id}\"", StringComparison.Ordinal) == SeesTarget(u, inScope)),
        // The history import (issue 18): the province's, the area's, the commune's and the post office's people; a file that is
        // not XLSX is refused with its words, so nothing is stored.
        // Completeness, the dashboard and the map (issue 18): counts only, every role within its own scope.
        ["GetCompleteness"] = new((_, _) => new(HttpMethod.Get, "/api/v1/reports/completeness?form=point-monthly"),
            (_, _) => HttpStatusCode.OK),
        ["GetDashboard"] = new((_, _) => new(HttpMethod.Get, "/api/v1/reports/dashboard"), (_, _) => HttpStatusCode.OK),
        ["GetPointMap"] = new((_, _) => new(HttpMethod.Get, "/api/v1/reports/map.svg"), (_, _) => HttpStatusCode.OK),
        ["GetHistoryTemplate"] = new((_, _) => new(HttpMethod.Get, "/api/v1/reports/history/template"),
            (u, _) => s_historyImporters.Contains(u) ? HttpStatusCode.OK : HttpStatusCode.Forbidden),
        ["PreviewHistoryImport"] = new((_, _) => Multipart("/api/v1/reports/history/preview", "pointCode,year\n", "scope.csv"),
            (u, _) => s_historyImporters.Contains(u) ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden),
        ["CommitHistoryImport"] = new((_, _) => Multipart("/api/v1/reports/history/commit", "pointCode,year\n", "scope.csv"),
            (u, _) => s_historyImporters.Contains(u) ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden),
        // Report documents (issue 18): the department and the area offices; a document is its area's, tested in DocumentsApiTests.
        ["ListReportTemplates"] = new((_, _) => new(HttpMethod.Get, "/api/v1/reports/templates"), (u, _) => DocumentWriters(u, HttpStatusCode.OK)),
        ["ListReportDocuments"] = new((_, _) => new(HttpMethod.Get, "/api/v1/reports/documents"), (u, _) => DocumentWriters(u, HttpStatusCode.OK)),
        ["CreateReportDocument"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/reports/documents", new { template = "nope" }),
            (u, _) => DocumentWriters(u, HttpStatusCode.BadRequest)),
        ["GetReportDocument"] = new((_, _) => new(HttpMethod.Get, "/api/v1/reports/documents/0"), (u, _) => DocumentWriters(u, HttpStatusCode.NotFound)),
        ["EditReportDocument"] = new((_, _) => Json(HttpMethod.Put, "/api/v1/reports/documents/0", new { }), (u, _) => DocumentWriters(u, HttpStatusCode.NotFound)),
        ["IssueReportDocument"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/reports/documents/0/issue", new { }),
            (u, _) => DocumentWriters(u, HttpStatusCode.NotFound)),
        ["ReportDocumentFile"] = new((_, _) => new(HttpMethod.Get, "/api/v1/reports/documents/0/file?format=pdf"),
            (u, _) => DocumentWriters(u, HttpStatusCode.NotFound)),
        ["ListReaders"] = new((_, _) => new(HttpMethod.Get, "/api/v1/circulation/readers?pageSize=500"), (u, _) => s_desk.Contains(u) ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
            (u, inScope, t, body) => body.Contains(t.C.Card, StringComparison.Ordinal) == SeesReaders(u, inScope)),
        ["GetReader"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/circulation/readers/{t.C.ReaderId}"), (u, inScope) => AtDesk(u, inScope, HttpStatusCode.OK)),
        ["CreateReader"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/circulation/readers", new { }), (u, _) => s_desk.Contains(u) ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden),
        ["UpdateReader"] = new((_, t) => Json(HttpMethod.Put, $"/api/v1/circulation/readers/{t.C.ReaderId}", new { fullName = "Đổi" }),
            (u, inScope) => AtDesk(u, inScope, HttpStatusCode.PreconditionRequired)),
        ["ReaderCard"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/circulation/readers/{t.C.ReaderId}/card.pdf"), (u, inScope) => AtDesk(u, inScope, HttpStatusCode.OK)),
        ["ReaderPersonalData"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/circulation/readers/{t.C.ReaderId}/personal-data.pdf"),
            (u, inScope) => AtDesk(u, inScope, HttpStatusCode.OK)),
        // Without If-Match: the desk that sees the reader is asked for the version, and nothing is erased.
        ["EraseReader"] = new((_, t) => new(HttpMethod.Post, $"/api/v1/circulation/readers/{t.C.ReaderId}/erase"),
            (u, inScope) => AtDesk(u, inScope, HttpStatusCode.PreconditionRequired)),
        ["ReaderViews"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/circulation/readers/{t.C.ReaderId}/views"),
            (u, _) => u == "demo-admin" ? HttpStatusCode.OK : HttpStatusCode.Forbidden),
        ["CheckOut"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/circulation/loans", new { barcodes = Array.Empty<string>() }),
            (u, _) => s_desk.Contains(u) ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden),
        ["ReturnItems"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/circulation/returns", new { barcodes = Array.Empty<string>() }),
            (u, _) => s_desk.Contains(u) ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden),
        // Renewed to the limit already: the desk that sees the loan gets the conflict.
        ["RenewLoan"] = new((_, t) => new(HttpMethod.Post, $"/api/v1/circulation/loans/{t.C.LoanId}/renew"), (u, inScope) => AtDesk(u, inScope, HttpStatusCode.Conflict)),
        // Open loans only: the demo history holds thousands of returned ones, past any page.
        ["ListLoans"] = new((_, _) => new(HttpMethod.Get, "/api/v1/circulation/loans?open=true&pageSize=500"), (u, _) => s_desk.Contains(u) ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
            (u, inScope, t, body) => body.Contains(t.C.LoanBarcode, StringComparison.Ordinal) == SeesReaders(u, inScope)),
        ["GetLoanRules"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/circulation/rules?pointId={t.Id}"), (_, _) => HttpStatusCode.OK),
        ["SaveLoanRules"] = new((_, _) => Json(HttpMethod.Put, "/api/v1/circulation/rules", new { }), (u, _) => s_desk.Contains(u) ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden),
        ["ListTransfers"] = new((_, _) => new(HttpMethod.Get, "/api/v1/circulation/transfers"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains(t.C.TransferBarcode, StringComparison.Ordinal) == SeesTarget(u, inScope)),
        // Still waiting to be posted, so it cannot be received yet; only the library at its end may try.
        ["AdvanceTransfer"] = new((_, t) => new(HttpMethod.Post, $"/api/v1/circulation/transfers/{t.C.TransferId}/received"),
            (u, inScope) => u switch
            {
                "demo-admin" or "demo-library" => HttpStatusCode.Conflict,
                "demo-point" => inScope ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound,
                _ => HttpStatusCode.Forbidden,
            }),
        ["RecordTally"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/circulation/tallies", new { }), (u, _) => s_desk.Contains(u) ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden),
        // A point reads its own tallies whatever it asks for; everyone else reads the tallies of points they see.
        ["ListTallies"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/circulation/tallies?pointId={t.Id}"),
            (u, inScope) => u == "demo-point" ? HttpStatusCode.OK : Sees(u, inScope)),
        ["ListPeriodicals"] = new((_, _) => new(HttpMethod.Get, "/api/v1/circulation/periodicals"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains(t.C.PeriodicalTitle, StringComparison.Ordinal) == SeesTarget(u, inScope)),
        ["CreatePeriodical"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/circulation/periodicals", new { }),
            (u, _) => s_periodicalManagers.Contains(u) ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden),
        ["UpdatePeriodical"] = new((_, t) => Json(HttpMethod.Put, $"/api/v1/circulation/periodicals/{t.C.PeriodicalId}", new { }),
            (u, inScope) => Allowed(u, inScope, s_periodicalManagers, HttpStatusCode.PreconditionRequired)),
        ["RecordPeriodicalReceipt"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/circulation/periodicals/{t.C.PeriodicalId}/receipts", new { copies = -1 }),
            (u, inScope) => AtDesk(u, inScope, HttpStatusCode.BadRequest)),
        ["MissingDeliveries"] = new((_, _) => new(HttpMethod.Get, "/api/v1/circulation/periodicals/missing"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains(t.C.PeriodicalTitle, StringComparison.Ordinal) == SeesTarget(u, inScope)),
        ["ListComputers"] = new((_, _) => new(HttpMethod.Get, "/api/v1/access/computers"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains(t.A.AssetTag, StringComparison.Ordinal) == SeesTarget(u, inScope)),
        ["GetComputer"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/access/computers/{t.A.ComputerId}"), Sees),
        // An invalid tag: refused on the field once the site is in scope; a site out of scope is not there to place it in.
        ["CreateComputer"] = new((_, t) => Json(HttpMethod.Post, "/api/v1/access/computers", new { siteId = t.Id, assetTag = "", kind = "Desktop", source = "BmgfVn" }),
            (u, _) => Managers(u, HttpStatusCode.BadRequest)),
        ["UpdateComputer"] = new((_, t) => new(HttpMethod.Put, $"/api/v1/access/computers/{t.A.ComputerId}"),
            (u, inScope) => Allowed(u, inScope, s_accessManagers, HttpStatusCode.OK)),
        ["ChangeComputerStatus"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/access/computers/{t.A.ComputerId}/status", new { }),
            (u, inScope) => Allowed(u, inScope, s_accessManagers, HttpStatusCode.BadRequest)),
        ["IssueKioskToken"] = new((_, t) => new(HttpMethod.Post, $"/api/v1/access/computers/{t.A.ComputerId}/kiosk-token"),
            (u, inScope) => Allowed(u, inScope, s_accessManagers, HttpStatusCode.OK)),
        ["WorkingShare"] = new((_, _) => new(HttpMethod.Get, "/api/v1/access/working-share"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains($"\"siteId\":{t.Id},", StringComparison.Ordinal) == SeesTarget(u, inScope)),
        ["GetInternet"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/access/sites/{t.Id}/internet"), Sees),
        ["SaveInternet"] = new((_, t) => Json(HttpMethod.Put, $"/api/v1/access/sites/{t.Id}/internet", new { }),
            (u, inScope) => Allowed(u, inScope, s_accessManagers, HttpStatusCode.BadRequest)),
        ["RecordOutage"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/access/sites/{t.Id}/outages", new { startedAt = t.Now.AddDays(1) }),
            (u, inScope) => Allowed(u, inScope, s_accessManagers, HttpStatusCode.BadRequest)),
        ["EndOutage"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/access/outages/{t.A.OutageId}/end", new { }),
            (u, inScope) => Allowed(u, inScope, s_accessManagers, HttpStatusCode.Conflict)),
        ["ListTickets"] = new((_, _) => new(HttpMethod.Get, "/api/v1/access/tickets"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains(t.A.BrokenTag, StringComparison.Ordinal) == SeesTarget(u, inScope)),
        ["ReportBroken"] = new((_, t) => Json(HttpMethod.Post, "/api/v1/access/tickets", new { computerId = t.A.ComputerId, problem = "" }),
            (u, _) => Managers(u, HttpStatusCode.BadRequest)),
        // The ticket is only reported: "fixed" is not its next step.
        ["AdvanceTicket"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/access/tickets/{t.A.TicketId}/fix", new { }),
            (u, inScope) => Allowed(u, inScope, s_accessManagers, HttpStatusCode.Conflict)),
        ["LiveBoard"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/access/board?siteId={t.Id}"), Sees),
        ["ListSessions"] = new((_, _) => new(HttpMethod.Get, "/api/v1/access/sessions"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains($"{{\"id\":{t.A.SessionId},", StringComparison.Ordinal) == SeesTarget(u, inScope)),
        // No profile: refused on the fields at the site's own desk; a computer out of sight is not one the user may choose.
        ["StartSession"] = new((_, t) => Json(HttpMethod.Post, "/api/v1/access/sessions", new { computerId = t.A.ComputerId }),
            (u, inScope) => SessionDesk(u, inScope, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)),
        ["CloseSession"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/access/sessions/{t.A.SessionId}/close", new { }),
            (u, inScope) => SessionDesk(u, inScope, HttpStatusCode.Conflict, HttpStatusCode.NotFound)),
        ["EnterSession"] = new((_, t) => Json(HttpMethod.Post, "/api/v1/access/sessions/entries", new { computerId = t.A.ComputerId }),
            (u, inScope) => SessionDesk(u, inScope, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)),
        ["ListTrainings"] = new((_, _) => new(HttpMethod.Get, "/api/v1/access/trainings"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains(t.A.TrainingTopic, StringComparison.Ordinal) == SeesTarget(u, inScope)),
        ["GetTraining"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/access/trainings/{t.A.TrainingId}"), Sees),
        ["CreateTraining"] = new((_, t) => Json(HttpMethod.Post, "/api/v1/access/trainings", new { siteId = t.Id }), (u, _) => Managers(u, HttpStatusCode.BadRequest)),
        ["UpdateTraining"] = new((_, t) => new(HttpMethod.Put, $"/api/v1/access/trainings/{t.A.TrainingId}"),
            (u, inScope) => Allowed(u, inScope, s_accessManagers, HttpStatusCode.OK)),
        // Kiosk endpoints take a computer's token, never a user's.
        ["KioskStatus"] = new((_, _) => new(HttpMethod.Get, "/api/v1/access/kiosk/me"), (_, _) => HttpStatusCode.Unauthorized),
        ["KioskOpenSession"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/access/kiosk/sessions", new { }), (_, _) => HttpStatusCode.Unauthorized),
        ["KioskCloseSession"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/access/kiosk/sessions/{t.A.SessionId}/close", new { }), (_, _) => HttpStatusCode.Unauthorized),
        // Tasks (issue 19): a task led by each target point. The department sees every task; an area or commune office and the
        // point itself the tasks of the points in their sight; the library its own only; the post office the Post-Culture points'.
        ["ListTasks"] = new((_, _) => new(HttpMethod.Get, "/api/v1/tasks?pageSize=500"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains($"{{\"id\":{s_pointTasks[t.Id]},", StringComparison.Ordinal) == SeesTask(u, inScope)),
        ["CreateTask"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/tasks", new { }), (u, _) => TaskDepartment(u, HttpStatusCode.BadRequest)),
        ["GetTask"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/tasks/{s_pointTasks[t.Id]}"),
            (u, inScope) => SeesTask(u, inScope) ? HttpStatusCode.OK : HttpStatusCode.NotFound),
        // An empty update: the lead point is asked for its content; the department may comment (and is asked for it); an office
        // that sees the point's task but does not lead it is refused.
        ["PostTaskUpdate"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/tasks/{s_pointTasks[t.Id]}/updates", new { }),
            (u, inScope) => !SeesTask(u, inScope) ? HttpStatusCode.NotFound
                : u is "demo-admin" or "demo-monitor" or "demo-point" ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden),
        ["ReassignTask"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/tasks/{s_pointTasks[t.Id]}/reassign", new { lead = "BD-TINH" }),
            (u, _) => TaskDepartment(u, HttpStatusCode.PreconditionRequired)),
        ["RescheduleTask"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/tasks/{s_pointTasks[t.Id]}/deadline", new { deadline = t.Now.AddDays(60).ToString("yyyy-MM-dd") }),
            (u, _) => TaskDepartment(u, HttpStatusCode.PreconditionRequired)),
        ["CloseTask"] = new((_, t) => new(HttpMethod.Post, $"/api/v1/tasks/{s_pointTasks[t.Id]}/close"), (u, _) => TaskDepartment(u, HttpStatusCode.PreconditionRequired)),
        ["CancelTask"] = new((_, t) => Json(HttpMethod.Post, $"/api/v1/tasks/{s_pointTasks[t.Id]}/cancel", new { note = "x" }),
            (u, _) => TaskDepartment(u, HttpStatusCode.PreconditionRequired)),
        // Still open: there is nothing to reopen.
        ["ReopenTask"] = new((_, t) => new(HttpMethod.Post, $"/api/v1/tasks/{s_pointTasks[t.Id]}/reopen"), (u, _) => TaskDepartment(u, HttpStatusCode.Conflict)),
        ["TaskEvidence"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/tasks/{s_pointTasks[t.Id]}/evidence/0"), (_, _) => HttpStatusCode.NotFound),
        // Anonymous, but only a live secret opens it.
        ["TaskCalendar"] = new((_, _) => new(HttpMethod.Get, "/api/v1/tasks/calendar/not-a-secret-of-anyone-here.ics"), (_, _) => HttpStatusCode.NotFound),
        // Portal part 2: anyone reads a point's public facts, in or out of scope; its computers as counts, never a tag.
        ["GetPublicPoint"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/public/points/{t.Code}"), (_, _) => HttpStatusCode.OK,
            (_, _, t, body) => !body.Contains(t.A.AssetTag, StringComparison.Ordinal) && !body.Contains(t.A.BrokenTag, StringComparison.Ordinal)),
        ["ListAuditEntries"] = new((_, _) => new(HttpMethod.Get, "/api/v1/audit?pageSize=1"),
            (u, _) => u is "demo-admin" or "demo-monitor" ? HttpStatusCode.OK : HttpStatusCode.Forbidden),
        // Planning, targets: a plan that does not exist is not found for everyone (who sees which plan: TargetsApiTests).
        ["ListPlanTargets"] = new((_, _) => new(HttpMethod.Get, "/api/v1/plans/0/targets"), (_, _) => HttpStatusCode.NotFound),
        ["AddPlanTarget"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/plans/0/targets", new { }), (_, _) => HttpStatusCode.NotFound),
        ["GetPlanTarget"] = new((_, _) => new(HttpMethod.Get, "/api/v1/plans/0/targets/0"), (_, _) => HttpStatusCode.NotFound),
        ["UpdatePlanTarget"] = new((_, _) => Json(HttpMethod.Put, "/api/v1/plans/0/targets/0", new { }), (_, _) => HttpStatusCode.NotFound),
        ["DeletePlanTarget"] = new((_, _) => new(HttpMethod.Delete, "/api/v1/plans/0/targets/0"), (_, _) => HttpStatusCode.NotFound),
        // Planning reminders (issue 19): everyone reads their own unit's inbox; only Admin sends the day's digests (mail is off in tests).
        ["PlanningInbox"] = new((_, _) => new(HttpMethod.Get, "/api/v1/inbox"), (_, _) => HttpStatusCode.OK),
        ["SendDailyDigest"] = new((_, _) => new(HttpMethod.Post, "/api/v1/reminders/digest"),
            (u, _) => u == "demo-admin" ? HttpStatusCode.OK : HttpStatusCode.Forbidden),
        // Meetings (issue 19): everyone reads, the department writes; a point reads only what its agency attended, which
        // MeetingsApiTests checks with a meeting of its own. Id 0 exists nowhere: those the role lets through get 404.
        ["ListMeetings"] = new((_, _) => new(HttpMethod.Get, "/api/v1/meetings"), (_, _) => HttpStatusCode.OK),
        ["GetMeeting"] = new((_, _) => new(HttpMethod.Get, "/api/v1/meetings/0"), (_, _) => HttpStatusCode.NotFound),
        ["MeetingNotice"] = new((_, _) => new(HttpMethod.Get, "/api/v1/meetings/0/notice?format=pdf"), (_, _) => HttpStatusCode.NotFound),
        ["CreateMeeting"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/meetings", new { }), (u, _) => MeetingWriters(u, HttpStatusCode.BadRequest)),
        ["UpdateMeeting"] = new((_, _) => Json(HttpMethod.Put, "/api/v1/meetings/0", new { }), (u, _) => MeetingWriters(u, HttpStatusCode.NotFound)),
        ["MakeConclusionTasks"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/meetings/0/conclusions/1/tasks", new { tasks = Array.Empty<object>() }),
            (u, _) => MeetingWriters(u, HttpStatusCode.NotFound)),
        // Plans (issue 19): drafted by the department and the area and commune offices; id 0 exists nowhere, so those the route
        // lets through get 404. Who sees which plan inside and outside an area is PlansApiTests'.
        ["ListPlans"] = new((_, _) => new(HttpMethod.Get, "/api/v1/plans"), (_, _) => HttpStatusCode.OK),
        ["CreatePlan"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/plans", new { }),
            (u, _) => PlanWriters(u, HttpStatusCode.BadRequest)),
        ["GetPlan"] = new((_, _) => new(HttpMethod.Get, "/api/v1/plans/0"), (_, _) => HttpStatusCode.NotFound),
        ["UpdatePlan"] = new((_, _) => Json(HttpMethod.Put, "/api/v1/plans/0", new { }), (u, _) => PlanWriters(u, HttpStatusCode.NotFound)),
        ["SubmitPlan"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/plans/0/submit", new { }),
            (u, _) => PlanWriters(u, HttpStatusCode.NotFound)),
        ["IssuePlan"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/plans/0/issue", new { }),
            (u, _) => PlanWriters(u, HttpStatusCode.NotFound)),
        ["ClosePlan"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/plans/0/close", new { }),
            (u, _) => PlanWriters(u, HttpStatusCode.NotFound)),
        ["WithdrawPlan"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/plans/0/withdraw", new { note = "x" }),
            (u, _) => PlanWriters(u, HttpStatusCode.NotFound)),
        ["AmendPlan"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/plans/0/amend", new { note = "x" }),
            (u, _) => PlanWriters(u, HttpStatusCode.NotFound)),
        ["ListPlanAttachments"] = new((_, _) => new(HttpMethod.Get, "/api/v1/plans/0/attachments"), (_, _) => HttpStatusCode.NotFound),
        ["UploadPlanAttachment"] = new((_, _) => Multipart("/api/v1/plans/0/attachments", "%PDF-1.4\n", "a.pdf"),
            (u, _) => PlanWriters(u, HttpStatusCode.NotFound)),
        ["GetPlanAttachment"] = new((_, _) => new(HttpMethod.Get, "/api/v1/plans/0/attachments/0"), (_, _) => HttpStatusCode.NotFound),
        ["GetPlanFile"] = new((_, _) => new(HttpMethod.Get, "/api/v1/plans/0/file?format=pdf"), (_, _) => HttpStatusCode.NotFound),
        // Inspections (issue 19): everyone reads within their points; the offices and the department inspect. A new one
        // without checks is refused on its fields once the point is in reach; id 0 exists nowhere. InspectionsApiTests
        // tests inside and outside with real inspections.
        ["ListInspections"] = new((_, _) => new(HttpMethod.Get, "/api/v1/inspections"), (_, _) => HttpStatusCode.OK),
        ["CreateInspection"] = new((_, t) => Json(HttpMethod.Post, "/api/v1/inspections", new { pointId = t.Id }),
            (u, inScope) => Allowed(u, inScope, s_inspectors, HttpStatusCode.BadRequest)),
        ["GetInspection"] = new((_, _) => new(HttpMethod.Get, "/api/v1/inspections/0"), (_, _) => HttpStatusCode.NotFound),
        ["AddInspectionPhoto"] = new((_, _) => Multipart("/api/v1/inspections/0/photos", "not a photo", "a.jpg"),
            (u, _) => s_inspectors.Contains(u) ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden),
        ["GetInspectionPhoto"] = new((_, _) => new(HttpMethod.Get, "/api/v1/inspections/0/photos/0"), (_, _) => HttpStatusCode.NotFound),
        ["CreateInspectionTask"] = new((_, t) => Json(HttpMethod.Post, "/api/v1/inspections/0/checks/computers/task",
                new { deadline = t.Now.AddDays(7).ToString("yyyy-MM-dd") }),
            (u, _) => s_inspectors.Contains(u) ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden),
        // Public portal (issue 21), find my point: anyone, signed in or not, reads the same public list.
        // Portal part 3: anyone reads the titles at a point now (no reader, no loan).
        ["ListPublicPointTitles"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/public/points/{t.Code}/titles"),
            (_, _) => HttpStatusCode.OK),
        ["FindPublicPoints"] = new((_, _) => new(HttpMethod.Get, "/api/v1/public/points?q=hoang"), (_, _) => HttpStatusCode.OK),
        // Holds (issue 21): every role with the point in scope lists them (names and numbers only for the point and Admin:
        // PersonalDataMatrixTests); the point and Admin act. Id 0 exists nowhere: those the role lets through get 404.
        ["ListHolds"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/holds?pointId={t.Id}"), Sees),
        ["MarkHoldReady"] = new((_, _) => new(HttpMethod.Post, "/api/v1/holds/0/ready"), (u, _) => HoldDesk(u)),
        ["MarkHoldCollected"] = new((_, _) => new(HttpMethod.Post, "/api/v1/holds/0/collected"), (u, _) => HoldDesk(u)),
        ["CancelHold"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/holds/0/cancel", new { reason = "x" }), (u, _) => HoldDesk(u)),
        // Anonymous and limited per address: each request from an address of its own, so the matrix meets the rules, not
        // the limit; an empty request is refused on its fields.
        ["PlacePublicHold"] = new((_, t) => FromNewAddress(Json(HttpMethod.Post, $"/api/v1/public/points/{t.Code}/holds", new { })),
            (_, _) => HttpStatusCode.BadRequest),
        // Portal, province (issue 21): the network's figures and points, for anyone.
        ["GetPublicProvince"] = new((_, _) => new(HttpMethod.Get, "/api/v1/public/province"), (_, _) => HttpStatusCode.OK),
    };

    [DbFact]
    public void Matrix_EveryApiEndpoint_DeclaresAScopeAndIsListed()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            Assert.True(name is not null, $"{endpoint.RoutePattern.RawText} has no name.");
            Assert.True(endpoint.Metadata.GetMetadata<ScopeMetadata>() is not null, $"{name} declares no scope rule (RequireScope).");
            Assert.True(s_matrix.ContainsKey(name!), $"{name} is not in the scope matrix: add its cases to ScopeMatrixTests.");
        }
        Assert.Equal(s_matrix.Keys.Order(), endpoints.Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName).Order());
    }

    [DbFact]
    public async Task Matrix_EveryEndpointRoleAndScope_AnswersAsExpected()
    {
        var (inside, outside) = Targets();
        var failures = new List<string>();
        foreach (var (name, c) in s_matrix)
        foreach (var user in s_users)
        foreach (var (target, inScope) in new[] { (inside, true), (outside, false) })
        {
            using var client = await app.ClientAsync(user);
            using var request = c.Request(user, target);
            if (name == "UpdatePoint") await PrepareUpdateAsync(request, $"/api/v1/points/{target.Id}", "point", ["id", "version", "communeName", "formerDistrictCode", "formerDistrictName", "operatorName", "needsReview"]);
            if (name == "UpdateTitle") await PrepareUpdateAsync(request, $"/api/v1/catalog/titles/{target.TitleId}", "title", ["id", "version", "hasMarc"]);
            if (name == "UpdateItem") await PrepareUpdateAsync(request, $"/api/v1/catalog/items/{target.ItemId}", null, ["id", "version", "titleProper", "ownerName", "locationName"]);
            if (name == "UpdateComputer") await PrepareUpdateAsync(request, $"/api/v1/access/computers/{target.A.ComputerId}", null, ["id", "version", "siteName", "history", "isComputer", "hasKioskToken", "kioskTokenIssuedAt", "openTicketId"]);
            if (name == "UpdateTraining") await PrepareUpdateAsync(request, $"/api/v1/access/trainings/{target.A.TrainingId}", null, ["id", "version", "siteName", "male", "attendeePurpose", "attendeesAnonymised"]);
            using var response = await client.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            var expected = c.Expected(user, inScope);
            if (response.StatusCode != expected)
                failures.Add($"{name} as {user} ({(inScope ? "in" : "out of")} scope): {(int)response.StatusCode}, expected {(int)expected}: {body[..Math.Min(200, body.Length)]}");
            else if (c.Body is not null && response.IsSuccessStatusCode && !c.Body(user, inScope, target, body))
                failures.Add($"{name} as {user} ({(inScope ? "in" : "out of")} scope): wrong content");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The PUT body is the resource as it is now, with its current ETag, so only scope decides the answer.</summary>
    private async Task PrepareUpdateAsync(HttpRequestMessage request, string url, string? wrapper, string[] readOnly)
    {
        using var admin = await app.ClientAsync("demo-admin");
        using var got = await admin.GetAsync(url, Ct);
        var root = JsonDocument.Parse(await got.Content.ReadAsStringAsync(Ct)).RootElement;
        var resource = wrapper is null ? root : root.GetProperty(wrapper);
        var body = new Dictionary<string, object?>();
        foreach (var p in resource.EnumerateObject())
        {
            if (readOnly.Contains(p.Name)) continue;
            body[p.Name] = p.Value;
        }
        request.Content = JsonContent.Create(body);
        request.Headers.TryAddWithoutValidation("If-Match", got.Headers.ETag!.Tag);
    }

    private static HttpRequestMessage Multipart(string url, string content, string fileName)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content)), "file", fileName } };
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
    }

    private (Target Inside, Target Outside) Targets() => app.WithDb(db =>
    {
        var pointUser = db.Users.Single(u => u.UserName == "demo-point");
        var districtUser = db.Users.Single(u => u.UserName == "demo-district");
        var inside = db.ServicePoints.Single(p => p.Id == pointUser.ScopePointId);
        var today = app.Today;
        // Outside the demo area (so outside the demo commune too), whose copies belong to the library of its own area.
        var area = db.ServicePoints.InArea(db, districtUser.ScopeAreaCode, today).Select(p => p.Id);
        var outside = db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && !area.Contains(p.Id))
            .OrderBy(p => p.Id).First();
        var outsideDistrict = PointAreas.AreaOfAsync(db, outside.Id, today, CancellationToken.None).GetAwaiter().GetResult();
        // Copies of one title, owned by the district library of the outside point: one now at the inside point, one at home.
        var owner = db.ServicePoints.Single(p => p.Code == "TV-" + outsideDistrict);
        s_provincialLibrary = db.ServicePoints.Single(p => p.Code == "TV-TINH").Id;
        var title = db.Titles.FirstOrDefault(t => t.ControlNumber == "MATRIX-1");
        if (title is null)
        {
            title = new Title { CreatedAt = app.UtcNow };
            new TitleInput { ControlNumber = "MATRIX-1", TitleProper = "Ma trận phạm vi" }.ApplyTo(title, app.UtcNow);
            db.Titles.Add(title);
            db.Items.Add(new Item { Barcode = "MATRIX-IN", Title = title, OwnerId = owner.Id, LocationId = inside.Id });
            db.Items.Add(new Item { Barcode = "MATRIX-OUT", Title = title, OwnerId = owner.Id, LocationId = owner.Id });
            db.ImportJobs.Add(new ImportJob { FileName = "matrix.csv", StoredPath = "/nonexistent", Format = ImportFormat.Csv, LibraryId = s_provincialLibrary, Status = ImportJobStatus.Completed, CreatedBy = "test" });
            db.SaveChanges();
        }
        var items = db.Items.Where(i => i.TitleId == title.Id).ToDictionary(i => i.Barcode, i => i.Id);
        (s_pointTasks[inside.Id], s_pointTasks[outside.Id]) = (PointTask(db, inside.Id), PointTask(db, outside.Id));
        (s_targetIsPostCulture[true], s_targetIsPostCulture[false]) =
            (inside.Kind == ServicePointKind.PostCulturePoint, outside.Kind == ServicePointKind.PostCulturePoint);
        var job = db.ImportJobs.Where(j => j.FileName == "matrix.csv").Select(j => j.Id).First();
        return (new Target(inside.Id, inside.Code, inside.CommuneCode, items["MATRIX-IN"], "MATRIX-IN", title.Id, job, Rotation(db, "IN", inside.Id, title.Id), Circulation(db, "IN", inside.Id, title.Id), Access(db, "IN", inside.Id)) { Now = app.Clock.GetUtcNow() },
            new Target(outside.Id, outside.Code, outside.CommuneCode, items["MATRIX-OUT"], "MATRIX-OUT", title.Id, job, Rotation(db, "OUT", outside.Id, title.Id), Circulation(db, "OUT", outside.Id, title.Id), Access(db, "OUT", outside.Id)) { Now = app.Clock.GetUtcNow() });
    });

    /// An open task led by the point, due in a month (issue 19).
    private int PointTask(AppDbContext db, int pointId)
    {
        var title = $"Nhiệm vụ ma trận {pointId}";
        var task = db.PlanTasks.FirstOrDefault(t => t.Title == title);
        if (task is null)
        {
            task = new Bookpost.Web.Features.Planning.Tasks.PlanTask
            {
                Title = title, LeadPointId = pointId, Deadline = app.Today.AddDays(30), CreatedAt = app.UtcNow, CreatedBy = "test",
                UpdatedAt = app.UtcNow,
            };
            db.PlanTasks.Add(task);
            db.SaveChanges();
        }
        return task.Id;
    }

    /// A provincial set that was sent to the point, received there with one copy missing, and is now overdue.
    private Rot Rotation(AppDbContext db, string suffix, int pointId, int titleId)
    {
        var code = $"MX-SET-{suffix}";
        var set = db.RotationSets.SingleOrDefault(s => s.Code == code);
        if (set is null)
        {
            var now = app.UtcNow;
            var item = new Item { Barcode = $"MX-ROT-{suffix}", TitleId = titleId, OwnerId = s_provincialLibrary, LocationId = pointId, Status = ItemStatus.InSet };
            var lost = new Item { Barcode = $"MX-LOST-{suffix}", TitleId = titleId, OwnerId = s_provincialLibrary, LocationId = pointId, Status = ItemStatus.InTransit };
            set = new RotationSet { Code = code, Name = $"Bộ ma trận {suffix}", OwnerId = s_provincialLibrary, LocationId = pointId, CreatedAt = now, UpdatedAt = now };
            set.Items.Add(new RotationSetItem { Item = item, AddedAt = now, AddedBy = "test" });
            set.Items.Add(new RotationSetItem { Item = lost, AddedAt = now, AddedBy = "test" });
            if ((set.MarkReady(now) ?? set.Dispatch(pointId, now) ?? set.Arrive(pointId, now)) is { } refused) throw new InvalidOperationException(refused);
            db.RotationSets.Add(set);
            var cycle = new RotationCycle { Name = $"Đợt ma trận {suffix}", LibraryId = s_provincialLibrary, StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 3, 31) };
            var stay = new RotationAssignment { Set = set, PointId = pointId, FromId = s_provincialLibrary, DispatchOn = cycle.StartsOn, DueBackOn = cycle.EndsOn };
            cycle.Assignments.Add(stay);
            if (cycle.Confirm(now) is { } unconfirmed) throw new InvalidOperationException(unconfirmed);
            db.RotationCycles.Add(cycle);
            db.SaveChanges();
            var shipment = new Shipment
            {
                Number = $"MX-{suffix}/BBGN-2026", SetId = set.Id, FromId = s_provincialLibrary, ToId = pointId,
                DispatchedBy = "test", DispatchedAt = now.AddDays(-60),
            };
            shipment.Receive("test", now.AddDays(-55));
            shipment.Items.Add(new ShipmentItem { ItemId = item.Id, TitleId = titleId, Outcome = ShipmentItemOutcome.Received });
            shipment.Items.Add(new ShipmentItem { ItemId = lost.Id, TitleId = titleId, Outcome = ShipmentItemOutcome.Missing });
            shipment.Discrepancies.Add(new Discrepancy { Kind = DiscrepancyKind.Missing, ItemId = lost.Id, Barcode = lost.Barcode, RecordedAt = now.AddDays(-55) });
            db.Shipments.Add(shipment);
            db.SaveChanges();
            if ((stay.Dispatch(shipment.Id) ?? stay.Receive()) is { } unreceived) throw new InvalidOperationException(unreceived);

            db.ItemCustody.Add(new ItemCustody { ItemId = item.Id, Holder = CustodyHolder.ServicePoint, ServicePointId = pointId, FromUtc = now.AddDays(-55), RecordedBy = "test" });
            db.SaveChanges();
        }
        var r = db.RotationSets.Where(s => s.Id == set.Id).Select(s => new
        {
            s.Id, s.Code,
            ItemId = s.Items.Where(i => i.Item.Barcode.StartsWith("MX-ROT")).Select(i => i.ItemId).First(),
        }).Single();
        var a = db.RotationAssignments.Where(x => x.SetId == set.Id).Select(x => new { x.Id, x.CycleId, CycleName = db.RotationCycles.First(c => c.Id == x.CycleId).Name }).Single();
        var sh = db.Shipments.Where(x => x.SetId == set.Id).Select(x => new { x.Id, x.Number }).Single();
        var d = db.Discrepancies.Where(x => x.ShipmentId == sh.Id).Select(x => new { x.Id, x.Barcode }).Single();
        return new Rot(r.Id, r.Code, r.ItemId, a.CycleId, a.CycleName, a.Id, sh.Id, sh.Number, d.Id, d.Barcode);
    }

    private Circ Circulation(AppDbContext db, string suffix, int pointId, int titleId)
    {
        var card = $"MX-CARD-{suffix}";
        if (!db.Readers.Any(r => r.CardNumber == card))
        {
            var now = app.UtcNow;
            var reader = new Bookpost.Web.Features.Circulation.Reader { PointId = pointId, CardNumber = card, FullName = $"Bạn đọc ma trận {suffix}",
                Category = Bookpost.Web.Features.Circulation.ReaderCategory.Farmer, ConsentOn = new DateOnly(2026, 1, 1), RegisteredOn = new DateOnly(2026, 1, 1) };
            reader.RefreshSearchText();
            var lent = new Item { Barcode = $"MX-LOAN-{suffix}", TitleId = titleId, OwnerId = s_provincialLibrary, LocationId = pointId, Status = ItemStatus.OnLoan };
            var moving = new Item { Barcode = $"MX-MOVE-{suffix}", TitleId = titleId, OwnerId = s_provincialLibrary, LocationId = pointId, Status = ItemStatus.InTransit };
            db.AddRange(reader, lent, moving);
            db.SaveChanges();
            var overdue = Bookpost.Web.Features.Circulation.Loan.Lend(lent.Id, reader.Id, pointId, now.AddDays(-30), new DateOnly(2026, 1, 15), "test");
            // Renewed five times under a generous rule (a day each), past what any point allows: a renewal is refused.
            for (var i = 0; i < 5; i++) overdue.Renew(DateOnly.MinValue, new Bookpost.Web.Features.Circulation.RuleDto(null, 1, 5, 10, "", true, 0));
            db.Loans.Add(overdue);
            db.Periodicals.Add(new Bookpost.Web.Features.Circulation.Periodical { PointId = pointId, Title = $"Báo ma trận {suffix}", Frequency = Bookpost.Web.Features.Circulation.PeriodicalFrequency.Weekly });
            db.Transfers.Add(Bookpost.Web.Features.Circulation.Transfer.Route(moving.Id, pointId, s_provincialLibrary, now));
            db.SaveChanges();
        }
        var r = db.Readers.Single(x => x.CardNumber == card);
        var loan = db.Loans.Where(l => l.ReaderId == r.Id).Select(l => new { l.Id, l.Item.Barcode }).Single();
        var periodical = db.Periodicals.Single(p => p.Title == $"Báo ma trận {suffix}");
        var transfer = db.Transfers.Where(x => x.Item.Barcode == $"MX-MOVE-{suffix}").Select(x => new { x.Id, x.Item.Barcode }).Single();
        return new Circ(r.Id, card, loan.Id, loan.Barcode, periodical.Id, periodical.Title, transfer.Id, transfer.Barcode);
    }

    private Acc Access(AppDbContext db, string suffix, int pointId)
    {
        var tag = $"MX-PC-{suffix}";
        if (!db.Computers.Any(c => c.AssetTag == tag))
        {
            var now = app.UtcNow;
            var pc = new Bookpost.Web.Features.Access.Computer { SiteId = pointId, AssetTag = tag, Kind = Bookpost.Web.Features.Access.EquipmentKind.Desktop, CreatedAt = now.AddDays(-10), UpdatedAt = now };
            pc.ChangeStatus(Bookpost.Web.Features.Access.EquipmentStatus.Working, now.AddDays(-10), "test", null);
            var broken = new Bookpost.Web.Features.Access.Computer { SiteId = pointId, AssetTag = $"MX-HONG-{suffix}", Kind = Bookpost.Web.Features.Access.EquipmentKind.Laptop, CreatedAt = now.AddDays(-10), UpdatedAt = now };
            broken.ChangeStatus(Bookpost.Web.Features.Access.EquipmentStatus.Working, now.AddDays(-10), "test", null);
            broken.ChangeStatus(Bookpost.Web.Features.Access.EquipmentStatus.Broken, now.AddDays(-1), "test", null);
            db.AddRange(pc, broken);
            db.SaveChanges();
            db.AccessSessions.Add(new Bookpost.Web.Features.Access.AccessSession { ComputerId = pc.Id, SiteId = pointId, StartedAt = now.AddHours(-1), EndedAt = now.AddMinutes(-30), Minutes = 30, StartedBy = "test" });
            db.RepairTickets.Add(new Bookpost.Web.Features.Access.RepairTicket { ComputerId = broken.Id, SiteId = pointId, Problem = "Hỏng", ReportedAt = now.AddDays(-1), ReportedBy = "test" });
            db.Trainings.Add(new Bookpost.Web.Features.Access.Training { SiteId = pointId, Topic = $"Lớp ma trận {suffix}", HeldOn = new DateOnly(2026, 1, 10), Hours = 2, Trainer = "Giảng viên", Participants = 10, Female = 5, CreatedAt = now });
            db.InternetOutages.Add(new Bookpost.Web.Features.Access.InternetOutage { SiteId = pointId, StartedAt = now.AddDays(-3), EndedAt = now.AddDays(-3).AddHours(2), RecordedBy = "test" });
            db.SaveChanges();
        }
        var computer = db.Computers.Single(c => c.AssetTag == tag);
        var brokenPc = db.Computers.Single(c => c.AssetTag == $"MX-HONG-{suffix}");
        var session = db.AccessSessions.Where(x => x.ComputerId == computer.Id).Select(x => x.Id).First();
        var ticket = db.RepairTickets.Where(x => x.ComputerId == brokenPc.Id).Select(x => x.Id).First();
        var training = db.Trainings.Single(x => x.Topic == $"Lớp ma trận {suffix}");
        var outage = db.InternetOutages.Where(x => x.SiteId == pointId && x.RecordedBy == "test").Select(x => x.Id).First();
        return new Acc(computer.Id, computer.AssetTag, session, brokenPc.Id, brokenPc.AssetTag, ticket, training.Id, training.Topic, outage);
    }

    private static HttpStatusCode HoldDesk(string user) =>
        user is "demo-admin" or "demo-point" ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;

    private static int s_holdAddress;

    private static HttpRequestMessage FromNewAddress(HttpRequestMessage request)
    {
        var n = Interlocked.Increment(ref s_holdAddress);
        request.Headers.Add(FakeClientAddress.Header, $"10.99.{n / 250}.{n % 250 + 1}");
        return request;
    }

    private static HttpRequestMessage Json(HttpMethod method, string url, object body) => new(method, url) { Content = JsonContent.Create(body) };
}

public sealed class ScopeMatrixTestsOnSqlite(SqliteApp app) : ScopeMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class ScopeMatrixTestsOnPostgres(PostgresApp app) : ScopeMatrixTests(app), IClassFixture<PostgresApp>;
