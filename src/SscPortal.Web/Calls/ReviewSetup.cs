namespace SscPortal.Web.Calls;

public static class ReviewSetup
{
    /// <summary>Reviewing a call's applications, deciding on them and publishing the results (<see cref="ReviewerRoster"/>, <see cref="ReviewDesk"/>, <see cref="ResultsBoard"/>).</summary>
    public static IServiceCollection AddPortalReviews(this IServiceCollection services)
    {
        services.AddScoped<ReviewerRoster>();
        services.AddScoped<ReviewDesk>();
        services.AddScoped<ResultsBoard>();
        return services;
    }
}
