using Bogus;
using CsvHelper;

namespace SegBench.Benchmarks.Generator;

/// <summary>
/// The baseline's record: the 36 columns of <c>schemas/indian-bank-customers.yaml</c>, as plain
/// properties that Bogus fills and CsvHelper's source-generated record writer writes.
/// </summary>
[CsvRecord]
public sealed partial class BogusCustomer
{
    [CsvColumn("customer_id")] public string CustomerId { get; set; } = "";
    [CsvColumn("customer_name")] public string CustomerName { get; set; } = "";
    [CsvColumn("gender")] public string Gender { get; set; } = "";
    [CsvColumn("date_of_birth")] public DateOnly DateOfBirth { get; set; }
    [CsvColumn("age")] public int Age { get; set; }
    [CsvColumn("customer_pan_card_no")] public string Pan { get; set; } = "";
    [CsvColumn("customer_adhar_card_no")] public string Aadhaar { get; set; } = "";
    [CsvColumn("mobile_no")] public string Mobile { get; set; } = "";
    [CsvColumn("email")] public string? Email { get; set; }
    [CsvColumn("address")] public string Address { get; set; } = "";
    [CsvColumn("name_of_city")] public string City { get; set; } = "";
    [CsvColumn("state_name")] public string State { get; set; } = "";
    [CsvColumn("state_code")] public string StateCode { get; set; } = "";
    [CsvColumn("zip_code")] public string ZipCode { get; set; } = "";
    [CsvColumn("country")] public string Country { get; set; } = "";
    [CsvColumn("nationality")] public string Nationality { get; set; } = "";
    [CsvColumn("ifsc_code")] public string Ifsc { get; set; } = "";
    [CsvColumn("branch_code")] public string BranchCode { get; set; } = "";
    [CsvColumn("branch_name")] public string BranchName { get; set; } = "";
    [CsvColumn("kyc_number")] public string KycNumber { get; set; } = "";
    [CsvColumn("crn_unique_id")] public string Crn { get; set; } = "";
    [CsvColumn("kyc_status")] public string KycStatus { get; set; } = "";
    [CsvColumn("risk_id")] public string RiskId { get; set; } = "";
    [CsvColumn("pep_status")] public string PepStatus { get; set; } = "";
    [CsvColumn("occupation")] public string Occupation { get; set; } = "";
    [CsvColumn("account_type")] public string AccountType { get; set; } = "";
    [CsvColumn("annual_income")] public double AnnualIncome { get; set; }
    [CsvColumn("income_slab")] public string IncomeSlab { get; set; } = "";
    [CsvColumn("networth")] public double? Networth { get; set; }
    [CsvColumn("account_balance")] public double AccountBalance { get; set; }
    [CsvColumn("monthly_txn_count")] public int MonthlyTxnCount { get; set; }
    [CsvColumn("has_demat_account")] public bool HasDematAccount { get; set; }
    [CsvColumn("demat_account_no")] public string? DematAccountNo { get; set; }
    [CsvColumn("sip_status")] public string SipStatus { get; set; } = "";
    [CsvColumn("sip_amount")] public double? SipAmount { get; set; }
    [CsvColumn("loyalty_score")] public double LoyaltyScore { get; set; }
}

/// <summary>
/// The straightforward way to make this data: a Bogus <see cref="Faker{T}"/> in the en_IND
/// locale, seeded per instance with <c>UseSeed</c> (never the global <c>Randomizer.Seed</c>), and
/// CsvHelper's <c>WriteRecords</c>, on one thread. The reference the generator is measured against.
/// </summary>
public static class BogusBaseline
{
    private static readonly DateOnly AsOf = new(2025, 3, 31);
    private static readonly string[] Genders = ["Male", "Female"];
    private static readonly string[] KycStatuses = ["Validated", "Registered", "Under Process", "On Hold", "Rejected"];
    private static readonly string[] RiskIds = ["LOW", "MEDIUM", "HIGH"];
    private static readonly string[] PepStatuses = ["No", "Related to PEP", "Yes"];
    private static readonly string[] Occupations = ["Salaried", "Self-Employed", "Business", "Retired", "Homemaker", "Farmer", "Student"];
    private static readonly string[] AccountTypes = ["Savings", "Salary", "Current", "BSBDA", "FD", "NRE", "NRO"];
    private static readonly string[] SipStatuses = ["NONE", "ACTIVE", "PAUSED", "CANCELLED", "COMPLETED"];
    private static readonly string[] BankCodes = ["SBIN", "HDFC", "ICIC", "UTIB", "PUNB", "BARB", "CNRB", "KKBK", "UBIN", "IDIB"];
    private static readonly string[] EmailDomains = ["gmail.com", "yahoo.co.in", "outlook.com", "rediffmail.com", "hotmail.com"];

    /// <summary>LF line ends and lower-case booleans, as SegBench writes them, so both files have the same shape.</summary>
    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { NewLine = "\n", TrueValue = "true", FalseValue = "false" };

    /// <summary>The faker, seeded on its own randomizer.</summary>
    public static Faker<BogusCustomer> CreateFaker(int seed)
    {
        var ordinal = 0L;
        return new Faker<BogusCustomer>("en_IND")
            .UseSeed(seed)
            .RuleFor(c => c.CustomerId, _ => $"CUST{++ordinal:D9}")
            .RuleFor(c => c.Gender, f => f.PickRandom(Genders))
            .RuleFor(c => c.CustomerName, (f, c) => $"{f.Name.FirstName(c.Gender == "Male" ? Bogus.DataSets.Name.Gender.Male : Bogus.DataSets.Name.Gender.Female)} {f.Name.LastName()}")
            .RuleFor(c => c.DateOfBirth, f => f.Date.BetweenDateOnly(AsOf.AddYears(-90), AsOf.AddYears(-18)))
            .RuleFor(c => c.Age, (_, c) => AsOf.Year - c.DateOfBirth.Year - (AsOf.DayOfYear < c.DateOfBirth.DayOfYear ? 1 : 0))
            .RuleFor(c => c.Pan, (f, c) => f.Random.Replace("???P") + c.CustomerName.Split(' ')[^1][..1].ToUpperInvariant() + f.Random.Replace("####?"))
            .RuleFor(c => c.Aadhaar, f => f.Random.Number(2, 9).ToString(System.Globalization.CultureInfo.InvariantCulture) + f.Random.ReplaceNumbers("###########"))
            .RuleFor(c => c.Mobile, f => "+91" + f.Random.Number(6, 9).ToString(System.Globalization.CultureInfo.InvariantCulture) + f.Random.ReplaceNumbers("#########"))
            .RuleFor(c => c.Email, (f, c) => f.Random.Bool(0.97f) ? $"{c.CustomerName.Replace(' ', '.').ToLowerInvariant()}{f.Random.Number(100, 9099)}@{f.PickRandom(EmailDomains)}" : null)
            .RuleFor(c => c.Address, f => f.Address.StreetAddress())
            .RuleFor(c => c.City, f => f.Address.City())
            .RuleFor(c => c.State, f => f.Address.State())
            .RuleFor(c => c.StateCode, f => "IN-" + f.Address.StateAbbr())
            .RuleFor(c => c.ZipCode, f => f.Address.ZipCode("######"))
            .RuleFor(c => c.Country, _ => "India")
            .RuleFor(c => c.Nationality, _ => "Indian")
            .RuleFor(c => c.Ifsc, f => f.PickRandom(BankCodes) + "0" + f.Random.ReplaceNumbers("######"))
            .RuleFor(c => c.BranchCode, (_, c) => c.Ifsc[5..])
            .RuleFor(c => c.BranchName, (f, c) => $"{c.City} {f.Address.StreetName()}")
            .RuleFor(c => c.KycNumber, f => f.Random.ReplaceNumbers("##############"))
            .RuleFor(c => c.Crn, f => f.Random.Number(1, 9).ToString(System.Globalization.CultureInfo.InvariantCulture) + f.Random.ReplaceNumbers("###########"))
            .RuleFor(c => c.KycStatus, f => f.PickRandom(KycStatuses))
            .RuleFor(c => c.RiskId, f => f.PickRandom(RiskIds))
            .RuleFor(c => c.PepStatus, f => f.PickRandom(PepStatuses))
            .RuleFor(c => c.Occupation, f => f.PickRandom(Occupations))
            .RuleFor(c => c.AccountType, f => f.PickRandom(AccountTypes))
            .RuleFor(c => c.AnnualIncome, f => Math.Round(f.Random.Double(50_000, 5_000_000) / 1000) * 1000)
            .RuleFor(c => c.IncomeSlab, (_, c) => c.AnnualIncome switch
            {
                < 100_000 => "Below 1 Lakh",
                < 500_000 => "1-5 Lakh",
                < 1_000_000 => "5-10 Lakh",
                < 2_500_000 => "10-25 Lakh",
                _ => "Above 25 Lakh",
            })
            .RuleFor(c => c.Networth, f => f.Random.Bool(0.98f) ? Math.Round(f.Random.Double(10_000, 50_000_000) / 1000) * 1000 : null)
            .RuleFor(c => c.AccountBalance, f => Math.Round(f.Random.Double(0, 2_000_000), 2))
            .RuleFor(c => c.MonthlyTxnCount, f => f.Random.Number(0, 200))
            .RuleFor(c => c.HasDematAccount, f => f.Random.Bool(0.25f))
            .RuleFor(c => c.DematAccountNo, (f, c) => c.HasDematAccount ? (f.Random.Bool(0.4f) ? "IN" + f.Random.ReplaceNumbers("##############") : f.Random.ReplaceNumbers("################")) : null)
            .RuleFor(c => c.SipStatus, f => f.PickRandom(SipStatuses))
            .RuleFor(c => c.SipAmount, (f, c) => c.SipStatus is "ACTIVE" or "PAUSED" ? Math.Round(f.Random.Double(100, 50_000) / 100) * 100 : null)
            .RuleFor(c => c.LoyaltyScore, f => Math.Round(f.Random.Double(), 3));
    }

    /// <summary>Generates <paramref name="rows"/> customers and writes them, with a header, to a stream.</summary>
    public static void WriteCsv(Stream destination, int rows, int seed)
    {
        using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        csv.WriteRecords(CreateFaker(seed).GenerateLazy(rows));
    }

    /// <summary>Generates <paramref name="rows"/> customers and writes them, with a header, to a file.</summary>
    public static void WriteCsv(string path, int rows, int seed)
    {
        using var csv = CsvWriter.ToFile(path, Options);
        csv.WriteRecords(CreateFaker(seed).GenerateLazy(rows));
    }
}
