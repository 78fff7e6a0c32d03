"""Demo performance reviews: one quarterly review per demo employee over the last 12 months.

Each employee has a latent level per dimension that drifts over the year (a few improve, a few
slip), so the trend graph has something to show. Sentences come from the pools below (written
for the demo, separate from the labelled set in ml/review/data); a few vague, personality and
identity remarks are sprinkled in so that the fair-language checks have something to flag.
{n} is the first name; {he}/{He}/{his}/{him} the pronouns, picked from he / she / they.
The rating is the demo reviewer's (drawn from the latent levels): the AI never sets it.
"""
import datetime
import random

POOLS = {
    "quality": (
        ["{n} delivered the quarter's work with almost no corrections needed.",
         "The last audit of {his} files found no errors.",
         "Customers returned none of the orders {n} prepared this quarter."],
        ["Several of {his} reports this quarter had to be corrected before they went out.",
         "{n}'s work came back from review three times with the same kind of mistake.",
         "Two customers complained about errors in the orders {he} prepared."]),
    "productivity": (
        ["{n} cleared {his} backlog two weeks ahead of plan.",
         "{He} handled more cases this quarter than anyone else on the team.",
         "{n} automated a weekly report and saved the team about three hours a week."],
        ["{His} backlog grew every month this quarter.",
         "{n} finished about half of the planned tasks by the end of the quarter.",
         "Orders waited on {his} desk for several days before being processed."]),
    "collaboration": (
        ["{n} helped two new colleagues settle in and answered their questions patiently.",
         "{He} covered shifts for the other team when they were short-staffed.",
         "{n} shares {his} templates and notes with the whole department."],
        ["{n} rarely answers messages from the other teams, who then escalate.",
         "{He} changed the shared plan without telling the others.",
         "Colleagues redo {his} part of the joint reports before they are sent."]),
    "communication": (
        ["{His} weekly updates are short and say exactly what is blocked.",
         "{n} explained the new process to the team clearly, and the questions stopped.",
         "Customers say {his} written replies are clear and friendly."],
        ["{n} did not tell anyone that the delivery date had moved.",
         "{His} emails leave out the key details, so clients call back.",
         "{He} did not keep the tickets up to date, so customers did not know where things stood."]),
    "initiative": (
        ["{n} proposed a change to the rota that the whole site adopted.",
         "Without being asked, {he} fixed the booking form that confused customers.",
         "{n} started a short monthly session where the team shares useful tools."],
        ["{n} waited for instructions even when the next step was clear.",
         "{He} saw the stock falling for weeks but did not raise it.",
         "{n} has not suggested any change to the process {he} runs every day."]),
    "leadership": (
        ["{n} coached a junior colleague who now runs the weekly planning.",
         "{He} set clear goals with each person and followed up every two weeks.",
         "{n} took charge when the system failed and kept the team working."],
        ["{n} cancelled most of the one-to-ones with {his} team this quarter.",
         "{His} team did not know their priorities because they changed every week.",
         "Decisions waited on {his} desk for weeks."]),
    "expertise": (
        ["{n} is the person everyone asks about the new regulations, and {his} answers are right.",
         "{He} learned the new software within a month and now trains others.",
         "{n} diagnosed a fault the supplier could not find."],
        ["{n} still needs help with the basic functions of the new system.",
         "{He} gave a customer wrong information about the warranty terms.",
         "{n} could not answer the auditors' questions about {his} own process."]),
    "reliability": (
        ["{n} met every deadline this quarter.",
         "When {he} promises a call back, the customer gets it.",
         "{n}'s monthly checks were all done on time."],
        ["{n} missed two deadlines this quarter without warning anyone.",
         "{He} forgot to order the spare parts, and the line stopped for a day.",
         "{His} timesheets were late most weeks."]),
}
EXTRAS = {
    "vague": ["Great job overall.", "{n} needs to step up.", "Keep up the good work!", "Could do better."],
    "personality": ["{n} can be a bit bossy.", "{He} is too emotional in meetings.", "{n} is abrasive with colleagues."],
    "identity": ["Since coming back from parental leave {he} has been less focused.",
                 "{n} is young for such a responsible role.", "{He} has young children, so travel is hard."],
}
PRONOUNS = [
    {"he": "he", "He": "He", "his": "his", "His": "His", "him": "him"},
    {"he": "she", "He": "She", "his": "her", "His": "Her", "him": "her"},
    {"he": "they", "He": "They", "his": "their", "His": "Their", "him": "them"},
]
QUARTERS_DAYS_AGO = (330, 240, 150, 60)


def _fill(text, first, pron):
    out = text.format(n=first, **pron)
    if pron["he"] == "they":  # "they is" -> "they are"
        out = out.replace("they is", "they are").replace("They is", "They are").replace("they has", "they have")
        out = out.replace("They has", "They have").replace("they was", "they were")
    return out


def _as_form(sentences, sides, extra=None):
    """A review written as a form, as many companies do: strengths and development areas as lists
    under their headings (ml.review.sections reads each item on its heading's side)."""
    parts = []
    for heading, wanted in (("Strengths:", True), ("Areas for development:", False)):
        items = [s for s, side in zip(sentences, sides) if side is wanted]
        if items:
            parts.append("\n".join([heading] + ["- " + s for s in items]))
    if extra:
        parts.append(extra)
    return "\n\n".join(parts)


def reviewed_quarter(review_date):
    """The calendar quarter a review written on ``review_date`` (a date) covers, e.g. "2026 Q3"
    for a review of early October: the quarter that ended before it."""
    covered = review_date - datetime.timedelta(days=45)
    return "%d Q%d" % (covered.year, (covered.month - 1) // 3 + 1)


def plan_reviews(employees, seed=42):
    """[{employee (key), days_ago, body, rating}] for the demo employees (dicts with key and
    name), four reviews each, deterministic; the review's period is the quarter before its date
    (``reviewed_quarter``). Every third employee's latest review is written as a form (``_as_form``)."""
    rng = random.Random("%s-reviews" % seed)
    rows = []
    dims = sorted(POOLS)
    for index, emp in enumerate(employees):
        first = emp["name"].split()[0]
        pron = PRONOUNS[rng.randrange(3)]
        level = {d: rng.gauss(0.3, 0.5) for d in dims}
        drift = {d: rng.choice([-0.25, 0.0, 0.0, 0.25]) for d in dims}
        for q, days_ago in enumerate(QUARTERS_DAYS_AGO):
            chosen = rng.sample(dims, 4)
            sentences, sides = [], []
            for d in chosen:
                positive = rng.random() < 1 / (1 + 2.718 ** (-3 * (level[d] + drift[d] * q)))
                sentences.append(rng.choice(POOLS[d][0 if positive else 1]))
                sides.append(positive)
            extra = None
            if rng.random() < 0.3:
                kind = rng.choice(sorted(EXTRAS))
                extra = (rng.randrange(len(sentences) + 1), rng.choice(EXTRAS[kind]))
            if q == len(QUARTERS_DAYS_AGO) - 1 and index % 3 == 0:
                body = _as_form([_fill(s, first, pron) for s in sentences], sides,
                                _fill(extra[1], first, pron) if extra else None)
            else:
                if extra:
                    sentences.insert(*extra)
                body = " ".join(_fill(s, first, pron) for s in sentences)
            mean = sum(level[d] + drift[d] * q for d in chosen) / len(chosen)
            rating = str(max(1, min(5, round(3 + 2 * mean + rng.gauss(0, 0.4)))))
            rows.append({"employee": emp["key"], "days_ago": days_ago, "rating": rating, "body": body})
    return rows
