"""The hand-written lexicon behind ``lib.categories`` (general knowledge, no training data).

``LEXICON[category]`` is a list of ``(weight, words)``: ``words`` are space-separated
lower-case words, or phrases joined by "_" ("prime_minister"), matched on stems.
Weight 3 = nearly decisive ("touchdown"), 2 = typical, 1 = common but ambiguous
("game", "bank", "fire"). ``NAMES[category]`` are proper names matched only when
capitalised (so "Apple" counts for Technology, "apple" does not, and the film
"Catching Fire" never counts as a fire). Editing this file changes categories only.
"""

LEXICON: dict[str, list[tuple[int, str]]] = {
    "World": [
        (
            2,
            "foreign_minister foreign ministry embassy ambassador diplomat diplomatic ceasefire "
            "insurgent insurgents militant militants rebels troops refugee refugees peacekeepers "
            "nuclear_programme nuclear_program un_security_council sanctions hostage hostages "
            "regime coup occupation airstrike airstrikes guerrilla guerrillas",
        ),
        (
            1,
            "war military army international foreign border talks peace country countries nation "
            "allies summit soldiers civilians conflict",
        ),
    ],
    "Politics": [
        (
            3,
            "prime_minister general_election election elections parliament parliamentary mps "
            "lawmakers legislators senate senator senators congressman congresswoman referendum "
            "chancellor_of_the_exchequer shadow_chancellor home_secretary opposition_leader "
            "white_house downing_street party_leader manifesto by-election",
        ),
        (
            2,
            "minister ministers government vote voters voting ballot campaign candidate candidates "
            "democrat democrats republican republicans tory tories labour liberal_democrats "
            "conservatives legislation governor cabinet politician politicians political policy "
            "constitution mayor coalition secretary_of_state secretary administration "
            "interior_secretary political_party chancellor lords peers whitehall mp lib_dems "
            "liberal_democrat home_office foreign_office",
        ),
        (1, "party president bill poll polls reform council administration"),
    ],
    "Business": [
        (
            3,
            "shares share_price stock_market stock_exchange shareholders investors profits "
            "pre-tax revenue revenues earnings quarterly dividend takeover merger acquisition "
            "chief_executive interest_rates central_bank inflation gdp economy economic economists "
            "bankruptcy oil_prices trade_deficit wall_street retailer retailers",
        ),
        (
            2,
            "company companies firm firms market markets profit sales billion stock stocks "
            "investment investor analyst analysts growth prices price dollar euro yen exports "
            "imports trade debt loans jobs unemployment consumer consumers industry business "
            "ceo chairman deal bid airline airlines manufacturer customers tax",
        ),
        (1, "bank banks million fund funds cost costs pay workers union unions"),
    ],
    "Technology": [
        (
            3,
            "software computer computers internet broadband online website web_site spam "
            "hackers hacker malware smartphone smartphones iphone ipod laptop laptops microchip "
            "processor processors search_engine operating_system file-sharing wi-fi wireless "
            "gadget gadgets cyber browser download downloads silicon_valley tech technology",
        ),
        (
            2,
            "digital users user web email e-mail mobile phones phone device devices data network "
            "networks chip chips patch vulnerability app apps console consoles video_games "
            "robot robots telecoms cable satellite_tv blog blogs gamers gaming video_game "
            "games_console mp3_player music_player dvd_player handset handsets",
        ),
        (1, "service services system systems security screen"),
    ],
    "Science": [
        (
            3,
            "scientists scientist researchers astronomers astronomer nasa telescope spacecraft "
            "planet planets mars orbit fossil fossils dinosaur dinosaurs species physicists "
            "genome dna archaeologists space_station global_warming climate_change biologists",
        ),
        (
            2,
            "research study studies space experiment discovery climate environment environmental "
            "laboratory lab moon solar energy emissions wildlife evolution gene genes",
        ),
    ],
    "Health": [
        (
            3,
            "patients disease diseases vaccine vaccines cancer hiv aids flu influenza obesity "
            "diabetes nhs surgery surgeon epidemic outbreak infection infections medical "
            "pharmaceutical clinical_trial mental_health",
        ),
        (
            2,
            "health hospital hospitals doctor doctors nurses medicine medicines drug drugs "
            "treatment clinic virus heart therapy",
        ),
        (1, "rehab"),
    ],
    "Sports": [
        (
            3,
            "football soccer basketball baseball tennis golf cricket rugby olympic olympics "
            "quarterback touchdown touchdowns playoff playoffs championship tournament striker "
            "midfielder goalkeeper innings wicket heavyweight knockout nfl nba nhl mlb premiership "
            "grand_slam world_cup coach coaches injured_reserve free_agent pitcher yards inning "
            "rebounds home_run homer linebacker shortstop running_back wide_receiver nascar "
            "formula_one grand_prix hat-trick semi-final quarter-final semifinal semifinals "
            "rookie marathon sprinter cyclist jockey unbeaten ryder_cup pga cornerback "
            "teammate teammates hamstring tourney mvp fielder baseman weightlifter swimmer "
            "gymnast gymnastics",
        ),
        (
            2,
            "team teams season match matches league cup goal goals scored victory defeat "
            "champion champions medal athlete athletes stadium squad boxing boxer points "
            "final finals penalty derby roster draft beat",
        ),
        (
            1,
            "player players game games win won race round title manager seed fans tour open "
            "contract defeated",
        ),
    ],
    "Entertainment": [
        (
            3,
            "film films movie movies actor actress actors actresses hollywood box_office oscar "
            "oscars grammy grammys album albums singer singers celebrity celebrities "
            "sequel premiere musical theatre theater sitcom comedian rapper pop_star",
        ),
        (
            2,
            "music song songs television tv festival concert award awards studio franchise "
            "books author drama comedy chart charts audience entertainment rehab band bands",
        ),
        (1, "star stars show shows series director novel book fans"),
    ],
    "Crime": [
        (
            3,
            "murder murdered murders homicide robbery robbers burglary stabbed stabbing gunman "
            "gunmen manslaughter kidnapping kidnapped convicted prosecutors prosecutor jury "
            "sentenced arraignment indicted inmate inmates fugitive shooting shootings "
            "pleaded_guilty found_guilty",
        ),
        (
            2,
            "police arrested arrest arrests suspect suspects charged charges trial court judge "
            "prison jail crime crimes criminal gang gangs theft stolen fraud shot killing victim "
            "victims detectives investigation attack bomb bombing firebomb fire-bomb mafia",
        ),
    ],
    "Disasters": [
        (
            3,
            "earthquake earthquakes quake quakes tsunami hurricane hurricanes typhoon cyclone "
            "tornado tornadoes wildfire wildfires aftershock aftershocks landslide landslides "
            "avalanche eruption volcano flooding floods magnitude death_toll firefighters "
            "derailed derailment blaze",
        ),
        (
            2,
            "flood storm storms disaster disasters explosion collapse collapsed evacuated "
            "evacuation rescue rescuers survivors debris richter_scale drought famine crash",
        ),
        (1, "fire fires damage destroyed"),
    ],
}

NAMES: dict[str, str] = {
    "World": "UN NATO Iraq Iraqi Iran Iranian Afghanistan Afghan Israel Israeli Palestinian Palestinians "
    "Gaza Syria Syrian Lebanon Pakistan Pakistani Sudan Darfur Kabul Baghdad Tehran Beijing "
    "Kremlin Taliban Hamas Hezbollah",
    "Politics": "Labour Tory Tories Conservatives Democrats Republicans Senate Congress Parliament "
    "Westminster Commons GOP Watergate",
    "Business": "Nasdaq Dow FTSE OPEC WTO IMF Fed Euro",
    "Technology": "Microsoft Google Apple IBM Intel Yahoo Linux Windows Xbox PlayStation Nintendo Sony "
    "Nokia Motorola Oracle Internet Explorer Firefox iTunes AOL eBay Amazon Facebook Twitter",
    "Science": "NASA Hubble Mars Saturn Jupiter ESA",
    "Health": "FDA WHO NHS",
    "Sports": "NFL NBA NHL NCAA FIFA UEFA Olympics Wimbledon Premiership Bowl",
    "Entertainment": "Hollywood Oscar Oscars Grammy Grammys Emmy Broadway MTV BAFTA Bafta",
    "Crime": "FBI",
    "Disasters": "FEMA",
}
