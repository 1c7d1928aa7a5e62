using System.Security.Cryptography;
using ArLedger.Audit;
using ArLedger.Documents;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArLedger.Core.Tests.Documents;

public sealed class DocumentArchiveTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly FakeTimeProvider clock = new(TestTime.Start);

    async Task<ArchivedDocument> ArchiveAsync(string account, string period, byte[] content)
    {
        await using var ctx = db.CreateContext();
        var customer = await ctx.Customers.SingleOrDefaultAsync(c => c.AccountNumber == account) ?? await new Book(db, clock).CustomerAsync(account);
        return await new DocumentArchive(ctx, clock, new Actor { Name = "statement-run" })
            .ArchiveAsync(new DocumentToArchive(ArchivedDocumentKind.Statement, customer.Id, period, $"releve-{period}.pdf", content)
            {
                PeriodStart = new DateOnly(2026, 10, 1),
                PeriodEnd = new DateOnly(2026, 10, 31),
            });
    }

    [Fact]
    public async Task An_archived_PDF_reads_back_byte_for_byte_with_its_sha256()
    {
        var pdf = SampleDocuments.Renderer().Render(SampleDocuments.Statement(rows: 10));
        var archived = await ArchiveAsync("AR001", "2026-10", pdf);

        await using var ctx = db.CreateContext();
        var read = await new DocumentArchive(ctx, clock, new Actor()).GetAsync(archived.Id);

        Assert.NotNull(read);
        Assert.Equal(pdf, read.Content);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), read.Sha256);
        Assert.Equal("statement-run", read.CreatedBy);
        Assert.Equal(clock.GetUtcNow(), read.CreatedAt);
        Assert.Equal(new DateOnly(2026, 10, 31), read.PeriodEnd);
    }

    [Fact]
    public async Task Archiving_a_business_key_again_returns_the_first_document_unchanged()
    {
        var first = await ArchiveAsync("AR002", "2026-10", [1, 2, 3]);
        var second = await ArchiveAsync("AR002", "2026-10", [4, 5, 6]);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal([1, 2, 3], second.Content);
    }

    [Theory]
    [InlineData("update archived_documents set content = '\\x00'::bytea, sha256 = encode(sha256('\\x00'::bytea), 'hex')")]
    [InlineData("update archived_documents set file_name = 'other.pdf'")]
    [InlineData("delete from archived_documents")]
    [InlineData("truncate archived_documents cascade")]
    public async Task The_database_refuses_to_change_or_remove_an_archived_document(string sql)
    {
        await ArchiveAsync($"AR{Guid.NewGuid():N}"[..10], "2026-10", [7, 8, 9]);

        await using var cmd = db.DataSource.CreateCommand(sql);
        var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());

        Assert.Contains("append-only", e.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_refuses_a_hash_that_does_not_match_the_bytes()
    {
        await using var cmd = db.DataSource.CreateCommand("""
            insert into archived_documents (kind, period_key, file_name, content_type, content, sha256, created_at, created_by)
            values ('Statement', 'forged', 'x.pdf', 'application/pdf', '\x01', encode(sha256('\x02'), 'hex'), now(), 'x')
            """);
        var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());

        Assert.Equal("ck_archived_documents_sha256", e.ConstraintName);
    }
}
