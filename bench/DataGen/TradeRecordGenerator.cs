using RelationsApi.Domain.Common;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.DataGen;

/// <summary>The unique key of a trade record, in the shape the database compares it.</summary>
internal readonly record struct TradeKey(string Reporter, string Partner, TradeFlow Flow, int Year, int? Month, string? HsCode);

/// <summary>
/// Trade records whose keys are derived from a running index, so they never collide, with random but repeatable values.
/// The index walks all 2,730 periods (reporter × flow × year × month-or-whole-year) before it takes the next HS code,
/// so every year, flow and month holds about the same number of rows, and the first 10,000 rows of a large
/// database are the rows of a small one. HS codes starting with "99" are never generated: POST benchmarks use them.
/// </summary>
internal sealed class TradeRecordGenerator
{
    public const int FirstYear = TradeRecord.FirstYear;
    public const int LastYear = 2025;

    private const int Years = LastYear - FirstYear + 1;
    private const int MonthSlots = 13;   // the whole year (no month), then 1..12
    private static readonly TradeFlow[] Flows = [TradeFlow.Export, TradeFlow.Import, TradeFlow.Turnover];

    /// <summary>How many keys share one HS code: one per reporter, flow, year and month slot.</summary>
    public const int PeriodsPerCode = 2 * 3 * Years * MonthSlots;

    private static readonly Source[] Citations =
    [
        new("Synthetic benchmark data: customs statistics of Kazakhstan", publishedOn: new DateOnly(2024, 3, 15)),
        new("Synthetic benchmark data: Korea customs trade statistics", url: "https://example.org/bench/kr-customs", publishedOn: new DateOnly(2024, 2, 1)),
        new("Synthetic benchmark data: bilateral trade yearbook", publishedOn: new DateOnly(2023, 11, 2)),
    ];

    private static readonly Dictionary<string, string> Chapters = new(StringComparer.Ordinal)
    {
        ["02"] = "Meat and edible offal",
        ["10"] = "Cereals",
        ["12"] = "Oil seeds and oleaginous fruits",
        ["25"] = "Salt, sulphur, earths and stone",
        ["26"] = "Ores, slag and ash",
        ["27"] = "Mineral fuels and oils",
        ["28"] = "Inorganic chemicals and rare-earth compounds",
        ["30"] = "Pharmaceutical products",
        ["33"] = "Essential oils, perfumery and cosmetics",
        ["39"] = "Plastics and articles thereof",
        ["40"] = "Rubber and articles thereof",
        ["72"] = "Iron and steel",
        ["74"] = "Copper and articles thereof",
        ["76"] = "Aluminium and articles thereof",
        ["81"] = "Other base metals",
        ["84"] = "Machinery and mechanical appliances",
        ["85"] = "Electrical machinery and equipment",
        ["87"] = "Vehicles other than railway",
        ["89"] = "Ships and floating structures",
        ["90"] = "Optical, medical and measuring instruments",
    };

    private readonly List<string?> _codes = [null];   // slot 0: all goods
    private readonly HashSet<string> _seenCodes = new(StringComparer.Ordinal);
    private readonly Random _codeRandom;
    private readonly Random _valueRandom;
    private readonly HashSet<TradeKey> _taken;
    private long _nextKeyIndex;

    /// <param name="seed">Fixes the HS codes and the values.</param>
    /// <param name="taken">Keys already in the database (the seed's record); they are skipped.</param>
    public TradeRecordGenerator(int seed, IEnumerable<TradeKey> taken)
    {
        _codeRandom = new Random(seed);
        _valueRandom = new Random(seed + 1);
        _taken = [.. taken];
    }

    public TradeRecord Next()
    {
        TradeKey key;
        do
        {
            key = KeyAt(_nextKeyIndex++);
        }
        while (_taken.Contains(key));

        var cents = NextCents(key);
        var record = new TradeRecord(key.Reporter, key.Partner, key.Flow, key.Year, key.Month, key.HsCode, cents / 100m);
        record.SetValue(record.ValueUsd, Commodity(key.HsCode));
        record.SetSources([Citations[(int)(_nextKeyIndex % Citations.Length)]]);
        return record;
    }

    private TradeKey KeyAt(long index)
    {
        var period = (int)(index % PeriodsPerCode);
        var slot = (int)(index / PeriodsPerCode);
        var monthSlot = period % MonthSlots;
        period /= MonthSlots;
        var year = FirstYear + (period % Years);
        period /= Years;
        var flow = Flows[period % Flows.Length];
        var kzReports = period / Flows.Length == 0;
        return new TradeKey(
            kzReports ? CountryCode.Kazakhstan : CountryCode.SouthKorea,
            kzReports ? CountryCode.SouthKorea : CountryCode.Kazakhstan,
            flow,
            year,
            monthSlot == 0 ? null : monthSlot,
            CodeAt(slot));
    }

    /// <summary>The HS code of a slot: slot 0 is all goods, later slots distinct random codes of 2, 4 or 6 digits.</summary>
    private string? CodeAt(int slot)
    {
        while (_codes.Count <= slot)
        {
            var roll = _codeRandom.Next(100);
            var code = roll switch
            {
                < 5 => Digits(_codeRandom.Next(1, 99), 2),          // 01..98
                < 40 => Digits(_codeRandom.Next(100, 9900), 4),     // 0100..9899
                _ => Digits(_codeRandom.Next(10_000, 990_000), 6),  // 010000..989999
            };
            if (_seenCodes.Add(code))
            {
                _codes.Add(code);
            }
        }
        return _codes[slot];
    }

    private static string Digits(int value, int length) => value.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(length, '0');

    /// <summary>Log-uniform values: totals in the billions, single goods down to thousands; a month is about a twelfth.</summary>
    private long NextCents(TradeKey key)
    {
        var (low, high) = key.HsCode?.Length switch
        {
            null => (5e8, 7e9),
            2 => (1e6, 2e9),
            4 => (1e5, 3e8),
            _ => (1e3, 5e7),
        };
        var dollars = Math.Exp(Math.Log(low) + (_valueRandom.NextDouble() * (Math.Log(high) - Math.Log(low))));
        if (key.Month is not null)
        {
            dollars /= 12;
        }
        return (long)(dollars * 100);
    }

    private static string? Commodity(string? hsCode) =>
        hsCode is not null && Chapters.TryGetValue(hsCode[..2], out var name) ? name : null;
}
