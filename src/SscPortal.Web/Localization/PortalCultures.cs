using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace SscPortal.Web.Localization;

public static class PortalCultures
{
    public const string Default = "en";

    /// <summary>The languages the interface is translated into, with each language's own name for itself.</summary>
    public static readonly IReadOnlyList<(string Code, string NativeName)> Supported =
    [
        ("en", "English"),
        ("es", "Español"),
        ("pt", "Português"),
        ("fr", "Français"),
    ];

    public static bool IsSupported(string? code) => Supported.Any(s => s.Code == code);

    /// <summary>The two-letter language of the current request.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <summary>
    /// Writes in another language until disposed (a mail in its reader's language, whatever the request's): the
    /// localizers read the current UI culture. An unsupported language falls back to the default.
    /// </summary>
    public static IDisposable Use(string? language)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var chosen = new CultureInfo(IsSupported(language) ? language! : Default);
        CultureInfo.CurrentCulture = chosen;
        CultureInfo.CurrentUICulture = chosen;
        return new Restore(() =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        });
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Supported.Select(s => new CultureInfo(s.Code)).ToList();
            options.DefaultRequestCulture = new RequestCulture(Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            // A chosen language (cookie) wins over the browser's; ?culture= lets a link carry its language.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        // Values the model binder cannot read (letters in a number field, an unknown option) are reported in the reader's language too.
        services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<IStringLocalizerFactory>((options, factory) =>
        {
            var L = factory.Create(typeof(SharedResource));
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => L["“{0}” is not valid here.", value]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => L["“{0}” is not valid here.", value]);
            messages.SetValueIsInvalidAccessor(value => L["“{0}” is not valid here.", value]);
            messages.SetUnknownValueIsInvalidAccessor(_ => L["This value is not valid here."]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => L["This value is not valid here."]);
            messages.SetValueMustBeANumberAccessor(_ => L["Enter a number."]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => L["Enter a number."]);
            messages.SetValueMustNotBeNullAccessor(_ => L["Fill in this field."]);
            messages.SetMissingBindRequiredValueAccessor(_ => L["Fill in this field."]);
            messages.SetMissingKeyOrValueAccessor(() => L["Fill in this field."]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => L["Fill in this field."]);
        });
        return services;
    }
}
