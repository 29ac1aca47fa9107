namespace Bookpost.Web.Features.Planning.Reminders;

/// The Reminders part of Planning (issue 19): the in-app inbox (due soon, overdue, assigned to my unit) and the daily e-mail
/// digest, plus the demo data of the whole Planning feature (<see cref="DemoPlanningSeeder"/>).
public static class RemindersApi
{
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PlanningInbox>();
        services.AddScoped<DailyDigest>();
        services.AddHostedService<DailyDigestService>();
        services.AddScoped<DemoPlanningSeeder>();
        // After the demo history (900): the plan's targets are read against it.
        services.AddStartupTask(950, StartupWhen.Demo, (sp, ct) => sp.GetRequiredService<DemoPlanningSeeder>().SeedAsync(ct));
        return services;
    }

    /// Maps this part's endpoints on the /api/v1 group.
    public static RouteGroupBuilder MapRemindersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/inbox", async (UserScope scope, PlanningInbox inbox, CancellationToken ct) =>
                TypedResults.Ok(await inbox.ForAsync(scope, ct)))
            .WithName("PlanningInbox")
            .WithSummary("Hộp việc của đơn vị tôi: quá hạn, đến hạn trong 3 ngày, mới giao trong 7 ngày / My unit's overdue, due-soon and "
                + "new tasks")
            .RequireScope(ScopeRule.Area);
        api.MapPost("/reminders/digest", async (DailyDigest digest, CancellationToken ct) =>
                TypedResults.Ok(await digest.SendTodayAsync(ct)))
            .WithName("SendDailyDigest")
            .WithSummary("Gửi ngay thư nhắc việc hôm nay (mỗi người tối đa một thư một ngày; không cấu hình Mail:Host thì không gửi) / "
                + "Send today's digests now")
            .RequireScope(ScopeRule.Province, AppRole.Admin);
        return api;
    }
}
