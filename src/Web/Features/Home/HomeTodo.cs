namespace Bookpost.Web.Features.Home;

/// One line under a to-do: what to look at, and where (null: nothing to open).
public sealed record TodoRow(string Text, string? Href = null, string? Note = null);

/// One thing to do today: how many, the first few, and the page where it is done. A to-do whose count is 0 says so in
/// <see cref="Empty"/> words; <see cref="Urgent"/> marks what is late. <see cref="RowsAreGroups"/>: each row sums
/// several of the counted things, so "and N more" does not apply.
public sealed record Todo(string Id, string Title, int Count, string Href, string LinkText, IReadOnlyList<TodoRow> Rows,
    string Empty, bool Urgent = false, bool IsFigure = false, bool RowsAreGroups = false);

/// A count the home page shows, with the list it summarises: the test reads that list and expects the same number.
public sealed record HomeFigure(string Id, string Label, int Value, string Href);

/// The to-dos of one role's home page. Each implementation reads through the list handlers of the pages it links to,
/// so a count on the home page is the count of the page behind it.
public interface IHomeTodos
{
    Task<IReadOnlyList<Todo>> ListAsync(UserScope scope, CancellationToken ct);
}

public static class HomeModule
{
    /// How many rows a to-do shows before "and N more" on its page.
    public const int Rows = 5;

    public static IHostApplicationBuilder AddHome(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PointTodos>();
        builder.Services.AddScoped<LibraryTodos>();
        builder.Services.AddScoped<PostOfficeTodos>();
        builder.Services.AddScoped<AreaTodos>();
        builder.Services.AddScoped<AdminTodos>();
        builder.Services.AddScoped<HomeFigures>();
        builder.Services.AddScoped<QuietPoints>();
        builder.Services.AddScoped<RotationTodos>();
        builder.Services.AddScoped<SiteTodos>();
        builder.Services.AddScoped<PlanningTodos>();
        builder.Services.AddScoped<BackupTodo>();
        return builder;
    }

    /// The to-do list of a role.
    public static IHomeTodos For(IServiceProvider services, AppRole role) => role switch
    {
        AppRole.Point => services.GetRequiredService<PointTodos>(),
        AppRole.Library => services.GetRequiredService<LibraryTodos>(),
        AppRole.PostOffice => services.GetRequiredService<PostOfficeTodos>(),
        AppRole.Admin => services.GetRequiredService<AdminTodos>(),
        _ => services.GetRequiredService<AreaTodos>(),
    };
}
