using Bookpost.Web.Features.Planning.Reminders;

namespace Bookpost.Web.Features.Home;

/// The tasks the department gave the user's unit (issue 19), read from the inbox the to-do links to: what is overdue, then
/// what is due within three days. The department also sees which units have overdue tasks.
public sealed class PlanningTodos(PlanningInbox inbox, Text text)
{
    public async Task<IReadOnlyList<Todo>> ListAsync(UserScope scope, CancellationToken ct)
    {
        var box = await inbox.ForAsync(scope, ct);
        var rows = box.Overdue.Select(t => new TodoRow(t.Title, t.Href, text.Format("Reminders.DaysLate", t.DaysLate)))
            .Concat(box.DueSoon.Select(t => new TodoRow(t.Title, t.Href,
                t.DaysLeft == 0 ? text["Reminders.DueToday"] : text.Format("Reminders.DaysLeft", t.DaysLeft))))
            .Take(HomeModule.Rows).ToList();
        var todos = new List<Todo>
        {
            new("planning-tasks", text["Home.PlanningTasks"], box.ActionCount, "/Planning/Inbox", text["Home.PlanningTasksLink"], rows,
                text["Home.PlanningTasksNone"], Urgent: box.Overdue.Count > 0),
        };
        if (scope.Is(AppRole.Admin, AppRole.Monitor))
            todos.Add(new Todo("planning-units", text["Home.PlanningOverdueUnits"], box.OverdueByUnit.Count, "/Planning/Inbox#inbox-units",
                text["Home.PlanningOverdueUnitsLink"],
                box.OverdueByUnit.Take(HomeModule.Rows).Select(u => new TodoRow(u.Name, "/Planning/Inbox#inbox-units",
                    text.Format("Home.PlanningOverdueUnitRow", u.Count, u.OldestDaysLate))).ToList(),
                text["Home.PlanningOverdueUnitsNone"], Urgent: box.OverdueByUnit.Count > 0, RowsAreGroups: true));
        return todos;
    }
}
