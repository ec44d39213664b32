using SscPortal.Web.Quality;

namespace SscPortal.Web;

/// <summary>Registration of data quality: the checks and figures (<see cref="QualityReports"/>) and the link checker.</summary>
public static class QualityServices
{
    /// <summary>Program.cs: <c>builder.Services.AddPortalQuality(builder.Configuration);</c></summary>
    public static IServiceCollection AddPortalQuality(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<QualityOptions>(configuration.GetSection(QualityOptions.Section));
        services.AddScoped<QualityReports>();
        services.AddScoped<LinkChecker>();
        services.AddHostedService<LinkCheckService>();
        return services;
    }
}
