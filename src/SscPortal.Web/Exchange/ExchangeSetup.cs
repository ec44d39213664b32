namespace SscPortal.Web.Exchange;

public static class ExchangeSetup
{
    /// <summary>Offers and needs: the conversations about them and the initiatives they start.</summary>
    public static IServiceCollection AddPortalExchange(this IServiceCollection services)
    {
        services.AddScoped<ExchangeConversations>();
        return services;
    }
}
