using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace SscPortal.Web.Security;

/// <summary>
/// How the keys that sign cookies and antiforgery tokens are protected at rest. They are kept in the database (so every
/// instance shares them); with <c>DataProtection:CertificatePath</c> (a PKCS#12 file, and its
/// <c>DataProtection:CertificatePassword</c>) each key is encrypted with that certificate before it is stored, so a copy of
/// the database alone cannot forge a sign-in. <c>DataProtection:PreviousCertificatePaths</c> (separated by ';') lists
/// certificates that may still decrypt older keys after the certificate is replaced.
/// Without a certificate the keys are stored as they are: fine on a developer's machine, said once at start elsewhere.
/// </summary>
public static class KeyProtection
{
    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, IConfiguration configuration, IHostEnvironment environment)
    {
        var path = configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            builder.Services.AddSingleton<IPostConfigureOptions<KeyManagementOptions>>(services =>
                new Unprotected(services.GetRequiredService<ILoggerFactory>(), environment.IsDevelopment()));
            return builder;
        }
        var password = configuration["DataProtection:CertificatePassword"];
        builder.ProtectKeysWithCertificate(Load(path, password));
        var previous = (configuration["DataProtection:PreviousCertificatePaths"] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => Load(p, password)).ToArray();
        if (previous.Length > 0) builder.UnprotectKeysWithAnyCertificate(previous);
        return builder;
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"DataProtection:CertificatePath names '{path}', which does not exist. Give the path of a PKCS#12 (.pfx) file with its private key, or remove the setting.");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"The certificate in '{path}' has no private key: the portal needs it to read the keys it encrypts.");
        return certificate;
    }

    /// <summary>Says once, when the key ring is first used, that keys are stored unencrypted and how to change that.</summary>
    private sealed class Unprotected(ILoggerFactory loggers, bool development) : IPostConfigureOptions<KeyManagementOptions>
    {
        public void PostConfigure(string? name, KeyManagementOptions options)
        {
            if (options.XmlEncryptor is not null) return;
            var log = loggers.CreateLogger(typeof(KeyProtection));
            const string Message = "Sign-in and antiforgery keys are stored in the database without encryption at rest. " +
                                   "To encrypt them, set DataProtection:CertificatePath (a .pfx file) and DataProtection:CertificatePassword (README, \"Configuration\").";
            if (development) log.LogDebug(Message);
            else log.LogWarning(Message);
        }
    }
}
