using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ArLedger.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Auth;

/// <summary>The app with <c>DataProtection:CertificatePath</c> and <c>DataProtection:CertificatePassword</c> set to a
/// self-signed certificate made for the test.</summary>
public sealed class CertificateKeysApp : ArLedgerAppFactory
{
    const string CertificatePassword = "test certificate password";
    readonly string certificatePath = Path.Combine(Path.GetTempPath(), $"arledger-keys-{Guid.NewGuid():N}.pfx");

    public override async Task InitializeAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ArLedger key encryption (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        await base.InitializeAsync();
    }

    protected override async Task DisposeFixtureAsync()
    {
        await base.DisposeFixtureAsync();
        File.Delete(certificatePath);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("DataProtection:CertificatePath", certificatePath);
        builder.UseSetting("DataProtection:CertificatePassword", CertificatePassword);
    }
}

public sealed class KeyEncryptionTests(CertificateKeysApp app) : IClassFixture<CertificateKeysApp>
{
    [Fact]
    public async Task With_a_certificate_configured_the_stored_keys_are_encrypted_and_still_read()
    {
        var client = await app.SignedInClientAsync(Roles.Clerk);

        await using var db = app.Database.CreateContext();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        // The cookie the encrypted key protects opens a page.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
