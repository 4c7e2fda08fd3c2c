using System.Text.RegularExpressions;
using SegBench.Data;
using SegBench.Generator.Reference;

namespace SegBench.Generator.Tests;

/// <summary>Every identifier checked by validators written here from reference/india-banking.md, independent of the generator's code.</summary>
public sealed partial class IdentifierTests
{
    private const int Rows = 20_000;
    private static readonly Lazy<Table> Customers = new(() => TestData.Generate(TestData.Customers(), Rows).Data);

    // Two-digit PIN prefixes per state (india-banking.md), with the three-digit exceptions.
    private static readonly (string Prefix, string[] States)[] PinPrefixes =
    [
        ("11", ["DL"]), ("12", ["HR"]), ("13", ["HR"]), ("14", ["PB"]), ("15", ["PB"]), ("16", ["CH"]), ("17", ["HP"]),
        ("18", ["JK", "LA"]), ("19", ["JK", "LA"]), ("20", ["UP", "UK"]), ("21", ["UP", "UK"]), ("22", ["UP", "UK"]),
        ("23", ["UP", "UK"]), ("24", ["UP", "UK"]), ("25", ["UP", "UK"]), ("26", ["UP", "UK"]), ("27", ["UP", "UK"]),
        ("28", ["UP", "UK"]), ("30", ["RJ"]), ("31", ["RJ"]), ("32", ["RJ"]), ("33", ["RJ"]), ("34", ["RJ"]),
        ("36", ["GJ"]), ("37", ["GJ"]), ("38", ["GJ"]), ("39", ["GJ"]), ("403", ["GA"]), ("40", ["MH"]), ("41", ["MH"]),
        ("42", ["MH"]), ("43", ["MH"]), ("44", ["MH"]), ("45", ["MP"]), ("46", ["MP"]), ("47", ["MP"]), ("48", ["MP"]),
        ("49", ["CG"]), ("50", ["TS"]), ("51", ["AP"]), ("52", ["AP"]), ("53", ["AP"]), ("56", ["KA"]), ("57", ["KA"]),
        ("58", ["KA"]), ("59", ["KA"]), ("605", ["PY"]), ("60", ["TN"]), ("61", ["TN"]), ("62", ["TN"]), ("63", ["TN"]),
        ("64", ["TN"]), ("65", ["TN"]), ("66", ["TN"]), ("67", ["KL"]), ("68", ["KL"]), ("69", ["KL"]), ("737", ["SK"]),
        ("744", ["AN"]), ("70", ["WB"]), ("71", ["WB"]), ("72", ["WB"]), ("73", ["WB"]), ("74", ["WB"]), ("75", ["OD"]),
        ("76", ["OD"]), ("77", ["OD"]), ("78", ["AS"]), ("79", ["AR", "MN", "ML", "MZ", "NL", "TR"]), ("80", ["BR", "JH"]),
        ("81", ["BR", "JH"]), ("82", ["BR", "JH"]), ("83", ["BR", "JH"]), ("84", ["BR", "JH"]), ("85", ["BR", "JH"]),
    ];

    private static readonly string[] IsoCodes = ["AN", "AP", "AR", "AS", "BR", "CH", "CG", "DH", "DL", "GA", "GJ", "HR", "HP", "JK", "JH", "KA", "KL", "LA", "LD", "MP", "MH", "MN", "ML", "MZ", "NL", "OD", "PY", "PB", "RJ", "SK", "TN", "TS", "TR", "UP", "UK", "WB"];
    private static readonly string[] BankCodes = ["SBIN", "PUNB", "BARB", "CNRB", "UBIN", "BKID", "IDIB", "IOBA", "CBIN", "UCBA", "MAHB", "PSIB", "HDFC", "ICIC", "UTIB", "KKBK", "IBKL", "INDB", "YESB", "IDFB", "FDRL", "KARB", "KVBL", "SIBL", "RATN", "AUBL", "ESFB", "USFB"];

    private static readonly int[,] D = { { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 }, { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 }, { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 }, { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 }, { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 }, { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 }, { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 } };
    private static readonly int[,] P = { { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 }, { 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 }, { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 }, { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 }, { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 }, { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 }, { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 } };

    private static bool VerhoeffValid(string number)
    {
        var c = 0;
        var digits = number.Reverse().ToArray();
        for (var i = 0; i < digits.Length; i++)
        {
            c = D[c, P[i % 8, digits[i] - '0']];
        }

        return c == 0;
    }

    [Fact]
    public void TheVerhoeffWorkedExampleHolds()
    {
        VerhoeffValid("2363").Should().BeTrue();
        VerhoeffValid("2364").Should().BeFalse();
        Columns.Verhoeff.CheckDigit("236"u8).Should().Be(3);
    }

    [Fact]
    public void TheCheckDigitCompletesAValidNumberOfEveryLength()
    {
        // Odd and even lengths (the pairwise steps and the single last one), every digit at
        // every position.
        var random = new Random(17);
        for (var length = 1; length <= 20; length++)
        {
            for (var round = 0; round < 500; round++)
            {
                var number = new string(Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10))).ToArray());
                var check = Columns.Verhoeff.CheckDigit(System.Text.Encoding.ASCII.GetBytes(number));
                VerhoeffValid(number + check).Should().BeTrue($"{number} with check digit {check}");
            }
        }
    }

    [Fact]
    public void AadhaarNumbersAreTwelveDigitsStartingTwoToNineWithAValidVerhoeffDigit()
    {
        for (var r = 0; r < Rows; r++)
        {
            var aadhaar = Customers.Value.Text("customer_adhar_card_no", r)!;
            AadhaarPattern().IsMatch(aadhaar).Should().BeTrue(aadhaar);
            VerhoeffValid(aadhaar).Should().BeTrue(aadhaar);
        }
    }

    [Fact]
    public void PanNumbersMatchThePatternAndCarryTheSurnameInitial()
    {
        for (var r = 0; r < Rows; r++)
        {
            var pan = Customers.Value.Text("customer_pan_card_no", r)!;
            PanPattern().IsMatch(pan).Should().BeTrue(pan);
            pan[3].Should().Be('P', "the customers are individuals");
            pan.Substring(5, 4).Should().NotBe("0000");
            var surname = Customers.Value.Text("customer_name", r)!.Split(' ')[^1];
            pan[4].Should().Be(char.ToUpperInvariant(surname[0]), $"{pan} belongs to {Customers.Value.Text("customer_name", r)}");
        }
    }

    [Fact]
    public void AddressesAgreeOnCityStateCodeAndPin()
    {
        var names = ReferenceData.States.ToDictionary(s => s.IsoCode, s => s.Name);
        for (var r = 0; r < Rows; r++)
        {
            var code = Customers.Value.Text("state_code", r)!;
            var pin = Customers.Value.Text("zip_code", r)!;
            IsoCodes.Should().Contain(code);
            names[code].Should().Be(Customers.Value.Text("state_name", r));
            PinPattern().IsMatch(pin).Should().BeTrue(pin);
            var rule = PinPrefixes.Where(p => pin.StartsWith(p.Prefix, StringComparison.Ordinal)).MaxBy(p => p.Prefix.Length);
            rule.States.Should().NotBeNull($"PIN {pin} has a known prefix");
            rule.States.Should().Contain(code, $"PIN {pin} is in {Customers.Value.Text("name_of_city", r)}");
        }
    }

    [Fact]
    public void IfscCodesUseRealBanksAndTheBranchCodeIsTheirTail()
    {
        for (var r = 0; r < Rows; r++)
        {
            var ifsc = Customers.Value.Text("ifsc_code", r)!;
            IfscPattern().IsMatch(ifsc).Should().BeTrue(ifsc);
            BankCodes.Should().Contain(ifsc[..4]);
            Customers.Value.Text("branch_code", r).Should().Be(ifsc[^6..]);
            Customers.Value.Text("branch_name", r).Should().StartWith(Customers.Value.Text("name_of_city", r), "the branch is in the customer's city");
        }
    }

    [Fact]
    public void OtherIdentifiersHaveTheirFormats()
    {
        var table = Customers.Value;
        var demat = (StringColumn)table["demat_account_no"];
        var hasDemat = (BooleanColumn)table["has_demat_account"];
        for (var r = 0; r < Rows; r++)
        {
            MobilePattern().IsMatch(table.Text("mobile_no", r)!).Should().BeTrue();
            CkycPattern().IsMatch(table.Text("kyc_number", r)!).Should().BeTrue();
            CustomerIdPattern().IsMatch(table.Text("customer_id", r)!).Should().BeTrue();
            demat.IsNull(r).Should().Be(!hasDemat[r], "a demat number exists exactly for demat holders");
            if (hasDemat[r])
            {
                DematPattern().IsMatch(demat.GetString(r)!).Should().BeTrue(demat.GetString(r));
            }

            var date = ((DateColumn)table["date_of_birth"]).GetDate(r);
            ((Int32Column)table["age"])[r].Should().Be(Columns.AgeGenerator.YearsBetween(date, new DateOnly(2025, 3, 31)));
            ((Int32Column)table["age"])[r].Should().BeInRange(18, 90);
        }
    }

    [Fact]
    public void IdentifiersAreUniqueByConstruction()
    {
        foreach (var column in new[] { "customer_id", "customer_pan_card_no", "customer_adhar_card_no", "mobile_no", "kyc_number", "crn_unique_id" })
        {
            var values = Enumerable.Range(0, Rows).Select(r => Customers.Value.Text(column, r)).ToHashSet();
            values.Should().HaveCount(Rows, $"{column} must be unique");
        }
    }

    [Fact]
    public void NamesFollowTheGenderColumn()
    {
        var female = PersonNames.FemaleFirstNames.ToHashSet();
        var male = PersonNames.MaleFirstNames.ToHashSet();
        for (var r = 0; r < Rows; r++)
        {
            var name = Customers.Value.Text("customer_name", r)!;
            var first = name[..name.LastIndexOf(' ')];
            (Customers.Value.Text("gender", r) == "Female" ? female : male).Should().Contain(first);
        }
    }

    [GeneratedRegex("^[2-9][0-9]{11}$")]
    private static partial Regex AadhaarPattern();

    [GeneratedRegex("^[A-Z]{3}[ABCFGHJLPT][A-Z][0-9]{4}[A-Z]$")]
    private static partial Regex PanPattern();

    [GeneratedRegex("^[1-8][0-9]{5}$")]
    private static partial Regex PinPattern();

    [GeneratedRegex("^[A-Z]{4}0[A-Z0-9]{6}$")]
    private static partial Regex IfscPattern();

    [GeneratedRegex(@"^\+91[6-9][0-9]{9}$")]
    private static partial Regex MobilePattern();

    [GeneratedRegex("^[0-9]{14}$")]
    private static partial Regex CkycPattern();

    [GeneratedRegex("^CUST[0-9]{9}$")]
    private static partial Regex CustomerIdPattern();

    [GeneratedRegex("^(IN[0-9]{14}|[0-9]{16})$")]
    private static partial Regex DematPattern();
    [Fact]
    public void AnEmailLocalPartIsTheNameLowerCasedWithDotsForSpacesAtEveryLength()
    {
        // The vector path (ASCII names of 8 to 32 bytes) must equal the per-byte mapping: upper
        // case to lower, a space to a dot, everything else (digits, punctuation, UTF-8) as
        // char.ToLowerInvariant maps the byte.
        var random = new Random(5);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz '-.@Z[`{";
        for (var length = 0; length <= 40; length++)
        {
            for (var trial = 0; trial < 50; trial++)
            {
                var name = Enumerable.Range(0, length).Select(_ => (byte)alphabet[random.Next(alphabet.Length)]).ToArray();
                if (trial % 10 == 9 && length > 0)
                {
                    name[random.Next(length)] = (byte)(0x80 + random.Next(0x80));
                }

                var expected = name.Select(b => b == ' ' ? (byte)'.' : (byte)char.ToLowerInvariant((char)b)).ToArray();
                var destination = new byte[length + 16];
                var written = Columns.EmailGenerator.LocalPart(name, destination);

                written.Should().Be(length);
                destination[..length].Should().Equal(expected, $"'{System.Text.Encoding.Latin1.GetString(name)}'");
            }
        }
    }
}
