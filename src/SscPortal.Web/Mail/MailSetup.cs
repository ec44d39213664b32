namespace SscPortal.Web.Mail;

public static class MailSetup
{
    /// <summary>The outbox, the mail it holds for accounts, and the background sender that delivers it.</summary>
    public static IServiceCollection AddPortalMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.Configure<PortalOptions>(configuration.GetSection("Portal"));
        services.AddScoped<Outbox>();
        services.AddScoped<PublicAddress>();
        services.AddScoped<AccountMail>();
        services.AddSingleton<MailTransport>();
        services.AddSingleton<MailSender>();
        services.AddHostedService(s => s.GetRequiredService<MailSender>());
        return services;
    }
}
