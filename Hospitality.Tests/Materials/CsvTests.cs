using System.Text;
using Hospitality.Domain;
using Hospitality.Domain.Common;

namespace Hospitality.Tests.Materials;

/// <summary>The RFC 4180 reader: quoting, embedded separators and line breaks, line endings, BOM, and damaged quoting reported per record.</summary>
public class CsvTests
{
    private static List<CsvRecord> Read(string text) => [.. Csv.Read(text)];

    private static string[][] Fields(string text) => [.. Read(text).Select(r => r.Fields.ToArray())];

    [Fact]
    public void Plain_records_split_on_commas_and_keep_empty_fields_and_spaces()
    {
        Assert.Equal([["a", "b", "c"], ["1", "", " 3 "]], Fields("a,b,c\n1,, 3 \n"));
        Assert.Equal([["a", "b", ""]], Fields("a,b,"));
    }

    [Fact]
    public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks()
    {
        var records = Read("code,name\r\nCUP-12,\"Cup, 12 oz \"\"tall\"\"\"\r\nNOTE,\"two\r\nlines\"\r\nLAST,x\r\n");

        Assert.Equal(["CUP-12", "Cup, 12 oz \"tall\""], records[1].Fields);
        Assert.Equal(["NOTE", "two\r\nlines"], records[2].Fields);
        Assert.Equal(["LAST", "x"], records[3].Fields);
        Assert.Equal([1, 2, 3, 5], records.Select(r => r.Line));   // the record after the two-line field starts on line 5
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Theory]
    [InlineData("a,b\r\nc,d\r\n")]
    [InlineData("a,b\nc,d\n")]
    [InlineData("a,b\rc,d")]
    [InlineData("a,b\r\nc,d")]
    public void CRLF_LF_and_CR_line_endings_read_alike_and_a_final_line_break_adds_no_record(string text) =>
        Assert.Equal([["a", "b"], ["c", "d"]], Fields(text));

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_field()
    {
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("code,name\nMILK,Milch \u00fc\n")];

        var text = Csv.DecodeUtf8(withBom);

        Assert.Equal([["code", "name"], ["MILK", "Milch \u00fc"]], Fields(text));
        Assert.Equal("code", Fields("\uFEFFcode,name")[0][0]);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_refused_with_a_sentence()
    {
        byte[] latin1 = [.. Encoding.ASCII.GetBytes("name\nMilch "), 0xFC];
        var refusal = Assert.Throws<DomainException>(() => Csv.DecodeUtf8(latin1));
        Assert.Contains("not UTF-8", refusal.Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_fails_that_record_only_and_reading_resumes_on_the_next_line()
    {
        var records = Read("a,b\n\"x\"y,z\nc,d\n");

        Assert.Null(records[0].Error);
        Assert.Contains("after the closing quote", records[1].Error);
        Assert.StartsWith("Line 2", records[1].Error);
        Assert.Equal(["c", "d"], records[2].Fields);
        Assert.Null(records[2].Error);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_fails_that_record()
    {
        var records = Read("a,12\" box,b\nc,d");
        Assert.Contains("quote inside a field", records[0].Error);
        Assert.Equal(["c", "d"], records[1].Fields);
    }

    [Fact]
    public void A_quote_never_closed_fails_the_last_record_naming_the_line_it_opened_on()
    {
        var records = Read("a,b\nc,\"never\nclosed,e\n");
        Assert.Equal(2, records.Count);
        Assert.Equal("The quote opened on line 2 is never closed.", records[1].Error);
    }

    [Fact]
    public void Blank_lines_and_rows_of_empty_fields_are_blank()
    {
        var records = Read("a,b\n\n,,\n\"\",x\n");
        Assert.Equal([false, true, true, false], records.Select(r => r.IsBlank));
    }
}
