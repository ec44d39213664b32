namespace SscPortal.Web.Exchange;

public static class ExchangeSetup
{
    /// <summary>Offers and needs: suggested matches (<see cref="Matches"/>), the conversations about them and the initiatives they start.</summary>
    public static IServiceCollection AddPortalExchange(this IServiceCollection services)
    {
        services.AddScoped<Matches>();
        services.AddScoped<ExchangeConversations>();
        return services;
    }
}
