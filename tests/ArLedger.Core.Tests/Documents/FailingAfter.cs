using ArLedger.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Core.Tests.Documents;

/// <summary>A renderer that works for the first N documents and then fails, like a process that dies mid-run.</summary>
sealed class FailingAfter(int n)
{
    readonly int limit = n;
    int rendered;

    public IPdfRenderer Wrap(IServiceProvider sp) => new Renderer(this, ActivatorUtilities.CreateInstance<ArLedger.Documents.PdfSharp.PdfSharpRenderer>(sp));

    sealed class Renderer(FailingAfter owner, IPdfRenderer inner) : IPdfRenderer
    {
        public byte[] Render(DocumentContent content) =>
            Interlocked.Increment(ref owner.rendered) > owner.limit ? throw new IOException("simulated crash") : inner.Render(content);
    }
}
