using SscPortal.Web.Import;

// In the web project's root namespace, so that Program.cs needs one line and no using.
namespace SscPortal.Web;

public static class ImportSetup
{
    /// <summary>
    /// Importing IATI files: the options section "Import", <see cref="ImportStore"/>, the cleanup of old uploads
    /// (<see cref="ImportCleanupJob"/>), and the upload page's own request size limit (Import:MaxMegabytes and the form
    /// around the files), above the server's (which Files:MaxMegabytes sets) when larger.
    /// </summary>
    public static IServiceCollection AddPortalImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ImportOptions>(configuration.GetSection(ImportOptions.Section));
        services.AddScoped<ImportStore>();
        services.AddScoped<ImportCleanup>();
        services.AddHostedService<ImportCleanupJob>();
        var limit = new ImportOptions();
        configuration.GetSection(ImportOptions.Section).Bind(limit);
        ImportRequestLimitsAttribute.Bytes = limit.MaxBytes + ImportRequestLimitsAttribute.FormRoom;
        return services;
    }
}
