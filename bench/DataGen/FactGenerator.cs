using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.Common;
using RelationsApi.Domain.Events;
using RelationsApi.Domain.Flights;

namespace RelationsApi.DataGen;

/// <summary>
/// Events, flights and agreements that read like the real thing, built from a small vocabulary with a fixed seed.
/// Every title or summary names one or two <see cref="Topics"/>; the text search benchmark (bench/wrk/search.lua)
/// looks for the same words, so keep the two lists in step.
/// </summary>
internal sealed class FactGenerator(int seed)
{
    /// <summary>A subject of cooperation: the word a search finds it by, and how a sentence names it.</summary>
    private sealed record Topic(string Word, string Phrase);

    private static readonly Topic[] Topics =
    [
        new("energy", "energy security"),
        new("uranium", "uranium supply"),
        new("hydrogen", "green hydrogen projects"),
        new("semiconductor", "semiconductor supply chains"),
        new("minerals", "critical minerals"),
        new("logistics", "Trans-Caspian logistics"),
        new("investment", "investment protection"),
        new("education", "education and student exchanges"),
        new("tourism", "tourism and visa-free travel"),
        new("medicine", "medicine and telehealth"),
        new("agriculture", "agriculture and food security"),
        new("culture", "culture and the arts"),
        new("digital", "digital government services"),
        new("railway", "railway modernisation"),
        new("space", "space research"),
        new("koryo", "the heritage of the Koryo-saram community"),
    ];

    /// <summary>Some summaries quote a Russian phrase, so searches in Cyrillic find something too.</summary>
    private const string RussianQuote = "Стороны отметили, что казахстанско-корейское сотрудничество продолжает расширяться.";
    private const string KazakhQuote = "Тараптар Қазақстан мен Корея арасындағы ынтымақтастықтың кеңейіп келе жатқанын атап өтті.";
    private const string KoreanQuote = "양측은 카자흐스탄과 한국의 협력이 계속 확대되고 있다고 밝혔다.";

    private static readonly (string Country, string[] Cities)[] Places =
    [
        ("KZ", ["Almaty", "Astana", "Shymkent", "Aktau", "Karaganda", "Atyrau"]),
        ("KR", ["Seoul", "Busan", "Incheon", "Daejeon", "Gwangju", "Ulsan"]),
        ("UZ", ["Tashkent"]),
        ("JP", ["Tokyo"]),
        ("CH", ["Geneva"]),
        ("US", ["New York"]),
    ];

    private static readonly string[] Venues =
    [
        "Palace of Independence", "Lotte Hotel", "COEX Convention Center", "Kazakh-British Technical University",
        "Korean Cultural Centre", "Astana International Financial Centre", "BEXCO", "Rixos Hotel",
    ];

    private static readonly string[] Participants =
    [
        "Ministry of Foreign Affairs of Kazakhstan", "Ministry of Foreign Affairs of Korea", "Ministry of Energy of Kazakhstan",
        "Ministry of Trade, Industry and Energy of Korea", "Kazakh Invest", "KOTRA", "Korea Eximbank", "KAIST",
        "Al-Farabi Kazakh National University", "Embassy of Kazakhstan in Seoul", "Embassy of Korea in Astana",
        "Korean Cultural Centre in Almaty", "Ассоциация корейцев Казахстана", "Samruk-Kazyna", "Korea Tourism Organization",
    ];

    private static readonly string[] EventForms =
    [
        "Forum on {0} opens in {1}",
        "Business delegation discusses {0} in {1}",
        "Round table on {0} held in {1}",
        "Working group meets on {0} in {1}",
        "Exhibition on {0} in {1}",
        "Intergovernmental committee reviews {0} in {1}",
    ];

    private static readonly Source[] Citations =
    [
        new("Synthetic benchmark data: press release", url: "https://example.org/bench/press", publishedOn: new DateOnly(2024, 5, 20)),
        new("Synthetic benchmark data: news digest", publishedOn: new DateOnly(2023, 11, 2)),
        new("Synthetic benchmark data: ministry bulletin"),
    ];

    private static readonly (string Country, string[] Airports)[] Airports =
    [
        ("KZ", ["ALA", "NQZ", "CIT", "SCO", "GUW", "AKX", "URA", "KGF", "UKK", "PLX"]),
        ("KR", ["ICN", "GMP", "PUS", "CJU", "TAE", "CJJ", "SEL"]),
    ];

    private static readonly Airline[] Airlines =
    [
        new("KC", "Air Astana"), new("FS", "FlyArystan"), new("DV", "SCAT Airlines"), new("IQ", "Qazaq Air"),
        new("KE", "Korean Air"), new("OZ", "Asiana Airlines"), new("7C", "Jeju Air"), new("TW", "T'way Air"),
        new("LJ", "Jin Air"), new("BX", "Air Busan"),
    ];

    private static readonly string[] ThirdParties = ["UZ", "KG", "TJ", "MN", "JP", "AZ", "TR"];

    private readonly Random _events = new(seed + 10);
    private readonly Random _flights = new(seed + 11);
    private readonly Random _agreements = new(seed + 12);

    public Event NextEvent()
    {
        var rng = _events;
        var topic = Pick(rng, Topics);
        var other = Topics[(Array.IndexOf(Topics, topic) + rng.Next(1, Topics.Length)) % Topics.Length];   // never the same
        var (country, cities) = rng.Next(10) switch
        {
            < 5 => Places[0],
            < 9 => Places[1],
            _ => Pick(rng, Places),
        };
        var city = Pick(rng, cities);
        var date = RandomPartialDate(rng, 1992, 2025);
        var title = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(rng, EventForms), topic.Phrase, city);
        var summary = rng.Next(10) == 0
            ? null
            : $"Officials and experts from Kazakhstan and Korea met in {city} to discuss {topic.Phrase}; the talks also covered "
                + $"{other.Phrase}. The sides agreed on next steps and plan to meet again in {date.Year + 1}."
                + (rng.Next(8) == 0 ? " " + RussianQuote : "")
                + (rng.Next(8) == 0 ? " " + KazakhQuote : "")
                + (rng.Next(8) == 0 ? " " + KoreanQuote : "");

        var item = new Event(title, Pick(rng, Enum.GetValues<EventCategory>()), date, country);
        item.Describe(title, summary, item.Category);
        PartialDate? endDate = date.Precision == PartialDatePrecision.Day && rng.Next(5) == 0
            ? new PartialDate(date.Start.AddDays(rng.Next(1, 5)))
            : null;
        item.SetDates(date, endDate);
        item.SetPlace(country, city, rng.Next(3) == 0 ? Pick(rng, Venues) : null);
        item.SetParticipants(Enumerable.Range(0, rng.Next(0, 4)).Select(_ => Pick(rng, Participants)).Distinct());
        item.SetSources([Pick(rng, Citations)]);
        return item;
    }

    public Flight NextFlight()
    {
        var rng = _flights;
        var (kz, kr) = (Pick(rng, Airports[0].Airports), Pick(rng, Airports[1].Airports));
        var (origin, destination) = rng.Next(2) == 0 ? (kz, kr) : (kr, kz);
        var status = rng.Next(10) switch
        {
            < 5 => FlightStatus.Operating,
            < 7 => FlightStatus.Planned,
            < 9 => FlightStatus.Suspended,
            _ => FlightStatus.Discontinued,
        };
        var airlineCount = status == FlightStatus.Operating ? rng.Next(1, 4) : rng.Next(0, 3);
        // Fresh instances: EF Core tracks an owned object by reference, so one instance shared by two flights is saved once.
        var airlines = Enumerable.Range(0, airlineCount).Select(_ => Pick(rng, Airlines)).Distinct()
            .Select(a => new Airline(a.Code, a.Name)).ToList();
        var weekly = status == FlightStatus.Operating ? rng.Next(1, 22) : rng.Next(0, 8);

        var flight = new Flight(origin, destination, status, airlines, weekly);
        DateOnly? validFrom = rng.Next(4) == 0 ? null : new DateOnly(rng.Next(2005, 2026), rng.Next(1, 13), rng.Next(1, 29));
        DateOnly? validTo = validFrom is { } from && rng.Next(3) == 0 ? from.AddDays(rng.Next(30, 720)) : null;
        flight.SetSchedule(rng.Next(5) == 0 ? null : rng.Next(300, 480), validFrom, validTo);
        flight.SetSources([Pick(rng, Citations)]);
        return flight;
    }

    public Agreement NextAgreement()
    {
        var rng = _agreements;
        var topic = Pick(rng, Topics);
        var type = Pick(rng, Enum.GetValues<AgreementType>());
        var status = Pick(rng, Enum.GetValues<AgreementStatus>());
        var title = $"{type} on cooperation in {topic.Phrase}";
        var summary = rng.Next(4) == 0 ? null : $"Sets out how Kazakhstan and Korea will work together on {topic.Phrase}.";

        var agreement = new Agreement(title, type, status);
        agreement.Describe(title, type, summary);
        PartialDate? signed = Agreement.IsStillDiscussed(status) || rng.Next(5) == 0 ? null : RandomPartialDate(rng, 1992, 2025);
        // In force from the signing year or the next: never before the signing date.
        PartialDate? effective = signed is { } s && rng.Next(2) == 0 ? new PartialDate(Math.Min(s.Year + rng.Next(0, 2), 2025)) : null;
        agreement.SetStatus(status, signed, effective);
        agreement.SetParties(rng.Next(6) == 0 ? ["KZ", "KR", Pick(rng, ThirdParties)] : ["KZ", "KR"]);
        agreement.SetSources([Pick(rng, Citations)]);
        return agreement;
    }

    /// <summary>A date known to the year (1 in 5), the month (1 in 5) or the day.</summary>
    private static PartialDate RandomPartialDate(Random rng, int fromYear, int toYear)
    {
        var year = rng.Next(fromYear, toYear + 1);
        return rng.Next(5) switch
        {
            0 => new PartialDate(year),
            1 => new PartialDate(year, rng.Next(1, 13)),
            _ => new PartialDate(year, rng.Next(1, 13), rng.Next(1, 29)),
        };
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
