using System.Net;
using System.Net.Sockets;
using System.Text;
using Bookpost.Web.Data;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;

namespace Bookpost.Web.Tests.Features.Planning;

/// An SMTP server on a free loopback port, started before the app so the app's settings can name it.
public sealed class TestSmtp : IDisposable
{
    public TestSmtp()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(Port).Build();
    }

    public int Port { get; }
    public SimpleSmtpServer Server { get; }

    /// The messages received so far, parsed as a mail client would (headers decoded, parts in their charset).
    public List<MimeMessage> Messages() => Server.ReceivedEmail
        .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();

    public void Dispose() => Server.Dispose();

    /// The app settings that send mail to this server; the daily timer is off so the test decides when digests go.
    public void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Mail:Host", "127.0.0.1");
        builder.UseSetting("Mail:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:SecureSocket", "None");
        builder.UseSetting("Mail:From", "Bookpost Thanh Hóa <noreply@bookpost.example>");
        builder.UseSetting("Mail:BaseUrl", "https://bookpost.example");
        builder.UseSetting("Mail:Daily", "false");
    }
}

public sealed class SqliteMailApp : BookpostApp
{
    public TestSmtp Smtp { get; } = new();
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Smtp.Configure(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Smtp.Dispose();
    }
}

public sealed class PostgresMailApp : PostgresApp
{
    public TestSmtp Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Smtp.Configure(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Smtp.Dispose();
    }
}

/// The daily digest sent to a real (test) SMTP server and read back: one message per user with something to say, in
/// Vietnamese that survives the trip, overdue tasks first; a second run the same day sends nothing.
public abstract class RemindersDigestTests(BookpostApp app, TestSmtp smtp)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [DbFact]
    public async Task Digest_ArrivesWithTheUsersOverdueTasks_OnceADay()
    {
        var admin = await app.ClientAsync("demo-admin");
        var run = await (await admin.PostAsync("/api/v1/reminders/digest", null, Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.True(run.GetProperty("mailOn").GetBoolean());
        Assert.Equal(0, run.GetProperty("failed").GetInt32());
        var sent = run.GetProperty("sent").GetInt32();
        Assert.True(sent >= 5, $"{sent} digests sent");
        var messages = smtp.Messages();
        Assert.Equal(sent, messages.Count);
        // One message per address.
        Assert.Equal(sent, messages.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());

        var message = messages.Single(m => m.To.Mailboxes.Single().Address == "demo-library@bookpost.example");
        Assert.Equal("noreply@bookpost.example", message.From.Mailboxes.Single().Address);
        Assert.Equal("Bookpost Thanh Hóa", message.From.Mailboxes.Single().Name);
        var inbox = await (await app.ClientAsync("demo-library")).GetJsonAsync("/api/v1/inbox");
        var overdue = inbox.GetProperty("overdue").EnumerateArray().Select(t => t.GetProperty("title").GetString()!).ToList();
        var soon = inbox.GetProperty("dueSoon").EnumerateArray().Select(t => t.GetProperty("title").GetString()!).ToList();
        Assert.Contains("quá hạn", message.Subject);
        Assert.Contains($"{overdue.Count} việc quá hạn", message.Subject);
        var body = message.TextBody ?? "";
        Assert.Contains("Thư viện tỉnh Thanh Hóa", body);
        foreach (var title in overdue) Assert.Contains(title, body);
        foreach (var title in soon) Assert.Contains(title, body);
        Assert.Contains("Luân chuyển đợt sách quý IV tới các điểm Bưu điện – Văn hóa xã", body);
        // Overdue first, then due soon.
        Assert.True(body.IndexOf(overdue[0], StringComparison.Ordinal) < body.IndexOf(soon[0], StringComparison.Ordinal));
        Assert.Contains("https://bookpost.example/Planning/Tasks/", body);
        Assert.Contains(overdue[0], message.HtmlBody ?? "");

        // Each digest sent is recorded once for today.
        var recorded = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DigestsSent.Where(d => d.Day == app.Today)
            .CountAsync(Ct));
        Assert.Equal(sent, recorded);

        // The same day again: nothing more goes out.
        var again = await (await admin.PostAsync("/api/v1/reminders/digest", null, Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("sent").GetInt32());
        Assert.Equal(sent, again.GetProperty("alreadySent").GetInt32());
        Assert.Equal(sent, smtp.Server.ReceivedEmailCount);
    }
}

public sealed class RemindersDigestTestsOnSqlite(SqliteMailApp app) : RemindersDigestTests(app, app.Smtp), IClassFixture<SqliteMailApp>;

public sealed class RemindersDigestTestsOnPostgres(PostgresMailApp app) : RemindersDigestTests(app, app.Smtp),
    IClassFixture<PostgresMailApp>;
