"""EDGAR's state and country codes (``DE``, ``X1``, ``V8``): the one list every era shares.

An XML-era filing writes a reporting person's citizenship as one of these codes; a legacy text or
HTML filing writes words ("Delaware", "The Netherlands"). ``citizenship`` is the place in words and
``citizenship_code`` the code whatever the era (see docs/xml-mapping.md):

- :func:`name_of` decodes a code to the name the list gives it, as the list writes it;
- :func:`code_of` finds the code of words that match exactly one entry, else None: a guess would
  be a wrong fact in a column that spans thirty years.

The table is EDGAR's ``eis_stateCodes.xsd`` (version X0301, the enumeration of the simple type
``STATE_COUNTRY_CODE``, each code with the name its comment gives), copied as ``CODE NAME`` lines
in the file's order so that the package needs no schema file at run time.
"""

from __future__ import annotations

import functools
import re

_TABLE = """\
AL ALABAMA
AK ALASKA
AZ ARIZONA
AR ARKANSAS
CA CALIFORNIA
CO COLORADO
CT CONNECTICUT
DE DELAWARE
DC DISTRICT OF COLUMBIA
FL FLORIDA
GA GEORGIA
HI HAWAII
ID IDAHO
IL ILLINOIS
IN INDIANA
IA IOWA
KS KANSAS
KY KENTUCKY
LA LOUISIANA
ME MAINE
MD MARYLAND
MA MASSACHUSETTS
MI MICHIGAN
MN MINNESOTA
MS MISSISSIPPI
MO MISSOURI
MT MONTANA
NE NEBRASKA
NV NEVADA
NH NEW HAMPSHIRE
NJ NEW JERSEY
NM NEW MEXICO
NY NEW YORK
NC NORTH CAROLINA
ND NORTH DAKOTA
OH OHIO
OK OKLAHOMA
OR OREGON
PA PENNSYLVANIA
RI RHODE ISLAND
SC SOUTH CAROLINA
SD SOUTH DAKOTA
TN TENNESSEE
TX TEXAS
X1 UNITED STATES
UT UTAH
VT VERMONT
VA VIRGINIA
WA WASHINGTON
WV WEST VIRGINIA
WI WISCONSIN
WY WYOMING
A0 ALBERTA, CANADA
A1 BRITISH COLUMBIA, CANADA
A2 MANITOBA, CANADA
A3 NEW BRUNSWICK, CANADA
A4 NEWFOUNDLAND, CANADA
A5 NOVA SCOTIA, CANADA
A6 ONTARIO, CANADA
A7 PRINCE EDWARD ISLAND, CANADA
A8 QUEBEC, CANADA
A9 SASKATCHEWAN, CANADA
B0 YUKON, CANADA
Z4 CANADA (FEDERAL LEVEL)
B2 AFGHANISTAN
Y6 ALAND ISLANDS
B3 ALBANIA
B4 ALGERIA
B5 AMERICAN SAMOA
B6 ANDORRA
B7 ANGOLA
1A ANGUILLA
B8 ANTARCTICA
B9 ANTIGUA AND BARBUDA
C1 ARGENTINA
1B ARMENIA
1C ARUBA
C3 AUSTRALIA
C4 AUSTRIA
1D AZERBAIJAN
C5 BAHAMAS
C6 BAHRAIN
C7 BANGLADESH
C8 BARBADOS
1F BELARUS
C9 BELGIUM
D1 BELIZE
G6 BENIN
D0 BERMUDA
D2 BHUTAN
D3 BOLIVIA
1E BOSNIA AND HERZEGOVINA
B1 BOTSWANA
D4 BOUVET ISLAND
D5 BRAZIL
D6 BRITISH INDIAN OCEAN TERRITORY
D9 BRUNEI DARUSSALAM
E0 BULGARIA
X2 BURKINA FASO
E2 BURUNDI
E3 CAMBODIA
E4 CAMEROON
E8 CAPE VERDE
E9 CAYMAN ISLANDS
F0 CENTRAL AFRICAN REPUBLIC
F2 CHAD
F3 CHILE
F4 CHINA
F6 CHRISTMAS ISLAND
F7 COCOS (KEELING) ISLANDS
F8 COLOMBIA
F9 COMOROS
G0 CONGO
Y3 CONGO, THE DEMOCRATIC REPUBLIC OF THE
G1 COOK ISLANDS
G2 COSTA RICA
L7 COTE D'IVOIRE
1M CROATIA
G3 CUBA
G4 CYPRUS
2N CZECH REPUBLIC
G7 DENMARK
1G DJIBOUTI
G9 DOMINICA
G8 DOMINICAN REPUBLIC
H1 ECUADOR
H2 EGYPT
H3 EL SALVADOR
H4 EQUATORIAL GUINEA
1J ERITREA
1H ESTONIA
H5 ETHIOPIA
H7 FALKLAND ISLANDS (MALVINAS)
H6 FAROE ISLANDS
H8 FIJI
H9 FINLAND
I0 FRANCE
I3 FRENCH GUIANA
I4 FRENCH POLYNESIA
2C FRENCH SOUTHERN TERRITORIES
I5 GABON
I6 GAMBIA
2Q GEORGIA (COUNTRY)
2M GERMANY
J0 GHANA
J1 GIBRALTAR
J3 GREECE
J4 GREENLAND
J5 GRENADA
J6 GUADELOUPE
GU GUAM
J8 GUATEMALA
Y7 GUERNSEY
J9 GUINEA
S0 GUINEA-BISSAU
K0 GUYANA
K1 HAITI
K4 HEARD ISLAND AND MCDONALD ISLANDS
X4 HOLY SEE (VATICAN CITY STATE)
K2 HONDURAS
K3 HONG KONG
K5 HUNGARY
K6 ICELAND
K7 INDIA
K8 INDONESIA
K9 IRAN, ISLAMIC REPUBLIC OF
L0 IRAQ
L2 IRELAND
Y8 ISLE OF MAN
L3 ISRAEL
L6 ITALY
L8 JAMAICA
M0 JAPAN
Y9 JERSEY
M2 JORDAN
1P KAZAKSTAN
M3 KENYA
J2 KIRIBATI
M4 KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF
M5 KOREA, REPUBLIC OF
M6 KUWAIT
1N KYRGYZSTAN
M7 LAO PEOPLE'S DEMOCRATIC REPUBLIC
1R LATVIA
M8 LEBANON
M9 LESOTHO
N0 LIBERIA
N1 LIBYAN ARAB JAMAHIRIYA
N2 LIECHTENSTEIN
1Q LITHUANIA
N4 LUXEMBOURG
N5 MACAU
1U MACEDONIA, THE FORMER YUGOSLAV REPUBLIC OF
N6 MADAGASCAR
N7 MALAWI
N8 MALAYSIA
N9 MALDIVES
O0 MALI
O1 MALTA
1T MARSHALL ISLANDS
O2 MARTINIQUE
O3 MAURITANIA
O4 MAURITIUS
2P MAYOTTE
O5 MEXICO
1K MICRONESIA, FEDERATED STATES OF
1S MOLDOVA, REPUBLIC OF
O9 MONACO
P0 MONGOLIA
Z5 MONTENEGRO
P1 MONTSERRAT
P2 MOROCCO
P3 MOZAMBIQUE
E1 MYANMAR
T6 NAMIBIA
P5 NAURU
P6 NEPAL
P7 NETHERLANDS
P8 NETHERLANDS ANTILLES
1W NEW CALEDONIA
Q2 NEW ZEALAND
Q3 NICARAGUA
Q4 NIGER
Q5 NIGERIA
Q6 NIUE
Q7 NORFOLK ISLAND
1V NORTHERN MARIANA ISLANDS
Q8 NORWAY
P4 OMAN
R0 PAKISTAN
1Y PALAU
1X PALESTINIAN TERRITORY, OCCUPIED
R1 PANAMA
R2 PAPUA NEW GUINEA
R4 PARAGUAY
R5 PERU
R6 PHILIPPINES
R8 PITCAIRN
R9 POLAND
S1 PORTUGAL
PR PUERTO RICO
S3 QATAR
S4 REUNION
S5 ROMANIA
1Z RUSSIAN FEDERATION
S6 RWANDA
Z0 SAINT BARTHELEMY
U8 SAINT HELENA
U7 SAINT KITTS AND NEVIS
U9 SAINT LUCIA
Z1 SAINT MARTIN
V0 SAINT PIERRE AND MIQUELON
V1 SAINT VINCENT AND THE GRENADINES
Y0 SAMOA
S8 SAN MARINO
S9 SAO TOME AND PRINCIPE
T0 SAUDI ARABIA
T1 SENEGAL
Z2 SERBIA
T2 SEYCHELLES
T8 SIERRA LEONE
U0 SINGAPORE
2B SLOVAKIA
2A SLOVENIA
D7 SOLOMON ISLANDS
U1 SOMALIA
T3 SOUTH AFRICA
1L SOUTH GEORGIA AND THE SOUTH SANDWICH ISLANDS
U3 SPAIN
F1 SRI LANKA
V2 SUDAN
V3 SURINAME
L9 SVALBARD AND JAN MAYEN
V6 SWAZILAND
V7 SWEDEN
V8 SWITZERLAND
V9 SYRIAN ARAB REPUBLIC
F5 TAIWAN
2D TAJIKISTAN
W0 TANZANIA, UNITED REPUBLIC OF
W1 THAILAND
Z3 TIMOR-LESTE
W2 TOGO
W3 TOKELAU
W4 TONGA
W5 TRINIDAD AND TOBAGO
W6 TUNISIA
W8 TURKEY
2E TURKMENISTAN
W7 TURKS AND CAICOS ISLANDS
2G TUVALU
W9 UGANDA
2H UKRAINE
C0 UNITED ARAB EMIRATES
X0 UNITED KINGDOM
2J UNITED STATES MINOR OUTLYING ISLANDS
X3 URUGUAY
2K UZBEKISTAN
2L VANUATU
X5 VENEZUELA
Q1 VIET NAM
D8 VIRGIN ISLANDS, BRITISH
VI VIRGIN ISLANDS, U.S.
X8 WALLIS AND FUTUNA
U5 WESTERN SAHARA
T7 YEMEN
Y4 ZAMBIA
Y5 ZIMBABWE
XX UNKNOWN
C2 ASHMORE & CARTIER IS
E5 CANAL ZONE
E7 CANTON/ENDERBURY IS
G5 CZECHOSLOVAKIA
I7 GAZA STRIP
X9 GERMANY (BERLIN)
I8 GERMANY (WEST)
I9 GERMANY, FED. REP.
L1 IRAQ-SAUDI
L4 ISRAEL-JORDAN
L5 ISRAEL-SYRIA
M1 JOHNSTON ATOLL
O6 MIDWAY ISLAND
Q9 PACIFIC ISLANDS TRU
R3 PARACEL ISLANDS
T4 SOUTHERN RHODESIA
U2 SOVIET UNION
U4 SPANISH NORTH AFRICA
U6 SPRATLY ISLAND
X7 WAKE ISLAND
2F EAST TIMOR
Y2 YUGOSLAVIA
"""

# Common ways filings write a place that the list names otherwise. Each is unambiguous: a filing
# writing "United States of America" means the entry the list calls UNITED STATES.
_ALIASES = {
    "UNITED STATES OF AMERICA": "X1",
    "USA": "X1",
    "US": "X1",
    "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND": "X0",
    "GREAT BRITAIN": "X0",
    "ENGLAND AND WALES": "X0",
    "ENGLAND": "X0",
    "SCOTLAND": "X0",
    "UK": "X0",
    "BRITISH VIRGIN ISLANDS": "D8",
    "BVI": "D8",
    "CAYMAN ISLANDS BWI": "E9",
    "CAYMAN ISLANDS BRITISH WEST INDIES": "E9",
    "REPUBLIC OF KOREA": "M5",
    "SOUTH KOREA": "M5",
    "PEOPLE'S REPUBLIC OF CHINA": "F4",
    "PRC": "F4",
    "HONG KONG SAR": "K3",
    "GRAND DUCHY OF LUXEMBOURG": "N4",
    "REPUBLIC OF THE MARSHALL ISLANDS": "1T",
    "REPUBLIC OF IRELAND": "L2",
    "REPUBLIC OF PANAMA": "R1",
    "REPUBLIC OF SINGAPORE": "U0",
    "JERSEY CHANNEL ISLANDS": "Y9",
    "GUERNSEY CHANNEL ISLANDS": "Y7",
    "TAIWAN ROC": "F5",
    "TAIWAN REPUBLIC OF CHINA": "F5",
    "REPUBLIC OF CHINA (TAIWAN)": "F5",
}
_NOT_WORD = re.compile(r"[^A-Z0-9()&' -]+")
_QUALIFIER = re.compile(r"\s*\([^)]*\)")


@functools.cache
def codes() -> dict[str, str]:
    """Code -> name, in the list's order."""
    table: dict[str, str] = {}
    for line in _TABLE.splitlines():
        code, _, name = line.partition(" ")
        table[code] = name
    return table


def name_of(code: str) -> str | None:
    """The list's name for ``code`` (``DE`` -> ``DELAWARE``), None for a code not in the list."""
    return codes().get(code.strip().upper())


def _key(words: str) -> str:
    """Words compared case-blind, without punctuation, a leading "The", "State of",
    "Commonwealth of", "Province of" or "Kingdom of", or a trailing "citizen(s)"."""
    # (An apostrophe may be left out: "Peoples Republic of China".)
    text = _NOT_WORD.sub(" ", words.upper().replace(".", "").replace("'", ""))
    text = " ".join(text.split())
    # A footnote mark written against the place ("Delaware (1)", "Delaware(a)") is not part of it.
    while text.endswith(")") and "(" in text:
        head, _, mark = text[:-1].rpartition("(")
        if not (mark.strip().isdigit() or len(mark.strip()) == 1):
            break
        text = head.rstrip()
    # (In this order: "Commonwealth of the Bahamas", "Province of Ontario, Canada".)
    for prefix in ("THE ", "STATE OF ", "COMMONWEALTH OF ", "PROVINCE OF ", "KINGDOM OF ", "THE "):
        text = text.removeprefix(prefix)
    for suffix in (" CITIZENS", " CITIZEN"):
        text = text.removesuffix(suffix)
    return text


@functools.cache
def _by_name() -> dict[str, str | None]:
    """Matching key -> code; None where two entries share the key (ambiguous). An entry is found
    by its whole name ("GEORGIA (COUNTRY)") and, where no whole name is the same, by its name
    without the qualifier in parentheses ("COCOS ISLANDS")."""
    whole: dict[str, str] = {_key(name): code for code, name in codes().items()}
    short: dict[str, str | None] = {}
    for code, name in codes().items():
        # "GEORGIA (COUNTRY)" -> "GEORGIA"; "ONTARIO, CANADA" -> "ONTARIO" (a province alone)
        for stripped in {_key(_QUALIFIER.sub("", name)), _key(name.removesuffix(", CANADA"))}:
            if stripped in whole:
                continue
            short[stripped] = None if short.get(stripped, code) != code else code
    return {**short, **whole, **{_key(alias): code for alias, code in _ALIASES.items()}}


def code_of(words: str | None) -> str | None:
    """The code whose name ``words`` match unambiguously (``Delaware`` -> ``DE``,
    ``The Netherlands`` -> ``P7``), else None. Only whole names match: "Delaware limited
    partnership" is not a place name, and "New York, USA" is two."""
    if not words:
        return None
    return _by_name().get(_key(words))
