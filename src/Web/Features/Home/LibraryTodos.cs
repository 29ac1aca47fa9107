using Bookpost.Web.Features.Catalog;

namespace Bookpost.Web.Features.Home;

/// A librarian's day: sets due back, late parcels, open discrepancies, the cycle being planned, catalogue imports.
public sealed class LibraryTodos(RotationTodos rotation, ListImports imports, PlanningTodos planning, Text text) : IHomeTodos
{
    public async Task<IReadOnlyList<Todo>> ListAsync(UserScope scope, CancellationToken ct)
    {
        var (dueBack, late) = await rotation.OverdueAsync(scope, ct);
        return [.. await planning.ListAsync(scope, ct), dueBack, late, await rotation.DiscrepanciesAsync(scope, ct),
            await rotation.PlanningAsync(scope, ct),
            await ImportsAsync(imports, text, scope, ct)];
    }

    /// Imports still running, queued or failed: a finished one needs nothing more.
    public static async Task<Todo> ImportsAsync(ListImports imports, Text text, UserScope scope, CancellationToken ct)
    {
        var jobs = (await imports.HandleAsync(scope, ct)).Items
            .Where(j => j.Status is ImportJobStatus.Queued or ImportJobStatus.Running or ImportJobStatus.Failed).ToList();
        return new Todo("imports", text["Home.Imports"], jobs.Count, "/Catalog/Imports", text["Home.ImportsLink"],
            jobs.Take(HomeModule.Rows).Select(j => new TodoRow(j.FileName, $"/Catalog/Imports/{j.Id}",
                j.Status == ImportJobStatus.Running ? $"{text.Enum(j.Status)} {j.Percent}%" : text.Enum(j.Status))).ToList(),
            text["Home.ImportsNone"], Urgent: jobs.Any(j => j.Status == ImportJobStatus.Failed));
    }
}
