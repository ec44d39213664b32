namespace SscPortal.Web.Notifications;

public static class NotificationSetup
{
    /// <summary>Who is told what (<see cref="Notices"/>), their mail, its unsubscribe links, the daily digest and the reminders of responses due.</summary>
    public static IServiceCollection AddPortalNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.AddScoped<Notices>();
        services.AddScoped<NotificationMail>();
        services.AddScoped<Digests>();
        services.AddScoped<ResponseReminders>();
        services.AddScoped<RecommendationReminders>();
        services.AddScoped<UnreadCount>();
        services.AddSingleton<UnreadCounts>();
        services.AddScoped<Following>();
        services.AddScoped<FollowState>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddHostedService<DigestSender>();
        return services;
    }
}
