"""Dates and date ranges as CVs write them (no Odoo, no model).

``find_ranges(line)`` -> list of DateRange found in a line: "Jan 2019 - Present",
"2017-03 to 2020-11", "03/2018 - 06/2021", "2015 - 2018", "since 2020", "May '19 - now",
"September 2016 until March 2018", "2019/04 - 2020/01", "04.2016 - 12.2017", "2012 – 14".
A date is (year, month or None); an open end (present, now, current...) is ``current``.
"""
import collections
import datetime
import re

DateRange = collections.namedtuple("DateRange", "start end current span")

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR4 = r"(?:19[5-9]\d|20[0-4]\d)"
_YEAR = r"(?:" + _YEAR4 + r"|['\u2019\u2018`]\d{2})"
# one date, most specific first
_DATE = (
    r"(?:" + _MONTH + r"[\s,]*" + _YEAR +                   # Jan 2019, May '19, September, 2016
    r"|" + _YEAR4 + r"\s*[-/.]\s*(?:0?[1-9]|1[0-2])(?![\d])" +  # 2017-03, 2019/04
    r"|(?:0?[1-9]|1[0-2])\s*[/.-]\s*" + _YEAR4 +          # 03/2018, 04.2016, 3-2018
    r"|" + _YEAR +                                        # 2015, '19
    r")"
)
_OPEN = r"(?:present|current(?:ly)?|now|today|to date|date|ongoing|till date|till now|continuing)"
_SEP = r"\s*(?:-{1,2}|\u2013|\u2014|\u2012|\u2212|~|to|until|till|through|thru|bis|\u00e0|a|au|>|\u2192)\s*"
_RANGE_RE = re.compile(
    r"(?<![\w/.-])(?:(?:from|since)\s+)?(?P<a>" + _DATE + r")" + _SEP +
    r"(?P<b>" + _DATE + r"|" + _OPEN + r"|\d{2}(?!\d))(?![\w/])",
    re.I,
)
_SINCE_RE = re.compile(r"\b(?:since|from|started)\s+(?P<a>" + _DATE + r")(?![\w/]|\s*" + _SEP.strip(r"\s*") + r")",
                       re.I)
_SINGLE_RE = re.compile(r"(?<![\w/.-])(?P<a>" + _DATE + r")(?![\w/])", re.I)
_MONTH_RE = re.compile(_MONTH, re.I)
_Y4_RE = re.compile(_YEAR4)
DIGIT_RE = re.compile(r"\d")  # every date has one; so has a phone number (ml.cv.structure)


def _year(text, ref=None):
    text = text.strip()
    m = _Y4_RE.search(text)
    if m:
        return int(m.group(0))
    digits = re.sub(r"\D", "", text)[-2:]
    if len(digits) != 2:
        return None
    two = int(digits)
    if ref:  # "2012 - 14": same century as the start
        return ref // 100 * 100 + two
    return 2000 + two if two <= (datetime.date.today().year % 100) + 1 else 1900 + two


def parse_date(text, ref_year=None):
    """(year, month or None) of one date written any of the ways above, else None."""
    text = (text or "").strip().lower().rstrip(".")
    if not text:
        return None
    m = _MONTH_RE.match(text)
    if m:
        word = m.group(0).rstrip(".").lower()
        month = MONTHS.get(word) or MONTHS.get(word[:3])
        year = _year(text[m.end():], ref_year)
        return (year, month) if year else None
    m = re.fullmatch(r"(" + _YEAR4 + r")\s*[-/.]\s*(\d{1,2})", text)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.fullmatch(r"(\d{1,2})\s*[-/.]\s*(" + _YEAR4 + r")", text)
    if m:
        return int(m.group(2)), int(m.group(1))
    if re.fullmatch(r"\d{2}", text) and ref_year:
        return _year(text, ref_year), None
    year = _year(text, ref_year)
    return (year, None) if year else None


def _open(text):
    return bool(re.fullmatch(_OPEN, text.strip(), re.I))


def find_ranges(line):
    """DateRange(start, end, current, span) for every date range of a line, in order. A lone
    date after "since"/"from" is an open range; other lone dates are not returned here."""
    if not line or not DIGIT_RE.search(line):
        return []   # every date has digits: most lines of a CV have none
    out, taken = [], []
    for m in _RANGE_RE.finditer(line or ""):
        start = parse_date(m.group("a"))
        if not start:
            continue
        b = m.group("b")
        if _open(b):
            out.append(DateRange(start, None, True, m.span()))
        else:
            end = parse_date(b, ref_year=start[0])
            if not end or end < (start[0], 0):
                continue
            # "2012 - 14" must read as 2012-2014, a bare "- 14" with a month start is odd: skip it
            out.append(DateRange(start, end, False, m.span()))
        taken.append(m.span())
    for m in _SINCE_RE.finditer(line or ""):
        if any(a <= m.start() < b for a, b in taken):
            continue
        start = parse_date(m.group("a"))
        if start:
            out.append(DateRange(start, None, True, m.span()))
    out.sort(key=lambda r: r.span)
    return out


def find_years(line):
    """4-digit years of a line (education end years, lone dates)."""
    return [int(y) for y in re.findall(r"(?<!\d)(" + _YEAR4 + r")(?!\d)", line or "")]


def find_single_dates(line):
    """Lone dates (not part of a range) of a line as ((year, month), span)."""
    ranges = [r.span for r in find_ranges(line)]
    out = []
    for m in _SINGLE_RE.finditer(line or ""):
        if any(a <= m.start() < b for a, b in ranges):
            continue
        d = parse_date(m.group("a"))
        if d and (len(m.group("a")) > 3 or m.group("a")[:1] in "'\u2019\u2018`"):
            out.append((d, m.span()))
    return out


def month_index(date, end=False):
    """Month number of a date for interval arithmetic: [start, end) in months, the end month
    included; a year without a month counts from (and to) the middle of that year, so
    "2015 - 2018" spans 36 months and "Jan 2019 - Dec 2019" 12."""
    year, month = date
    if month is None:
        return year * 12 + 6
    return year * 12 + (month if end else month - 1)


def covered_months(spans):
    """Months covered by [start, end) month spans (``month_index``), overlapping periods counted
    once: two jobs held at the same time are not twice the experience."""
    total, cur_a, cur_b = 0, None, None
    for a, b in sorted(spans):
        if cur_b is None or a > cur_b:
            total += (cur_b - cur_a) if cur_b is not None else 0
            cur_a, cur_b = a, b
        else:
            cur_b = max(cur_b, b)
    return total + (max(0, cur_b - cur_a) if cur_b is not None else 0)


def today_date(today=None):
    today = today or datetime.date.today()
    return today.year, today.month
