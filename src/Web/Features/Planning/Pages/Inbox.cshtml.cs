using Bookpost.Web.Features.Planning.Reminders;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Planning.Pages;

/// The user's inbox: what their unit has overdue, due within three days and newly given, and for the department the
/// overdue tasks of every unit. The administrator can send today's e-mail digests from here.
public sealed class InboxModel(PlanningInbox inbox, DailyDigest digest, IOptions<MailOptions> mail, Text text) : ActionPage
{
    public InboxDto Inbox { get; private set; } = null!;

    public bool MailOn => mail.Value.Enabled;

    public bool MaySend => Scope.Is(AppRole.Admin);

    public override string Back => "/Planning/Inbox";

    public async Task OnGetAsync(CancellationToken ct) => Inbox = await inbox.ForAsync(Scope, ct);

    public async Task<IActionResult> OnPostDigestAsync(CancellationToken ct)
    {
        if (!MaySend) return Forbid();
        var run = await digest.SendTodayAsync(ct);
        Result<DigestRun> result = !run.MailOn ? Result<DigestRun>.Conflict(text["Reminders.MailOff"])
            : run.Failed > 0 ? Result<DigestRun>.Conflict(text.Format("Reminders.DigestFailed", run.Sent, run.Failed, run.Error))
            : run;
        return await OutcomeAsync(result, text.Format("Reminders.DigestDone", run.Sent, run.AlreadySent),
            async () => Inbox = await inbox.ForAsync(Scope, ct));
    }
}
