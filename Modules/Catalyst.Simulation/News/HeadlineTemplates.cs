using Catalyst.Simulation.Market;

namespace Catalyst.Simulation.News;

/// <summary>
/// Headline and summary templates. {T} ticker, {P} percent, {Q} quarter, {F} analyst firm, {X} price target, {A} amount
/// in millions. Wording is deliberately unambiguous so a sentiment model reads positive news as bullish and bad as bearish.
/// </summary>
internal static class HeadlineTemplates
{
    public static readonly string[] Firms =
        ["Halvorsen Capital", "Birchgate Securities", "Northlake Partners", "Mercer Ridge Research", "Stonebridge Equities"];

    public static readonly IReadOnlyDictionary<CatalystKind, (string Headline, string Summary)[]> Catalyst =
        new Dictionary<CatalystKind, (string, string)[]>
        {
            [CatalystKind.EarningsBeat] =
            [
                ("{T} crushes {Q} estimates as revenue soars {P}%, raises outlook", "{T} reported record {Q} revenue and earnings well above analyst expectations."),
                ("{T} posts blowout {Q} results, beats on top and bottom line", "Strong demand drove a surprise profit at {T}; management sounded upbeat on the call."),
                ("{T} reports record quarterly profit, smashing Wall Street forecasts", "{T} beat consensus estimates by a wide margin and expanded margins."),
            ],
            [CatalystKind.EarningsMiss] =
            [
                ("{T} misses {Q} estimates as sales slump {P}%", "{T} reported {Q} revenue and earnings well below analyst expectations."),
                ("{T} swings to a surprise {Q} loss, revenue falls short", "Weak demand and rising costs hurt {T}, which missed forecasts badly."),
                ("{T} disappoints with weak {Q} results and falling margins", "{T} badly missed consensus estimates and warned of continued pressure."),
            ],
            [CatalystKind.FdaApproval] =
            [
                ("{T} wins FDA approval for lead drug candidate", "The FDA approved {T}'s lead therapy, clearing the way for a commercial launch."),
                ("FDA grants approval to {T} treatment, shares surge", "{T} received full FDA approval after a successful late-stage trial."),
                ("{T} receives FDA breakthrough approval for its therapy", "Regulators approved {T}'s treatment ahead of schedule."),
            ],
            [CatalystKind.Acquisition] =
            [
                ("{T} to be acquired for ${X} per share in cash, a {P}% premium", "{T} agreed to be bought at a large premium to its last close."),
                ("{T} agrees to buyout at {P}% premium; board backs the deal", "The all-cash deal values {T} well above its market price."),
                ("Rival agrees to acquire {T} for ${A} million in cash", "{T} shareholders will receive ${X} per share in an all-cash acquisition."),
            ],
            [CatalystKind.GuidanceRaise] =
            [
                ("{T} raises full-year guidance on strong demand", "{T} lifted its revenue and profit outlook for the year, citing robust orders."),
                ("{T} boosts annual outlook above expectations", "Management raised guidance well above consensus after a strong start to the year."),
                ("{T} lifts forecast as orders surge {P}%", "{T} now expects record sales this year."),
            ],
            [CatalystKind.GuidanceCut] =
            [
                ("{T} slashes full-year guidance, warns of weak demand", "{T} cut its revenue and profit outlook, citing falling orders."),
                ("{T} cuts outlook below expectations as sales slow", "Management lowered guidance well below consensus."),
                ("{T} warns profit will fall sharply, cuts forecast", "{T} issued a profit warning and withdrew its prior targets."),
            ],
            [CatalystKind.AnalystUpgrade] =
            [
                ("{F} upgrades {T} to Buy, raises price target to ${X}", "{F} sees significant upside for {T} and turned bullish."),
                ("{T} upgraded to Strong Buy at {F} on accelerating growth", "{F} raised its price target on {T} to ${X}."),
                ("{F} turns bullish on {T}, sees {P}% upside", "{F} upgraded {T} to Outperform with a ${X} target."),
            ],
            [CatalystKind.AnalystDowngrade] =
            [
                ("{F} downgrades {T} to Sell, cuts price target to ${X}", "{F} turned bearish on {T}, citing deteriorating fundamentals."),
                ("{T} downgraded to Underperform at {F}", "{F} slashed its price target on {T} to ${X}."),
                ("{F} turns bearish on {T}, sees {P}% downside", "{F} downgraded {T} on slowing growth and margin pressure."),
            ],
            [CatalystKind.ContractWin] =
            [
                ("{T} wins ${A} million government contract", "{T} was awarded a multi-year contract worth ${A} million."),
                ("{T} lands record ${A} million order from major customer", "The order is the largest in {T}'s history."),
                ("{T} awarded ${A} million multi-year supply deal", "{T} expects the contract to boost revenue significantly."),
            ],
            [CatalystKind.Offering] =
            [
                ("{T} announces ${A} million stock offering, shares fall", "{T} plans to sell new shares at a steep discount, diluting holders."),
                ("{T} prices dilutive ${A} million share offering at a discount", "The offering priced well below {T}'s last close."),
                ("{T} files for ${A} million at-the-market offering", "{T} may sell up to ${A} million of new shares, diluting existing holders."),
            ],
            [CatalystKind.Legal] =
            [
                ("{T} hit with federal fraud lawsuit; regulators open probe", "Regulators opened an investigation into {T}'s accounting."),
                ("{T} loses patent case, ordered to pay ${A} million in damages", "A jury ruled against {T} in a costly patent dispute."),
                ("{T} faces class action over misleading statements", "Shareholders sued {T}, alleging it concealed problems."),
            ],
            [CatalystKind.ProductLaunch] =
            [
                ("{T} launches breakthrough product to strong early demand", "Pre-orders for {T}'s new product exceeded expectations."),
                ("{T} unveils next-generation platform, orders surge", "{T}'s launch drew record early orders from customers."),
                ("{T} debuts new flagship product, sees record pre-orders", "Analysts called {T}'s launch a major growth driver."),
            ],
        };

    public static readonly string[] RunnerFollowUps =
    [
        "{T} extends rally, shares up {P}% on heavy volume",
        "{T} breaks out to new intraday high as buyers pile in",
        "{T} surges to session high, momentum traders jump in",
    ];

    public static readonly string[] FaderFollowUps =
    [
        "{T} gives back early gains, shares slide from the open",
        "{T} fades from the highs as early buyers take profits",
        "{T} reverses lower after gap, selling pressure builds",
    ];

    public static readonly string[] DownFollowUps =
    [
        "{T} sinks to session low, down {P}% on heavy selling",
        "{T} extends losses as investors dump shares",
        "{T} tumbles further, selling accelerates",
    ];

    public static readonly string[] PremarketMovers =
    [
        "{T} shares jump {P}% in pre-market trading after the news",
        "Pre-market movers: {T} soars {P}%",
    ];

    public static readonly string[] PremarketLosers =
    [
        "{T} shares drop {P}% in pre-market trading after the news",
        "Pre-market movers: {T} plunges {P}%",
    ];

    /// <summary>Routine company news with no real information; neutral.</summary>
    public static readonly string[] Routine =
    [
        "{T} to present at upcoming investor conference",
        "{T} announces date for {Q} earnings release and conference call",
        "{T} declares regular quarterly dividend",
        "{T} appoints new chief financial officer",
        "{T} to hold annual shareholder meeting next month",
        "{T} files quarterly report with the SEC",
    ];

    /// <summary>Low-reliability chatter that does not move the stock.</summary>
    public static readonly string[] Rumors =
    [
        "Chatter: {T} could be a takeover target, traders say",
        "Unconfirmed: {T} said to be exploring strategic options",
        "Rumor: big short squeeze coming in {T}, message boards claim",
    ];

    public static readonly string[] MarketWide =
    [
        "Stock futures edge higher ahead of key inflation data",
        "Treasury yields slip as investors await jobs report",
        "Oil prices steady as traders weigh supply outlook",
        "Stocks open mixed as investors digest Fed minutes",
        "Dollar firms against major currencies in quiet trading",
        "Small caps lead early gains as risk appetite improves",
    ];
}
