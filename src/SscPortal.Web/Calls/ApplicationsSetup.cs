namespace SscPortal.Web.Calls;

public static class ApplicationsSetup
{
    /// <summary>Applying to calls: starting an application, its partners and its submission (<see cref="Applying"/>).</summary>
    public static IServiceCollection AddPortalApplications(this IServiceCollection services)
    {
        services.AddScoped<Applying>();
        return services;
    }
}
