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

    /// <summary>
    /// The service from the request's container, or one made for the request when the portal was started without
    /// <see cref="AddPortalReviews"/> (its dependencies are all registered services).
    /// </summary>
    public static T Service<T>(this HttpContext context) where T : class =>
        ActivatorUtilities.GetServiceOrCreateInstance<T>(context.RequestServices);
}
