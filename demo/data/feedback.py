"""Phrase banks for employee feedback comments (plain data, no Odoo, no ML).

Comments are unlabelled: the sentiment model labels them. Their tone follows a per
department trajectory over the last 12 months (TONE_TRAJECTORY) so trends mean
something in the demo.
"""

GENERIC = {
    "positive": [
        "I really enjoy working with my team.",
        "My manager gives me clear and useful feedback.",
        "I feel trusted to organise my own work.",
        "The flexible hours make a real difference for my family.",
        "I learned a lot this quarter and I am proud of what we shipped.",
        "Colleagues are always willing to help when I am stuck.",
        "I feel my work is recognised.",
        "Team spirit is great at the moment.",
        "The onboarding of the new people went smoothly.",
        "I appreciate that leadership explained the strategy openly.",
    ],
    "neutral": [
        "Nothing special to report this month.",
        "We moved to the new office floor last week.",
        "Most of my time went to routine tasks.",
        "The quarterly planning meeting is next Tuesday.",
        "I attended the all-hands meeting.",
        "Workload was about the same as last month.",
        "We had two people on holiday, so priorities shifted a bit.",
        "I am working on the same project as before.",
    ],
    "negative": [
        "I feel overwhelmed by the workload.",
        "Decisions change every week and nobody explains why.",
        "I do not see how I can grow here.",
        "Meetings eat most of my day and I cannot focus.",
        "I have not had a one-to-one with my manager in two months.",
        "Salaries have not kept up with the cost of living.",
        "I am tired and I think several of us are close to burning out.",
        "Communication between teams has become really poor.",
        "I do not feel listened to when I raise problems.",
        "Honestly, I am starting to look elsewhere.",
    ],
    "mixed": [
        "The project is interesting, but the deadlines are unrealistic.",
        "My team is great; the tools we are given are not.",
        "Good progress overall, although the reorganisation is still confusing.",
        "I like my work, but I would like more clarity on my career path.",
        "Not bad, not great: the workload is fine but recognition is lacking.",
    ],
}

# Department-specific material: the things people of that department talk about.
DEPARTMENT_TOPICS = {
    "Research & Development": {
        "positive": ["The new CI pipeline saves us hours every week.", "Code reviews have become constructive and quick.",
                     "We finally got time to pay down technical debt."],
        "neutral": ["We are migrating the services to the new framework version.", "Sprint planning moved to Monday mornings."],
        "negative": ["Production incidents keep interrupting the sprint.", "We ship features without time to test them properly.",
                     "The legacy code base makes every change painful."],
    },
    "IT Infrastructure": {
        "positive": ["The on-call rotation is fairer since we hired two more engineers.", "Automation removed most of the manual patching."],
        "neutral": ["The data-centre migration is scheduled for next quarter.", "We updated the backup procedure documentation."],
        "negative": ["Night pages every week are wearing me down.", "We are asked to support too many tools with too few people."],
    },
    "Sales": {
        "positive": ["Hitting quota this quarter felt great.", "The new commission plan is clear and fair.",
                     "Marketing leads have really improved."],
        "neutral": ["Territories were redistributed in the last sales meeting.", "The CRM fields changed again."],
        "negative": ["The new quotas are simply not achievable.", "Since the reorganisation nobody knows who owns which account.",
                     "Too many deals are lost because product promises are not delivered."],
    },
    "Marketing": {
        "positive": ["The campaign results were celebrated by the whole company.", "We have a good creative process now."],
        "neutral": ["The brand guidelines were updated.", "We are testing a new newsletter format."],
        "negative": ["Budgets are cut in the middle of campaigns.", "Sales ignores the leads we bring."],
    },
    "Finance": {
        "positive": ["The new close checklist makes month-end much calmer.", "Automation of bank imports saved us a lot of time."],
        "neutral": ["The auditors arrive in March.", "We changed the approval flow for supplier invoices."],
        "negative": ["Month-end closes mean late nights every single time.", "Other departments send their expense reports weeks late."],
    },
    "Human Resources": {
        "positive": ["The engagement survey results were shared openly.", "I like the new learning budget."],
        "neutral": ["The HRIS migration is planned for the summer.", "We are reviewing the leave policy."],
        "negative": ["We handle far too many cases with a small team.", "Managers push difficult conversations onto HR."],
    },
    "Operations": {
        "positive": ["The new scanners make picking faster.", "Safety on the floor has clearly improved.",
                     "Shift planning is published earlier now."],
        "neutral": ["Peak season starts in November.", "We are reorganising the picking zones."],
        "negative": ["We are understaffed on the late shift.", "The heat in the warehouse is hard to bear in summer.",
                     "Overtime is expected but not planned."],
    },
    "Customer Service": {
        "positive": ["Customers thank us more often since the new release.", "The knowledge base makes answers quicker.",
                     "Our team lead protects us from impossible targets."],
        "neutral": ["Ticket volume was in line with the forecast.", "We changed the chat opening hours."],
        "negative": ["The ticket backlog keeps growing and customers are angry.", "We get blamed for bugs we cannot fix.",
                     "Targets on handling time push us to rush customers."],
    },
}

# Probability that a comment is positive / negative at month m (0 = 12 months ago,
# 11 = this month), per department: (start positive, end positive, start negative,
# end negative). The rest is neutral or mixed. Drifts are linear; Sales has a dip
# after a reorganisation around month 6.
TONE_TRAJECTORY = {
    "Research & Development": (0.40, 0.62, 0.30, 0.12),   # improving
    "IT Infrastructure": (0.45, 0.50, 0.25, 0.22),         # stable
    "Sales": (0.58, 0.28, 0.14, 0.48),                     # degrading
    "Marketing": (0.48, 0.52, 0.20, 0.18),                 # stable
    "Finance": (0.35, 0.45, 0.33, 0.25),                   # slowly improving
    "Human Resources": (0.50, 0.46, 0.18, 0.22),           # stable
    "Operations": (0.50, 0.30, 0.20, 0.42),                # degrading
    "Customer Service": (0.30, 0.58, 0.42, 0.15),          # clearly improving
}
SALES_REORG_MONTH = 6

SOURCES = [("pulse", 0.55), ("one_on_one", 0.30), ("other", 0.12), ("exit", 0.03)]

EXIT_LINES = [
    "I am leaving for a role with better growth prospects.",
    "I am leaving because the workload was not sustainable.",
    "Thank you for the years here; I am moving to another city.",
    "The pay offered elsewhere was significantly higher.",
]
