using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Rotation;

public static class RotationModule
{
    public static IHostApplicationBuilder AddRotation(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<RotationOptions>().BindConfiguration(RotationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddScoped<ListSets>();
        s.AddScoped<GetSet>();
        s.AddScoped<SaveSet>();
        s.AddScoped<AddSetItems>();
        s.AddScoped<RemoveSetItem>();
        s.AddScoped<ChangeSetState>();
        s.AddScoped<SuggestItems>();
        s.AddScoped<FindCopiesForSet>();
        s.AddScoped<ListCycles>();
        s.AddScoped<GetCycle>();
        s.AddScoped<CreateCycle>();
        s.AddScoped<ProposePlan>();
        s.AddScoped<EditAssignment>();
        s.AddScoped<ConfirmCycle>();
        s.AddScoped<RotationPlanning>();
        s.AddScoped<SetPointCapacity>();
        s.AddScoped<ListShipments>();
        s.AddScoped<GetShipment>();
        s.AddScoped<DispatchSet>();
        s.AddScoped<ReceiveShipment>();
        s.AddScoped<HandoverRecord>();
        s.AddScoped<HandoverPeople>();
        s.AddScoped<ListDiscrepancies>();
        s.AddScoped<ResolveDiscrepancy>();
        s.AddScoped<ListOverdue>();
        s.AddScoped<GetCustody>();
        s.AddScoped<SetMembership>();
        s.AddScoped<IIndicatorSource, RotationIndicators>();
        s.AddScoped<Seed.DemoRotationSeeder>();
        s.AddStartupTask(400, StartupWhen.DemoCatalog, (sp, ct) => sp.GetRequiredService<Seed.DemoRotationSeeder>().SeedAsync(ct));
        return builder;
    }
}
