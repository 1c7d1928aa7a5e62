using System.Text;
using ArLedger.Bank;

namespace ArLedger.Core.Tests.Bank;

/// <summary>
/// camt.053 messages written here after the files public parsers test with: viafintech/camt_parser
/// (spec/fixtures/053/valid_example.xml, valid_example_v4.xml and valid_example_v8.xml: 001.02, 001.04 and 001.08, batched
/// TxDtls, reversals, Sts/Cd from 001.08), genkgo/camt (test/data/camt053.v2.multi.statement.xml: two Stmt in one message)
/// and OCA/bank-statement-import (account_statement_import_camt/test_files/test-camt053: PRCD as the opening balance).
/// </summary>
public sealed class CamtReaderTests
{
    /// <summary>The party's name element as each version writes it: Dbtr/Nm up to 001.07, Dbtr/Pty/Nm from 001.08.</summary>
    static string Party(string version, string role, string name) =>
        version == "08" ? $"<{role}><Pty><Nm>{name}</Nm></Pty></{role}>" : $"<{role}><Nm>{name}</Nm></{role}>";

    static string Status(string version, string code) => version == "08" ? $"<Sts><Cd>{code}</Cd></Sts>" : $"<Sts>{code}</Sts>";

    static string Message(string version) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-03-03T06:00:00+01:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>STMT-2026-03-02</Id>
              <ElctrncSeqNb>42</ElctrncSeqNb>
              <FrToDt><FrDtTm>2026-03-02T00:00:00+01:00</FrDtTm><ToDtTm>2026-03-02T23:59:59+01:00</ToDtTm></FrToDt>
              <Acct><Id><IBAN>FR7630004000031234567890143</IBAN></Id><Ccy>EUR</Ccy></Acct>
              <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-01</Dt></Dt></Bal>
              <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1437.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-02</Dt></Dt></Bal>
              <Bal><Tp><CdOrPrtry><Cd>CLAV</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">2400.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-02</Dt></Dt></Bal>
              <Ntry>
                <Amt Ccy="EUR">1200.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>{Status(version, "BOOK")}
                <BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-03</Dt></ValDt>
                <AcctSvcrRef>BANKREF-1</AcctSvcrRef>
                <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                <NtryDtls><TxDtls>
                  <Refs><EndToEndId>E2E-MARTIN-1</EndToEndId></Refs>
                  <RltdPties>{Party(version, "Dbtr", "BOULANGERIE MARTIN")}<DbtrAcct><Id><IBAN>FR1420041010050500013M02606</IBAN></Id></DbtrAcct></RltdPties>
                  <RmtInf><Ustrd>F238765+F229876</Ustrd><Ustrd>merci</Ustrd></RmtInf>
                </TxDtls></NtryDtls>
                <AddtlNtryInf>VIR SEPA BOULANGERIE MARTIN</AddtlNtryInf>
              </Ntry>
              <Ntry>
                <Amt Ccy="EUR">600.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>{Status(version, "BOOK")}
                <BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-02</Dt></ValDt>
                <AcctSvcrRef>BATCH-7</AcctSvcrRef>
                <NtryDtls><Btch><NbOfTxs>3</NbOfTxs></Btch>
                  <TxDtls><Refs><EndToEndId>E2E-A</EndToEndId></Refs><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
                    <RltdPties>{Party(version, "Dbtr", "ALPHA SARL")}</RltdPties><RmtInf><Ustrd>factures F239765/F237654</Ustrd></RmtInf></TxDtls>
                  <TxDtls><Refs><EndToEndId>E2E-B</EndToEndId></Refs><Amt Ccy="EUR">200.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
                    <RltdPties>{Party(version, "Dbtr", "BETA SA")}</RltdPties>
                    <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>RF18F230001</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>
                  <TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">300.00</Amt></TxAmt></AmtDtls>
                    <RltdPties>{Party(version, "Dbtr", "GAMMA")}</RltdPties></TxDtls>
                </NtryDtls>
                <AddtlNtryInf>REMISE SEPA 3 VIREMENTS</AddtlNtryInf>
              </Ntry>
              <Ntry>
                <Amt Ccy="EUR">350.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd>{Status(version, "BOOK")}
                <BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-02</Dt></ValDt>
                <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RDDT</Cd><SubFmlyCd>UPDD</SubFmlyCd></Fmly></Domn></BkTxCd>
                <NtryDtls><TxDtls><Refs><EndToEndId>PRLV-DELTA-9</EndToEndId><MndtId>RUM-DELTA</MndtId></Refs>
                  <RltdPties>{Party(version, "Cdtr", "DELTA SAS")}</RltdPties>
                  <RtrInf><Rsn><Cd>AC04</Cd></Rsn></RtrInf></TxDtls></NtryDtls>
                <AddtlNtryInf>IMPAYE PRLV SEPA DELTA</AddtlNtryInf>
              </Ntry>
              <Ntry>
                <Amt Ccy="USD">1100.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>{Status(version, "BOOK")}
                <BookgDt><DtTm>2026-03-02T15:30:00+01:00</DtTm></BookgDt><ValDt><Dt>2026-03-02</Dt></ValDt>
                <AmtDtls><CntrValAmt><Amt Ccy="EUR">1012.50</Amt><CcyXchg><SrcCcy>USD</SrcCcy><TrgtCcy>EUR</TrgtCcy><XchgRate>1.0864</XchgRate></CcyXchg></CntrValAmt></AmtDtls>
                <AddtlNtryInf>VIR INTERNATIONAL FOURNISSEUR US</AddtlNtryInf>
              </Ntry>
              <Ntry>
                <Amt Ccy="EUR">999.99</Amt><CdtDbtInd>CRDT</CdtDbtInd>{Status(version, "PDNG")}
                <BookgDt><Dt>2026-03-03</Dt></BookgDt>
                <AddtlNtryInf>EN ATTENTE</AddtlNtryInf>
              </Ntry>
            </Stmt>
            <Stmt>
              <Id>STMT-2026-03-03</Id>
              <Acct><Id><Othr><Id>45050050/76198810</Id></Othr></Id><Ccy>EUR</Ccy></Acct>
              <Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">25.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Dt><Dt>2026-03-02</Dt></Dt></Bal>
              <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">12.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><Dt><Dt>2026-03-03</Dt></Dt></Bal>
              <Ntry>
                <Amt Ccy="EUR">12.50</Amt><CdtDbtInd>CRDT</CdtDbtInd>{Status(version, "BOOK")}
                <BookgDt><Dt>2026-03-03</Dt></BookgDt><ValDt><Dt>2026-03-03</Dt></ValDt>
                <NtryDtls><TxDtls><RmtInf><Ustrd>F230875</Ustrd></RmtInf></TxDtls></NtryDtls>
              </Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """;

    static IReadOnlyList<FileStatement> Read(string xml) => BankFiles.Read(Encoding.UTF8.GetBytes(xml));

    [Theory]
    [InlineData("02")]
    [InlineData("04")]
    [InlineData("08")]
    public void Reads_statements_balances_entries_batches_reversals_and_foreign_currency(string version)
    {
        var statements = Read(Message(version));

        Assert.Equal(2, statements.Count);
        var first = statements[0];
        Assert.Equal(("FR7630004000031234567890143", "EUR", "STMT-2026-03-02"), (first.Account.Iban, first.Currency, first.StatementId));
        Assert.Equal((new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2)), (first.From, first.To));
        Assert.Equal((1000.00m, 1437.50m), (first.Opening, first.Closing));
        // The pending entry is left out; the batch of three gives three lines.
        Assert.Equal(6, first.Lines.Count);
        Assert.Equal([1200.00m, 100.00m, 200.00m, 300.00m, -350.00m, -1012.50m], first.Lines.Select(l => l.Amount));
        Assert.Equal(0m, first.Difference);

        var single = first.Lines[0];
        Assert.Equal((new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3)), (single.BookingDate, single.ValueDate));
        Assert.Equal("VIR SEPA BOULANGERIE MARTIN", single.Label);
        Assert.Equal(["F238765+F229876", "merci"], single.Remittance);
        Assert.Equal(("BOULANGERIE MARTIN", "FR1420041010050500013M02606", "E2E-MARTIN-1"), (single.CounterpartyName, single.CounterpartyIban, single.EndToEndId));
        Assert.Equal(("BANKREF-1", "PMNT/RCDT/ESCT"), (single.BankReference, single.OperationCode));

        var batch = first.Lines.Skip(1).Take(3).ToList();
        Assert.Equal(["BATCH-7/1", "BATCH-7/2", "BATCH-7/3"], batch.Select(l => l.BankReference));
        Assert.Equal(["ALPHA SARL", "BETA SA", "GAMMA"], batch.Select(l => l.CounterpartyName));
        Assert.Equal(["factures F239765/F237654"], batch[0].Remittance);
        Assert.Equal(["RF18F230001"], batch[1].Remittance);
        Assert.Equal(("E2E-B", null), (batch[1].EndToEndId, batch[2].EndToEndId));

        var returned = first.Lines[4];
        Assert.True(returned.IsReversal);
        Assert.Equal(("AC04", "DELTA SAS", "PRLV-DELTA-9"), (returned.ReturnReason, returned.CounterpartyName, returned.EndToEndId));
        Assert.Contains(new LineDetail("MndtId", "RUM-DELTA"), returned.Details);

        var foreign = first.Lines[5];
        Assert.Equal((-1012.50m, 1100.00m, "USD"), (foreign.Amount, foreign.OriginalAmount, foreign.OriginalCurrency));
        Assert.Equal(new DateOnly(2026, 3, 2), foreign.BookingDate);

        var second = statements[1];
        Assert.Equal(("45050050/76198810", null), (second.Account.Other, second.Account.Iban));
        Assert.Equal((-25.00m, -12.50m, 0m), (second.Opening, second.Closing, second.Difference));
        Assert.Equal((new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3)), (second.From, second.To));
        Assert.Equal(["F230875"], second.Lines.Single().Remittance);
    }

    [Fact]
    public void A_statement_that_does_not_balance_is_read_with_its_difference()
    {
        var xml = Message("02").Replace("<Amt Ccy=\"EUR\">1437.50</Amt>", "<Amt Ccy=\"EUR\">2688.52</Amt>", StringComparison.Ordinal);

        Assert.Equal(-1251.02m, Read(xml)[0].Difference);
    }

    [Theory]
    [InlineData("<Amt Ccy=\"EUR\">600.00</Amt>", "<Amt Ccy=\"EUR\">6OO.00</Amt>", "Amt")]
    [InlineData("<BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-03</Dt></ValDt>", "<BookgDt><Dt>2026-02-30</Dt></BookgDt>", "BookgDt")]
    [InlineData("<CdtDbtInd>DBIT</CdtDbtInd><RvslInd>", "<CdtDbtInd>DEBIT</CdtDbtInd><RvslInd>", "CdtDbtInd")]
    [InlineData("</BkToCstmrStmt>", "</BkToCstmrStmnt>", "XML")]
    public void A_bad_element_is_named_with_its_line(string from, string to, string field)
    {
        var xml = Message("04").Replace(from, to, StringComparison.Ordinal);

        var e = Assert.Throws<BankFileException>(() => Read(xml));

        Assert.Equal(field, e.Field);
        Assert.StartsWith("line ", e.Where, StringComparison.Ordinal);
    }
}
