using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ArLedger.Core.Tests.Mail;

/// <summary>A self-signed certificate for 127.0.0.1, made for one test; no authority signed it, so only its thumbprint makes a client accept it.</summary>
sealed class TestCertificate : IDisposable
{
    readonly RSA key = RSA.Create(2048);
    readonly X509Certificate2 certificate;

    public TestCertificate()
    {
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
    }

    /// <summary>SHA-1 thumbprint in hex, as Smtp:AcceptCertificateThumbprint takes it.</summary>
    public string Thumbprint => certificate.Thumbprint;

    public async Task<(string CertFile, string KeyFile)> WritePemAsync(string folder)
    {
        var certFile = Path.Combine(folder, "cert.pem");
        var keyFile = Path.Combine(folder, "key.pem");
        await File.WriteAllTextAsync(certFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certFile, keyFile);
    }

    public void Dispose()
    {
        certificate.Dispose();
        key.Dispose();
    }
}
