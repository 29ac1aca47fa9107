using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Bookpost.Web.Features.Planning.Units;
using MimeKit;

namespace Bookpost.Web.Features.Planning.Reminders;

/// What one run of the digest did. <see cref="MailOn"/> false: no SMTP server is configured and nothing was tried.
public sealed record DigestRun(bool MailOn, DateOnly Day, int Sent, int AlreadySent, int NothingToSay, int Failed, string? Error);

/// The daily e-mail digest: to each active user with an e-mail address whose unit has something overdue, due within three
/// days or newly assigned, one message in Vietnamese (overdue first, then due soon, then new), at most once a day. The day
/// is claimed (a <see cref="DigestSent"/> row, unique per user and day) before the message goes, so two runs at once or a
/// restart never send twice; a message that fails gives its claim back, and the next run tries again.
public sealed class DailyDigest(AppDbContext db, PlanningUnits units, TimeProvider clock, IOptions<MailOptions> options,
    ILogger<DailyDigest> log)
{
    private static readonly CultureInfo s_vi = CultureInfo.GetCultureInfo("vi-VN");

    public async Task<DigestRun> SendTodayAsync(CancellationToken ct)
    {
        var mail = options.Value;
        var today = clock.Today();
        if (!mail.Enabled) return new DigestRun(false, today, 0, 0, 0, 0, null);

        var users = await db.Users.AsNoTracking().Where(u => !u.IsDisabled && u.Email != null && u.Email != "")
            .OrderBy(u => u.UserName).ToListAsync(ct);
        var done = (await db.DigestsSent.AsNoTracking().Where(d => d.Day == today).Select(d => d.UserId).ToListAsync(ct)).ToHashSet();
        int sent = 0, already = 0, nothing = 0, failed = 0;
        string? error = null;
        using var smtp = new SmtpClient();
        foreach (var user in users)
        {
            if (done.Contains(user.Id)) { already++; continue; }
            if (!MailboxAddress.TryParse(user.Email, out var to)) { nothing++; continue; }
            var scope = new UserScope(user.Id, user.UserName ?? "", user.Role, user.ScopeKind, UserScope.AreaOf(user), user.ScopeAreaCode,
                user.ScopePointId);
            var inbox = await new PlanningInbox(db, units, clock).ForAsync(scope, ct);
            if (inbox.IsEmpty) { nothing++; continue; }

            var claim = new DigestSent { UserId = user.Id, Day = today, SentAt = db.UtcNow,
                Items = inbox.Overdue.Count + inbox.DueSoon.Count + inbox.Assigned.Count };
            db.DigestsSent.Add(claim);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another run claimed this user's day first: it sends, this one does not.
                db.Entry(claim).State = EntityState.Detached;
                already++;
                continue;
            }
            try
            {
                if (!smtp.IsConnected) await ConnectAsync(smtp, mail, ct);
                await smtp.SendAsync(Compose(mail, to, user.FullName, inbox), ct);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed++;
                error = e.Message;
                log.LogWarning(e, "The digest to user {UserId} was not sent; it is tried again at the next run", user.Id);
                db.DigestsSent.Remove(claim);
                await db.SaveChangesAsync(ct);
                // A server that cannot be reached will not take the next message either.
                if (!smtp.IsConnected) break;
            }
        }
        if (smtp.IsConnected) await smtp.DisconnectAsync(true, ct);
        log.LogInformation("Daily digest {Day}: {Sent} sent, {Already} already sent, {Nothing} with nothing to say, {Failed} failed", today,
            sent, already, nothing, failed);
        return new DigestRun(true, today, sent, already, nothing, failed, error);
    }

    private static async Task ConnectAsync(SmtpClient smtp, MailOptions mail, CancellationToken ct)
    {
        var security = Enum.TryParse<SecureSocketOptions>(mail.SecureSocket, ignoreCase: true, out var s) ? s : SecureSocketOptions.Auto;
        smtp.Timeout = 30_000;
        await smtp.ConnectAsync(mail.Host!.Trim(), mail.Port, security, ct);
        if (!string.IsNullOrEmpty(mail.UserName)) await smtp.AuthenticateAsync(mail.UserName, mail.Password ?? "", ct);
    }

    private static string T(string key) => Text.Get(key, s_vi);

    private static string F(string key, params object?[] args) => string.Format(s_vi, T(key), args);

    /// The message: subject with the counts and the day, a plain-text body and the same as simple HTML, UTF-8.
    public static MimeMessage Compose(MailOptions mail, MailboxAddress to, string fullName, InboxDto inbox)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.TryParse(mail.From, out var from) ? from
            : new MailboxAddress("Bookpost", "noreply@bookpost.example"));
        message.To.Add(to);
        message.Subject = F("Reminders.DigestSubject", VnTime.Show(inbox.Today), inbox.Overdue.Count, inbox.DueSoon.Count);
        var baseUrl = (mail.BaseUrl ?? "").TrimEnd('/');
        var text = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"></head><body>");
        text.AppendLine(F("Reminders.DigestGreeting", fullName)).AppendLine();
        html.Append("<p>").Append(Enc(F("Reminders.DigestGreeting", fullName))).Append("</p>");
        if (inbox.Unit is { } unit)
        {
            text.AppendLine(F("Reminders.DigestUnit", unit.Name)).AppendLine();
            html.Append("<p>").Append(Enc(F("Reminders.DigestUnit", unit.Name))).Append("</p>");
        }
        Section(T("Reminders.Overdue"), inbox.Overdue, t => F("Reminders.DaysLate", t.DaysLate));
        Section(F("Reminders.DueSoon", PlanningInbox.SoonDays), inbox.DueSoon,
            t => t.DaysLeft == 0 ? T("Reminders.DueToday") : F("Reminders.DaysLeft", t.DaysLeft));
        Section(F("Reminders.Assigned", PlanningInbox.RecentDays), inbox.Assigned, _ => null);
        var inboxLink = baseUrl + "/Planning/Inbox";
        text.AppendLine(F("Reminders.DigestOpen", inboxLink)).AppendLine().AppendLine(T("Reminders.DigestFooter"));
        html.Append("<p><a href=\"").Append(Enc(inboxLink)).Append("\">").Append(Enc(T("Reminders.OpenInbox"))).Append("</a></p><p><small>")
            .Append(Enc(T("Reminders.DigestFooter"))).Append("</small></p></body></html>");
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;

        void Section(string heading, IReadOnlyList<InboxTask> tasks, Func<InboxTask, string?> when)
        {
            if (tasks.Count == 0) return;
            text.AppendLine($"{heading.ToUpper(s_vi)} ({tasks.Count})");
            html.Append("<h2>").Append(Enc(heading)).Append(" (").Append(tasks.Count).Append(")</h2><ul>");
            foreach (var t in tasks)
            {
                var parts = new List<string> { F("Reminders.Deadline", VnTime.Show(t.Deadline)) };
                if (when(t) is { } w) parts.Add(w);
                parts.Add(F("Reminders.Progress", t.Progress));
                parts.Add(t.IsLead ? T("Reminders.Lead") : F("Reminders.Supporting", t.LeadName));
                var line = string.Join(" · ", parts);
                text.AppendLine($"- {t.Title}").AppendLine($"  {line}").AppendLine($"  {baseUrl}{t.Href}");
                html.Append("<li><a href=\"").Append(Enc(baseUrl + t.Href)).Append("\">").Append(Enc(t.Title)).Append("</a><br>")
                    .Append(Enc(line)).Append("</li>");
            }
            text.AppendLine();
            html.Append("</ul>");
        }
    }

    /// HTML-escaped, with Vietnamese letters left as they are (the message is UTF-8; entities would only bloat it).
    private static readonly HtmlEncoder s_html = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Enc(string s) => s_html.Encode(s);
}

/// Sends the day's digests once a day after <see cref="MailOptions.SendAt"/> (Vietnam time), and once at start when that
/// hour has passed (a restart in the afternoon still sends; the claims stop a second message). Without Mail:Host it
/// says once that e-mail is off and stops.
public sealed class DailyDigestService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<MailOptions> options,
    Infrastructure.Operations.JobLeases leases, ILogger<DailyDigestService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var mail = options.Value;
        if (!mail.Enabled)
        {
            log.LogInformation("E-mail is off (Mail:Host is not set): no daily digest is sent; the inbox in the app still shows it");
            return;
        }
        if (!mail.Daily)
        {
            log.LogInformation("The daily digest is off (Mail:Daily is false): digests go only when the office sends them");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var local = VnTime.ToLocal(clock.GetUtcNow().UtcDateTime);
            var due = local.Date.AddHours(mail.SendAt);
            if (local >= due)
            {
                try
                {
                    // One instance sends while several share the database; the per-user claims keep a later run on
                    // another instance from sending twice.
                    await Infrastructure.Operations.LeasedWork.RunOnceAsync(leases, "digest", TimeSpan.FromMinutes(10), async ct =>
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        await scope.ServiceProvider.GetRequiredService<DailyDigest>().SendTodayAsync(ct);
                    }, stoppingToken);
                    Infrastructure.Operations.AppMetrics.JobDone("digest", ok: true);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    log.LogError(e, "The daily digest failed; it runs again tomorrow");
                    Infrastructure.Operations.AppMetrics.JobDone("digest", ok: false);
                }
                due = due.AddDays(1);
            }
            try
            {
                await Task.Delay(due - local + TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
